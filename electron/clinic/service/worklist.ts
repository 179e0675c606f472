import { awaitingClearanceRows, followUpsOf, sessionsBetween, worklistEnrollmentRows } from '../../../db/repositories/worklist'
import type { ParsedInputOf, Worklist, WorklistItem } from '../contract'
import { addDaysTo } from '../rules/calendar'
import { NOT_SEEN_DAYS, worklistEntries, type WorklistEntry } from '../rules/worklist'
import { programMayStart } from '../rules/redFlags'
import type { ServiceContext } from './context'
import type { FollowUpTimePoint } from '../domain/vocabulary'

const KIND_ORDER: WorklistItem['kind'][] = ['assessment', 'supervised_session', 'missed_session', 'not_seen', 'awaiting_clearance']

/** The form that does an item: the session form, the follow-up on the patient page, or the patient page. */
function routeOf(entry: WorklistEntry, patientId: number): string {
  if (entry.kind === 'supervised_session') return `/patients/${patientId}/sessions/new`
  if (entry.kind === 'assessment') return `/patients/${patientId}?followUp=${entry.timePoint}`
  return `/patients/${patientId}`
}

/** Everything due on a day (today by default), grouped by kind, runners awaiting clearance last. A blinded assessor gets the assessments only. */
export async function worklistToday(ctx: ServiceContext, input: ParsedInputOf<'worklist', 'today'>): Promise<Worklist> {
  const date = input.date ?? ctx.today()
  const db = ctx.store.db
  const rows = await worklistEnrollmentRows(db)
  const ids = rows.map((r) => r.enrollmentId)
  const recent = await sessionsBetween(db, ids, addDaysTo(date, -NOT_SEEN_DAYS), date)
  const followUps = await followUpsOf(db, ids)
  const items: WorklistItem[] = []
  for (const row of rows) {
    const entries = worklistEntries(
      {
        enrollmentId: row.enrollmentId,
        startDate: row.startDate,
        // A visit after the day listed does not count (a worklist of an earlier day).
        lastSeenOn: recent.filter((s) => s.enrollmentId === row.enrollmentId && s.attended).at(-1)?.sessionDate ?? (row.lastSeenOn && row.lastSeenOn <= date ? row.lastSeenOn : null),
        recentSessions: recent.filter((s) => s.enrollmentId === row.enrollmentId),
        followUps: followUps
          .filter((f) => f.enrollmentId === row.enrollmentId)
          .map((f) => ({ timePoint: f.timePoint as FollowUpTimePoint, dueOn: f.dueOn, done: f.assessmentId !== null })),
      },
      date,
    )
    for (const entry of entries) {
      if (ctx.blinded && entry.kind !== 'assessment') continue
      // Withdrawn: no more sessions, but still invited to the follow-ups (intention to treat).
      if (row.withdrawnOn !== null && entry.kind !== 'assessment') continue
      // A red flag recorded since (a corrected screen) puts the program on hold until clearance.
      if (entry.kind === 'supervised_session' && !programMayStart(row.outcome, row.clearedOn)) continue
      items.push({
        kind: entry.kind,
        patientId: row.patientId,
        enrollmentId: row.enrollmentId,
        clinicId: row.clinicId,
        firstName: row.firstName,
        lastName: row.lastName,
        dueOn: entry.dueOn,
        timePoint: entry.timePoint,
        overdue: entry.overdue,
        route: routeOf(entry, row.patientId),
      })
    }
  }
  // Waiting for a physician's clearance: the therapist follows it up (the clearance form is on the patient page).
  if (!ctx.blinded) {
    for (const row of await awaitingClearanceRows(db)) {
      if (row.screenedOn > date) continue
      items.push({
        kind: 'awaiting_clearance',
        patientId: row.patientId,
        enrollmentId: row.enrollmentId,
        clinicId: row.clinicId,
        firstName: row.firstName,
        lastName: row.lastName,
        dueOn: row.screenedOn,
        timePoint: null,
        overdue: false,
        route: `/patients/${row.patientId}`,
      })
    }
  }
  items.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.dueOn.localeCompare(b.dueOn))
  return { date, items }
}
