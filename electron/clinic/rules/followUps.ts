import { FOLLOW_UP_DUE, FOLLOW_UP_TIME_POINTS, type FollowUpTimePoint } from '../domain/vocabulary'
import { addDaysTo, addMonthsTo, daysBetween, type LocalDate } from './calendar'
import { programEndDate } from './programWeek'

/** A follow-up may be taken this many days before its date and is overdue this many days after it. */
export const FOLLOW_UP_WINDOW = { daysBefore: 3, daysAfter: 7 } as const

export interface ScheduledFollowUp {
  timePoint: FollowUpTimePoint
  dueOn: LocalDate
}

/**
 * The follow-ups for a program starting on startDate (docs/clinical-basis.md,
 * "Outcomes and time points"), each on the day FOLLOW_UP_DUE gives: the middle
 * (end of week 4) and the end (end of week 8) of the program, and 3 and 6 months
 * after it ends.
 */
export function followUpSchedule(startDate: LocalDate): ScheduledFollowUp[] {
  const end = programEndDate(startDate)
  return FOLLOW_UP_TIME_POINTS.map((timePoint) => {
    const due = FOLLOW_UP_DUE[timePoint]
    return { timePoint, dueOn: due.from === 'start' ? addDaysTo(startDate, due.days) : addMonthsTo(end, due.months) }
  })
}

/** missed: never taken, and the next time point's window has opened since (the clinic moves on to it). */
export type FollowUpStatus = 'done' | 'upcoming' | 'due' | 'overdue' | 'missed'

export function followUpStatus(dueOn: LocalDate, done: boolean, today: LocalDate): FollowUpStatus {
  if (done) return 'done'
  const days = daysBetween(today, dueOn)
  if (days > FOLLOW_UP_WINDOW.daysBefore) return 'upcoming'
  if (days >= -FOLLOW_UP_WINDOW.daysAfter) return 'due'
  return 'overdue'
}

const open = (status: FollowUpStatus) => status === 'due' || status === 'overdue'

/**
 * The status of each of an enrollment's follow-ups, in schedule order. A follow-up
 * not taken by the time a later one is due (or done) counts as missed, so an old
 * overdue week 4 does not stand in front of week 8 for ever.
 */
export function followUpStatuses(followUps: readonly { dueOn: LocalDate; done: boolean }[], today: LocalDate): FollowUpStatus[] {
  const statuses = followUps.map((f) => followUpStatus(f.dueOn, f.done, today))
  return statuses.map((status, i) =>
    open(status) && statuses.slice(i + 1).some((later) => open(later) || later === 'done') ? 'missed' : status,
  )
}

/** The follow-up to take next: the one due or overdue now, else the next upcoming one; null when none is left. */
export function nextFollowUpIndex(statuses: readonly FollowUpStatus[]): number | null {
  const current = statuses.findIndex(open)
  if (current >= 0) return current
  const upcoming = statuses.indexOf('upcoming')
  return upcoming >= 0 ? upcoming : null
}
