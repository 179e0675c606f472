import type { LocalDate } from '../rules/calendar'
import { adherence, countByWeek, weeksElapsed, type Adherence } from './adherence'
import { change, improvement } from './change'
import { SUPERVISED_SESSIONS_PLANNED } from './constants'
import { isResponder } from './responders'
import { CORE_MEASURES, type CoreMeasure, type SessionKind } from '../domain/vocabulary'

/*
 * One runner's figures, defined once: the patient page, the progress report and
 * (per runner, before averaging) the group comparison and group report count
 * them the same way. The group side reads them from SQL for speed
 * (db/repositories/outcomes.ts: cohortRows, deliveryRows) with these rules;
 * tests/integration/figures.test.ts checks that all of them agree.
 *
 * - Attendance: days with a supervised session attended, of the SUPERVISED_SESSIONS_PLANNED
 *   of the whole program; missed = supervised sessions recorded as missed.
 * - Adherence: days with a session done in the completed program weeks, against those
 *   planned in them; at most the planned number counts in any one week.
 *   Voided records (entered in error) are left out before any of these.
 * - Change: each assessment after the baseline minus the baseline, per measure
 *   (follow-up − baseline; improvement turned so that positive is better).
 */

/** A session as the figures need it; voided sessions (entered in error) are left out by the caller. */
export interface SessionFacts {
  kind: SessionKind
  sessionDate: string
  week: number
  attended: boolean
  missedReason: string | null
}

export interface AssessmentFacts {
  assessmentId: number
  timePoint: string
  assessedOn: string
  runningPain: number
  runability: number
}

export interface RunnerAttendance {
  planned: number
  attended: number
  missed: number
  /** attended / planned × 100. */
  percent: number
  /** The reasons given for missed supervised sessions, most frequent first. */
  missedReasons: { reason: string; count: number }[]
}

export function runnerAttendance(sessions: readonly SessionFacts[]): RunnerAttendance {
  const supervised = sessions.filter((s) => s.kind === 'supervised')
  const missed = supervised.filter((s) => !s.attended)
  const reasons = new Map<string, { reason: string; count: number }>()
  for (const session of missed) {
    const reason = (session.missedReason ?? '').trim()
    if (!reason) continue
    const key = reason.toLowerCase()
    const entry = reasons.get(key) ?? { reason, count: 0 }
    entry.count++
    reasons.set(key, entry)
  }
  // Days, not records: one visit entered twice is one visit.
  const attended = new Set(supervised.filter((s) => s.attended).map((s) => s.sessionDate)).size
  return {
    planned: SUPERVISED_SESSIONS_PLANNED,
    attended,
    missed: missed.length,
    percent: (100 * attended) / SUPERVISED_SESSIONS_PLANNED,
    missedReasons: [...reasons.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  }
}

export interface RunnerAdherence {
  /** Completed program weeks (0–8): the weeks whose sessions are due. */
  weeksElapsed: number
  home: Adherence
  supervised: Adherence
}

/** Home and supervised adherence so far, for a program started on startDate with its sessions a week. */
export function runnerAdherence(
  sessions: readonly SessionFacts[],
  plan: { startDate: LocalDate; homePerWeek: number; supervisedPerWeek: number },
  today: LocalDate,
): RunnerAdherence {
  const weeks = weeksElapsed(plan.startDate, today)
  // A day counts once however many sessions of the kind it holds.
  const doneByWeek = (kind: SessionFacts['kind']) =>
    countByWeek([...new Map(sessions.filter((s) => s.kind === kind && s.attended).map((s) => [s.sessionDate, s.week])).values()])
  return {
    weeksElapsed: weeks,
    home: adherence(doneByWeek('home'), plan.homePerWeek, weeks),
    supervised: adherence(doneByWeek('supervised'), plan.supervisedPerWeek, weeks),
  }
}

export interface MeasureChange {
  score: number
  /** Follow-up − baseline as recorded (negative: pain fell). */
  change: number
  /** Positive is better, for either measure. */
  improvement: number
  /** Improvement as a share of the baseline score (0–100), null when the baseline is 0. */
  improvementPercent: number | null
  responder: boolean
}

export interface ChangeRow<T extends string = string> {
  assessmentId: number
  timePoint: T
  assessedOn: string
  /** Pain and runability (every assessment has both); the optional sit-to-stand test is listed apart. */
  measures: Record<CoreMeasure, MeasureChange>
}

function measureChange(measure: CoreMeasure, baseline: number, followUp: number): MeasureChange {
  const pair = { baseline, followUp }
  const gain = improvement(measure, pair)
  return {
    score: followUp,
    change: change(pair),
    improvement: gain,
    improvementPercent: baseline > 0 ? (100 * gain) / baseline : null,
    responder: isResponder(measure, pair),
  }
}

const byDate = (a: AssessmentFacts, b: AssessmentFacts) => a.assessedOn.localeCompare(b.assessedOn) || a.assessmentId - b.assessmentId

/** The baseline and the change at every later assessment, oldest first; no rows without a baseline. */
export function changeFromBaseline<A extends AssessmentFacts>(assessments: readonly A[]): { baseline: A | null; changes: ChangeRow<A['timePoint']>[] } {
  const sorted = [...assessments].sort(byDate)
  const baseline = sorted.find((a) => a.timePoint === 'baseline') ?? null
  if (!baseline) return { baseline, changes: [] }
  const changes = sorted
    .filter((a) => a !== baseline)
    .map((a): ChangeRow<A['timePoint']> => ({
      assessmentId: a.assessmentId,
      timePoint: a.timePoint,
      assessedOn: a.assessedOn,
      measures: Object.fromEntries(CORE_MEASURES.map((m) => [m, measureChange(m, baseline[m], a[m])])) as Record<CoreMeasure, MeasureChange>,
    }))
  return { baseline, changes }
}

/** One sit-to-stand test: the repetitions in 30 s and the change from the baseline test (null without one). */
export interface SitToStandRow<T extends string = string> {
  assessmentId: number
  timePoint: T
  assessedOn: string
  reps: number
  /** Repetitions minus those at baseline: positive is stronger. */
  change: number | null
}

/** The runner's sit-to-stand tests, oldest first (the optional leg-strength test; assessments without one are left out). */
export function sitToStandSeries<A extends Pick<AssessmentFacts, 'assessmentId' | 'timePoint' | 'assessedOn'> & { sitToStandReps: number | null }>(
  assessments: readonly A[],
): SitToStandRow<A['timePoint']>[] {
  const tested = assessments
    .filter((a): a is A & { sitToStandReps: number } => a.sitToStandReps !== null)
    .sort((a, b) => a.assessedOn.localeCompare(b.assessedOn) || a.assessmentId - b.assessmentId)
  const baseline = tested.find((a) => a.timePoint === 'baseline')?.sitToStandReps ?? null
  return tested.map((a) => ({
    assessmentId: a.assessmentId,
    timePoint: a.timePoint,
    assessedOn: a.assessedOn,
    reps: a.sitToStandReps,
    change: baseline === null || a.timePoint === 'baseline' ? null : a.sitToStandReps - baseline,
  }))
}
