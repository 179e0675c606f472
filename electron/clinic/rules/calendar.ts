import { addDays, addMonths, format, parseISO } from 'date-fns'

/** Visit dates are local calendar dates, written YYYY-MM-DD. */
export type LocalDate = string

export const toLocalDate = (date: Date): LocalDate => format(date, 'yyyy-MM-dd')
export const parseLocalDate = (value: LocalDate): Date => parseISO(value)
export const todayLocal = (now: Date = new Date()): LocalDate => toLocalDate(now)

export const addDaysTo = (value: LocalDate, days: number): LocalDate => toLocalDate(addDays(parseLocalDate(value), days))
export const addMonthsTo = (value: LocalDate, months: number): LocalDate =>
  toLocalDate(addMonths(parseLocalDate(value), months))
/**
 * Calendar days from one date to another (negative when `to` is earlier). From
 * the dates' day numbers in UTC, so no clock change gets in the way, and without
 * parsing into a Date: lists compute this for every patient.
 */
export const daysBetween = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from)

const MS_PER_DAY = 86_400_000
const dayNumber = (value: LocalDate): number =>
  Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))) / MS_PER_DAY

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = parseLocalDate(value)
  return !Number.isNaN(date.getTime()) && toLocalDate(date) === value
}

/** Whole years between a date of birth and a day. */
export function ageOn(dateOfBirth: LocalDate, day: LocalDate): number {
  const birth = parseLocalDate(dateOfBirth)
  const at = parseLocalDate(day)
  let age = at.getFullYear() - birth.getFullYear()
  const hadBirthday =
    at.getMonth() > birth.getMonth() || (at.getMonth() === birth.getMonth() && at.getDate() >= birth.getDate())
  if (!hadBirthday) age -= 1
  return age
}
