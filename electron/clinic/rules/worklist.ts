import { addDaysTo, daysBetween, type LocalDate } from './calendar'
import { followUpStatuses } from './followUps'
import { programPhase, SUPERVISED_SESSIONS_PER_WEEK } from './programWeek'
import type { FollowUpTimePoint, SessionKind } from '../domain/vocabulary'

/** A runner in the program with no visit for this many days is listed to be contacted. */
export const NOT_SEEN_DAYS = 14
/** Missed sessions of this many past days are listed (to call the runner and rebook). */
export const MISSED_SESSION_DAYS = 7

export type WorklistKind = 'supervised_session' | 'assessment' | 'missed_session' | 'not_seen' | 'awaiting_clearance'

export interface WorklistEnrollment {
  enrollmentId: number
  startDate: LocalDate
  /** The last day the runner attended a session (supervised or at home), or null. */
  lastSeenOn: LocalDate | null
  /** Supervised and home sessions recorded in the last NOT_SEEN_DAYS days. */
  recentSessions: { kind: SessionKind; sessionDate: LocalDate; attended: boolean }[]
  /** In schedule order. */
  followUps: { timePoint: FollowUpTimePoint; dueOn: LocalDate; done: boolean }[]
}

export interface WorklistEntry {
  kind: WorklistKind
  enrollmentId: number
  dueOn: LocalDate
  timePoint: FollowUpTimePoint | null
  overdue: boolean
}

/**
 * What is due today for one runner:
 * - a supervised session: in weeks 1–8 with fewer than 2 days with a supervised session recorded this program week;
 * - a follow-up assessment due or overdue (a follow-up passed by a later one counts as missed and is not listed);
 * - each supervised session missed in the last 7 days;
 * - not seen: in the program for 14 days or more and no visit in the last 14 days.
 */
export function worklistEntries(enrollment: WorklistEnrollment, today: LocalDate): WorklistEntry[] {
  const entries: WorklistEntry[] = []
  const { enrollmentId } = enrollment
  const phase = programPhase(enrollment.startDate, today)
  if (phase.phase === 'in_program') {
    const weekStart = addDaysTo(enrollment.startDate, (phase.week - 1) * 7)
    const thisWeek = enrollment.recentSessions.filter(
      (s) => s.kind === 'supervised' && s.sessionDate >= weekStart && s.sessionDate <= today,
    )
    // Days, not records: one visit entered twice is one visit.
    if (new Set(thisWeek.map((s) => s.sessionDate)).size < SUPERVISED_SESSIONS_PER_WEEK) {
      entries.push({ kind: 'supervised_session', enrollmentId, dueOn: today, timePoint: null, overdue: false })
    }
  }
  const statuses = followUpStatuses(enrollment.followUps, today)
  enrollment.followUps.forEach((f, i) => {
    if (statuses[i] === 'due' || statuses[i] === 'overdue') {
      entries.push({ kind: 'assessment', enrollmentId, dueOn: f.dueOn, timePoint: f.timePoint, overdue: statuses[i] === 'overdue' })
    }
  })
  for (const s of enrollment.recentSessions) {
    const ago = daysBetween(s.sessionDate, today)
    if (s.kind === 'supervised' && !s.attended && ago >= 0 && ago < MISSED_SESSION_DAYS) {
      entries.push({ kind: 'missed_session', enrollmentId, dueOn: s.sessionDate, timePoint: null, overdue: false })
    }
  }
  if (phase.phase === 'in_program' && daysBetween(enrollment.startDate, today) >= NOT_SEEN_DAYS) {
    const lastSeen = enrollment.lastSeenOn ?? enrollment.startDate
    if (daysBetween(lastSeen, today) >= NOT_SEEN_DAYS) {
      entries.push({ kind: 'not_seen', enrollmentId, dueOn: addDaysTo(lastSeen, NOT_SEEN_DAYS), timePoint: null, overdue: false })
    }
  }
  return entries
}
