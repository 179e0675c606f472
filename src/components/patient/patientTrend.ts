import type { PatientRecord, SessionView } from '@clinic/contract'
import { addDaysTo, daysBetween } from '@clinic/rules/calendar'
import { PROGRAM_WEEKS } from '@clinic/rules/programWeek'

/** What the patient chart plots: every score on a 0–10 scale, by date. */
export const TREND_MEASURES = ['runningPain', 'painBefore', 'homePain', 'runability'] as const
export type TrendMeasure = (typeof TREND_MEASURES)[number]

export interface TrendPoint {
  date: string
  measure: TrendMeasure
  value: number
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** One program week of the home log: days done of days planned, and the median pain of the days done. */
export interface HomeWeek {
  week: number
  from: string
  to: string
  done: number
  planned: number
  /** Days logged at all (done or not) that week. */
  logged: number
  medianPain: number | null
}

/**
 * The home log by program week, from week 1 to the current week (all 8 once the
 * program is over) and any later week already logged. Home sessions only.
 */
export function homeWeeks(
  record: Pick<PatientRecord, 'sessions' | 'currentWeek' | 'status'> & {
    assignment: { startDate: string; homeSessionsPerWeek: number } | null
  },
): HomeWeek[] {
  if (!record.assignment) return []
  const { startDate, homeSessionsPerWeek } = record.assignment
  // Voided days (entered in error) are not counted.
  const home = record.sessions.filter((s) => s.kind === 'home' && !s.voided)
  const reached = record.currentWeek ?? (record.status === 'completed' ? PROGRAM_WEEKS : 0)
  const last = Math.max(reached, ...home.map((s) => s.week))
  return Array.from({ length: Math.min(last, PROGRAM_WEEKS) }, (_, i) => {
    const week = i + 1
    const days = home.filter((s) => s.week === week)
    const done = days.filter((s) => s.attended)
    return {
      week,
      from: addDaysTo(startDate, 7 * i),
      to: addDaysTo(startDate, 7 * i + 6),
      done: done.length,
      planned: homeSessionsPerWeek,
      logged: days.length,
      medianPain: median(done.flatMap((s) => (s.painBefore === null ? [] : [s.painBefore]))),
    }
  })
}

/** The sessions seen by the therapist: supervised ones (the home log has its own section). */
export const supervisedSessions = (sessions: readonly SessionView[]) => sessions.filter((s) => s.kind === 'supervised')

/**
 * Running pain and runability from the assessments, pain before each attended
 * supervised session, and home pain as each week's median (at the middle of the week); by date.
 * Voided records (entered in error) are not plotted.
 */
export function trendPoints(all: Parameters<typeof homeWeeks>[0] & Pick<PatientRecord, 'assessments'>): TrendPoint[] {
  const record = { ...all, assessments: all.assessments.filter((a) => !a.voided), sessions: all.sessions.filter((s) => !s.voided) }
  const points: TrendPoint[] = [
    ...record.assessments.map((a) => ({ date: a.assessedOn, measure: 'runningPain' as const, value: a.runningPain })),
    ...supervisedSessions(record.sessions)
      .filter((s) => s.attended && s.painBefore !== null)
      .map((s) => ({ date: s.sessionDate, measure: 'painBefore' as const, value: s.painBefore ?? 0 })),
    ...homeWeeks(record).flatMap((w) =>
      w.medianPain === null ? [] : [{ date: addDaysTo(w.from, 3), measure: 'homePain' as const, value: w.medianPain }],
    ),
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
