import { describe, expect, it } from 'vitest'
import { daysFrom, plusDays } from '@clinic/demo/days'
import { addDaysTo, daysBetween } from '@clinic/rules/calendar'

describe('demo day arithmetic', () => {
  it('gives the same days as the clinic calendar across leap days and clock changes', () => {
    for (const start of ['2024-02-27', '2025-03-28', '2025-10-24', '2025-12-30', '2026-02-26']) {
      for (const days of [-400, -30, -1, 0, 1, 3, 27, 55, 200, 366]) {
        expect(plusDays(start, days)).toBe(addDaysTo(start, days))
        expect(daysFrom(start, plusDays(start, days))).toBe(daysBetween(start, addDaysTo(start, days)))
      }
    }
  })
})
