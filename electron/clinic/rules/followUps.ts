import { addDaysTo, addMonthsTo, daysBetween, type LocalDate } from './calendar'
import { programEndDate } from './programWeek'

/**
 * The trial's assessment time points (PRODUCT.md, "Outcomes"): baseline at
 * enrollment, the middle (end of week 4) and the end (end of week 8) of the
 * program, and 3 and 6 months after it ends.
 */
export const FOLLOW_UP_TIME_POINTS = ['week_4', 'week_8', 'month_3', 'month_6'] as const
export type FollowUpTimePoint = (typeof FOLLOW_UP_TIME_POINTS)[number]

/** A follow-up may be taken this many days before its date and is overdue this many days after it. */
export const FOLLOW_UP_WINDOW = { daysBefore: 3, daysAfter: 7 } as const

export interface ScheduledFollowUp {
  timePoint: FollowUpTimePoint
  dueOn: LocalDate
}

export function followUpSchedule(startDate: LocalDate): ScheduledFollowUp[] {
  const end = programEndDate(startDate)
  return [
    { timePoint: 'week_4', dueOn: addDaysTo(startDate, 4 * 7 - 1) },
    { timePoint: 'week_8', dueOn: end },
    { timePoint: 'month_3', dueOn: addMonthsTo(end, 3) },
    { timePoint: 'month_6', dueOn: addMonthsTo(end, 6) },
  ]
}

export type FollowUpStatus = 'done' | 'upcoming' | 'due' | 'overdue'

export function followUpStatus(dueOn: LocalDate, done: boolean, today: LocalDate): FollowUpStatus {
  if (done) return 'done'
  const days = daysBetween(today, dueOn)
  if (days > FOLLOW_UP_WINDOW.daysBefore) return 'upcoming'
  if (days >= -FOLLOW_UP_WINDOW.daysAfter) return 'due'
  return 'overdue'
}
