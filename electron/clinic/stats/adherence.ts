import { daysBetween, type LocalDate } from '../rules/calendar'
import { PROGRAM_WEEKS } from '../rules/programWeek'

/*
 * Adherence: sessions done against sessions planned. Only completed program
 * weeks count (the week in progress is not yet due), at most the 8 weeks of the
 * program; within a week, sessions beyond the plan do not make up for another week.
 */

/** Program weeks completed by a day: 0 in week 1, 8 from the day after the program ends. */
export function weeksElapsed(startDate: LocalDate, today: LocalDate): number {
  const days = daysBetween(startDate, today)
  return Math.max(0, Math.min(PROGRAM_WEEKS, Math.floor(days / 7)))
}

export interface Adherence {
  done: number
  planned: number
  /** done / planned × 100; null when nothing was planned yet. */
  percent: number | null
}

/**
 * Sessions done (attended) per program week, against perWeek sessions planned in
 * each of the weeks elapsed. doneByWeek: week number (1–8) → sessions done that week.
 */
export function adherence(doneByWeek: ReadonlyMap<number, number>, perWeek: number, weeks: number): Adherence {
  const planned = perWeek * weeks
  let done = 0
  for (let week = 1; week <= weeks; week++) done += Math.min(doneByWeek.get(week) ?? 0, perWeek)
  return { done, planned, percent: planned > 0 ? (100 * done) / planned : null }
}

/** Sessions done per week from a runner's attended sessions' weeks. */
export function countByWeek(weeks: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const week of weeks) counts.set(week, (counts.get(week) ?? 0) + 1)
  return counts
}
