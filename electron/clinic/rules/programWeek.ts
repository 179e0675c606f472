import { addDaysTo, daysBetween, type LocalDate } from './calendar'

/** Every program lasts 8 weeks with 2 supervised sessions a week (trial article; docs/clinical-basis.md "The programs"). */
export const PROGRAM_WEEKS = 8
export const SUPERVISED_SESSIONS_PER_WEEK = 2

export type ProgramPhase =
  | { phase: 'not_started'; startsInDays: number }
  | { phase: 'in_program'; week: number }
  | { phase: 'completed'; daysSinceEnd: number }

/** Week 1 is the start date and the six days after it. */
export function programPhase(startDate: LocalDate, day: LocalDate): ProgramPhase {
  const days = daysBetween(startDate, day)
  if (days < 0) return { phase: 'not_started', startsInDays: -days }
  const week = Math.floor(days / 7) + 1
  if (week > PROGRAM_WEEKS) return { phase: 'completed', daysSinceEnd: days - PROGRAM_WEEKS * 7 + 1 }
  return { phase: 'in_program', week }
}

/**
 * The week whose dosage applies on a day: week 1 before the start, week 8 after
 * the end (a session recorded late still gets the last week's dosage).
 */
export function dosageWeek(startDate: LocalDate, day: LocalDate): number {
  const phase = programPhase(startDate, day)
  if (phase.phase === 'not_started') return 1
  if (phase.phase === 'completed') return PROGRAM_WEEKS
  return phase.week
}

/** The last day of the program: start + 8 weeks − 1 day. */
export const programEndDate = (startDate: LocalDate): LocalDate => addDaysTo(startDate, PROGRAM_WEEKS * 7 - 1)
