import type { PatientRecord } from '@clinic/contract'
import { addDaysTo, daysBetween } from '@clinic/rules/calendar'

/** What the patient chart plots: every score on a 0–10 scale, by date. */
export const TREND_MEASURES = ['runningPain', 'painBefore', 'runability'] as const
export type TrendMeasure = (typeof TREND_MEASURES)[number]

export interface TrendPoint {
  date: string
  measure: TrendMeasure
  value: number
}

/** Running pain and runability from the assessments, pain before each attended session; by date. */
export function trendPoints(record: Pick<PatientRecord, 'assessments' | 'sessions'>): TrendPoint[] {
  const points: TrendPoint[] = [
    ...record.assessments.map((a) => ({ date: a.assessedOn, measure: 'runningPain' as const, value: a.runningPain })),
    ...record.sessions
      .filter((s) => s.attended && s.painBefore !== null)
      .map((s) => ({ date: s.sessionDate, measure: 'painBefore' as const, value: s.painBefore ?? 0 })),
    ...record.assessments.map((a) => ({ date: a.assessedOn, measure: 'runability' as const, value: a.runability })),
  ]
  const order = (m: TrendMeasure) => TREND_MEASURES.indexOf(m)
  // A stable sort keeps sessions of the same day in the order they were recorded.
  return points.sort((a, b) => a.date.localeCompare(b.date) || order(a.measure) - order(b.measure))
}

/**
 * The chart's x axis counts days from the first score, so that twice-weekly
 * sessions and follow-ups months later sit at their real distance.
 */
export function trendAxis(points: readonly TrendPoint[]) {
  const first = points[0]?.date ?? null
  const span = first ? daysBetween(first, points[points.length - 1].date) : 0
  return {
    /** Ticks a whole number of weeks apart, about eight of them at most. */
    stepDays: 7 * Math.max(1, Math.ceil(span / 7 / 8)),
    dayOf: (date: string) => (first ? daysBetween(first, date) : 0),
    dateOf: (day: number) => (first ? addDaysTo(first, Math.round(day)) : ''),
  }
}
