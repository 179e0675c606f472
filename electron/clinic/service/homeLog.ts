import { insertAudit } from '../../../db/repositories/audit'
import { homeSessionsOn, insertSession, updateSession } from '../../../db/repositories/sessions'
import type { FieldError, ParsedInputOf } from '../contract'
import { ClinicError, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import { addDaysTo } from '../rules/calendar'
import type { ServiceContext } from './context'
import { assignedEnrollment } from './sessions'

/** Why an earlier home session changed: the runner's log for the week was entered again. */
export const HOME_LOG_REENTERED = 'home log re-entered'

/** The days of a program week: week 1 is the start date and the six days after it. */
export function programWeekDays(startDate: string, week: number): { first: string; last: string } {
  const first = addDaysTo(startDate, 7 * (week - 1))
  return { first, last: addDaysTo(first, 6) }
}

/**
 * A program week's home log from the returned sheet, in one transaction: a home
 * session per day (attended = done, pain before = the pain written down). A day
 * already recorded is corrected, the earlier values kept in the audit trail.
 */
export async function recordHomeWeek(ctx: ServiceContext, input: ParsedInputOf<'sessions', 'recordHomeWeek'>) {
  return ctx.store.transaction(async (tx) => {
    const { enrollment, assignment } = await assignedEnrollment(ctx, tx, input.enrollmentId)
    if (enrollment.withdrawnOn) throw ruleBroken(coded('runner_withdrawn'))
    const { first, last } = programWeekDays(assignment.startDate, input.week)
    const today = ctx.today()
    const fields: FieldError[] = input.days.flatMap((day, i): FieldError[] => {
      const path = `days.${i}.date`
      if (day.date < first || day.date > last) return [{ path, ...coded('day_outside_week') }]
      if (day.date > today) return [{ path, ...coded('date_in_future') }]
      return []
    })
    if (fields.length) throw new ClinicError('rule', fields[0], fields)

    const existing = await homeSessionsOn(tx, input.enrollmentId, input.days.map((d) => d.date))
    const sessionIds: number[] = []
    for (const day of input.days) {
      const values = { attended: day.done, painBefore: day.pain }
      const before = existing.find((s) => s.sessionDate === day.date)
      if (!before) {
        const session = await insertSession(
          tx,
          {
            enrollmentId: input.enrollmentId,
            kind: 'home',
            sessionDate: day.date,
            week: input.week,
            ...values,
            createdBy: ctx.actor,
          },
          [],
        )
        await insertAudit(tx, { tableName: 'sessions', recordId: session.id, action: 'create', after: session, actor: ctx.actor })
        sessionIds.push(session.id)
        continue
      }
      sessionIds.push(before.id)
      const changed = (['attended', 'painBefore'] as const).filter((field) => before[field] !== values[field])
      if (changed.length === 0) continue
      const changes = Object.fromEntries(changed.map((field) => [field, values[field]]))
      await updateSession(tx, before.id, changes, ctx.now())
      await insertAudit(tx, {
        tableName: 'sessions',
        recordId: before.id,
        action: 'update',
        before: Object.fromEntries(changed.map((field) => [field, before[field]])),
        after: changes,
        reason: HOME_LOG_REENTERED,
        actor: ctx.actor,
      })
    }
    return { sessionIds }
  })
}
