import type { PatientRecord, SessionView } from '../contract/views'
import type { TimePoint } from '../domain/vocabulary'
import {
  changeFromBaseline,
  runnerAttendance,
  sitToStandSeries,
  type ChangeRow as RunnerChangeRow,
  type RunnerAttendance,
  type SitToStandRow,
} from '../stats/runnerFigures'

export type { MeasureChange } from '../stats/runnerFigures'

/*
 * What a runner's progress report says, as plain data from the patient record:
 * change from baseline at each assessment, responder status, attendance and the
 * latest session notes. Pure, so the printed report, a test and any later export
 * read the same figures. Attendance and change come from stats/runnerFigures.ts,
 * as on the patient page; the responder rule lives in stats/responders.ts.
 */

/** At most this many session notes on the report (most recent first), each cut at about NOTE_MAX_CHARACTERS. */
export const REPORT_MAX_NOTES = 5
export const NOTE_MAX_CHARACTERS = 220

export type ChangeRow = RunnerChangeRow<TimePoint>

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
  /** The optional sit-to-stand tests (leg strength), oldest first; empty when none was taken. */
  sitToStand: SitToStandRow<TimePoint>[]
  attendance: RunnerAttendance
  notes: ProgressNote[]
  /** Notes left off the report (older ones). */
  notesOmitted: number
}

/** Cuts a note at a word boundary near `max` characters, so the report stays on its pages. */
export function shortenNote(text: string, max = NOTE_MAX_CHARACTERS): { text: string; truncated: boolean } {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return { text: clean, truncated: false }
  const cut = clean.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return { text: `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')} …`, truncated: true }
}

function notesOf(sessions: readonly SessionView[]) {
  const withNotes = sessions
    .filter((s) => s.notes && s.notes.trim())
    .sort((a, b) => b.sessionDate.localeCompare(a.sessionDate) || b.sessionId - a.sessionId)
  const notes = withNotes.slice(0, REPORT_MAX_NOTES).map((s) => ({ sessionDate: s.sessionDate, week: s.week, ...shortenNote(s.notes ?? '') }))
  return { notes, notesOmitted: withNotes.length - notes.length }
}

/** The runner's progress from their records; voided records (entered in error) are left out. */
export function patientProgress(all: Pick<PatientRecord, 'assessments' | 'sessions'>): PatientProgress {
  const record = { assessments: all.assessments.filter((a) => !a.voided), sessions: all.sessions.filter((s) => !s.voided) }
  const { baseline: first, changes } = changeFromBaseline(record.assessments)
  const baseline = first ? { assessedOn: first.assessedOn, runningPain: first.runningPain, runability: first.runability } : null
  return {
    baseline,
    changes,
    latest: changes[changes.length - 1] ?? null,
    sitToStand: sitToStandSeries(record.assessments),
    attendance: runnerAttendance(record.sessions),
    ...notesOf(record.sessions),
  }
}
