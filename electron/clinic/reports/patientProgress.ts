import type { AssessmentView, PatientRecord, SessionView } from '../contract/views'
import { change, improvement } from '../stats/change'
import { isResponder } from '../stats/responders'
import { SUPERVISED_SESSIONS_PLANNED } from '../stats/constants'
import { MEASURES, type Measure, type TimePoint } from '../domain/vocabulary'

/*
 * What a runner's progress report says, as plain data from the patient record:
 * change from baseline at each assessment, responder status, attendance and the
 * latest session notes. Pure, so the printed report, a test and any later export
 * read the same figures. The responder rule itself lives in stats/responders.ts.
 */

/** At most this many session notes on the report (most recent first), each cut at about NOTE_MAX_CHARACTERS. */
export const REPORT_MAX_NOTES = 5
export const NOTE_MAX_CHARACTERS = 220

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

export interface ChangeRow {
  timePoint: TimePoint
  assessedOn: string
  measures: Record<Measure, MeasureChange>
}

export interface ProgressNote {
  sessionDate: string
  week: number
  text: string
  truncated: boolean
}

export interface PatientProgress {
  baseline: { assessedOn: string; runningPain: number; runability: number } | null
  /** Every assessment after baseline, oldest first. */
  changes: ChangeRow[]
  /** Responder status at the latest assessment after baseline; null before the first one. */
  latest: ChangeRow | null
  attendance: {
    planned: number
    attended: number
    missed: number
    /** The reasons given for missed supervised sessions, most frequent first. */
    missedReasons: { reason: string; count: number }[]
  }
  notes: ProgressNote[]
  /** Notes left off the report (older ones). */
  notesOmitted: number
}

const byDate = (a: AssessmentView, b: AssessmentView) => a.assessedOn.localeCompare(b.assessedOn) || a.assessmentId - b.assessmentId

function measureChange(measure: Measure, baseline: number, followUp: number): MeasureChange {
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

/** Cuts a note at a word boundary near `max` characters, so the report stays on its pages. */
export function shortenNote(text: string, max = NOTE_MAX_CHARACTERS): { text: string; truncated: boolean } {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return { text: clean, truncated: false }
  const cut = clean.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return { text: `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')} …`, truncated: true }
}

function attendanceOf(sessions: readonly SessionView[]): PatientProgress['attendance'] {
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
  return {
    planned: SUPERVISED_SESSIONS_PLANNED,
    attended: supervised.length - missed.length,
    missed: missed.length,
    missedReasons: [...reasons.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  }
}

function notesOf(sessions: readonly SessionView[]) {
  const withNotes = sessions
    .filter((s) => s.notes && s.notes.trim())
    .sort((a, b) => b.sessionDate.localeCompare(a.sessionDate) || b.sessionId - a.sessionId)
  const notes = withNotes.slice(0, REPORT_MAX_NOTES).map((s) => ({ sessionDate: s.sessionDate, week: s.week, ...shortenNote(s.notes ?? '') }))
  return { notes, notesOmitted: withNotes.length - notes.length }
}

export function patientProgress(record: Pick<PatientRecord, 'assessments' | 'sessions'>): PatientProgress {
  const assessments = [...record.assessments].sort(byDate)
  const first = assessments.find((a) => a.timePoint === 'baseline') ?? null
  const baseline = first ? { assessedOn: first.assessedOn, runningPain: first.runningPain, runability: first.runability } : null
  const changes: ChangeRow[] = baseline
    ? assessments
        .filter((a) => a !== first)
        .map((a) => ({
          timePoint: a.timePoint,
          assessedOn: a.assessedOn,
          measures: Object.fromEntries(MEASURES.map((m) => [m, measureChange(m, baseline[m], a[m])])) as Record<Measure, MeasureChange>,
        }))
    : []
  return {
    baseline,
    changes,
    latest: changes[changes.length - 1] ?? null,
    attendance: attendanceOf(record.sessions),
    ...notesOf(record.sessions),
  }
}
