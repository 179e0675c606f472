import { addDaysTo, ageOn, type LocalDate } from './calendar'
import type { FollowUpTimePoint } from '../domain/vocabulary'

/*
 * Plausible dates (docs/clinical-basis.md, "Plausible dates"): what the clinic
 * refuses as a typing mistake, and the window around each follow-up's due date
 * outside which an assessment is a protocol deviation. All clinic defaults.
 */

/** Runners are enrolled aged 12 to 100 on the enrollment date. */
export const ENROLLMENT_AGE = { min: 12, max: 100 } as const

/** The program starts at most this many days after the enrollment. */
export const PROGRAM_START_MAX_DAYS = 60

/** Days either side of the due date within which a follow-up is in its window. */
export const ASSESSMENT_WINDOW_DAYS: Record<FollowUpTimePoint, number> = {
  week_4: 7,
  week_8: 7,
  month_3: 21,
  month_6: 21,
}

export function ageProblem(dateOfBirth: LocalDate, enrolledOn: LocalDate): { age: number } | null {
  const age = ageOn(dateOfBirth, enrolledOn)
  return age < ENROLLMENT_AGE.min || age > ENROLLMENT_AGE.max ? { age } : null
}

/** The last day the program may start. */
export const latestProgramStart = (enrolledOn: LocalDate): LocalDate => addDaysTo(enrolledOn, PROGRAM_START_MAX_DAYS)

/** The window around a follow-up's due date, both days included. */
export function assessmentWindow(timePoint: FollowUpTimePoint, dueOn: LocalDate): { from: LocalDate; to: LocalDate } {
  const days = ASSESSMENT_WINDOW_DAYS[timePoint]
  return { from: addDaysTo(dueOn, -days), to: addDaysTo(dueOn, days) }
}

export function withinWindow(timePoint: FollowUpTimePoint, dueOn: LocalDate, day: LocalDate): boolean {
  const { from, to } = assessmentWindow(timePoint, dueOn)
  return day >= from && day <= to
}
