import { daysBetween, type LocalDate } from './calendar'

/**
 * A program starts from a current baseline: when it would start more than
 * BASELINE_MAX_AGE_DAYS after the baseline was taken (e.g. after waiting weeks
 * for a physician's clearance), the runner's pain and runability may have
 * changed, and change from baseline would measure the wait as well. Then a
 * fresh baseline is taken first.
 */
export const BASELINE_MAX_AGE_DAYS = 14

/** True when a program starting on startDate may use a baseline taken on baselineOn. */
export const baselineIsCurrent = (baselineOn: LocalDate, startDate: LocalDate): boolean =>
  daysBetween(baselineOn, startDate) <= BASELINE_MAX_AGE_DAYS
