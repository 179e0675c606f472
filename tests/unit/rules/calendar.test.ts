import { differenceInCalendarDays, parseISO } from 'date-fns'
import { describe, expect, it } from 'vitest'
import { addDaysTo, daysBetween } from '@clinic/rules/calendar'

describe('daysBetween', () => {
  it('counts calendar days across clock changes, month ends, leap days and years', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2) // clocks go forward in Europe on 29 March 2026
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2) // and back on 25 October
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2) // leap year
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1)
    expect(daysBetween('2024-12-31', '2025-03-01')).toBe(60)
    expect(daysBetween('2026-04-01', '2026-03-02')).toBe(-30)
    expect(daysBetween('2026-04-01', '2026-04-01')).toBe(0)
  })

  it('agrees with date-fns on every day of two years, in both directions', () => {
    const start = '2025-01-01'
    for (let offset = -400; offset <= 400; offset++) {
      const day = addDaysTo(start, offset)
      expect(daysBetween(start, day)).toBe(differenceInCalendarDays(parseISO(day), parseISO(start)))
      expect(daysBetween(day, start)).toBe(0 - offset)
    }
  })
})
