import { describe, expect, it } from 'vitest'
import { adherence, countByWeek, weeksElapsed } from '@clinic/stats/adherence'

describe('weeks elapsed', () => {
  it('counts completed program weeks only, 0 to 8', () => {
    expect(weeksElapsed('2026-03-02', '2026-03-01')).toBe(0)
    expect(weeksElapsed('2026-03-02', '2026-03-08')).toBe(0) // last day of week 1
    expect(weeksElapsed('2026-03-02', '2026-03-09')).toBe(1)
    expect(weeksElapsed('2026-03-02', '2026-04-26')).toBe(7) // the program's last day: week 8 in progress
    expect(weeksElapsed('2026-03-02', '2026-04-27')).toBe(8)
    expect(weeksElapsed('2026-03-02', '2026-09-01')).toBe(8)
  })
})

describe('adherence', () => {
  it('has nothing planned before the first week is over (n = 0)', () => {
    expect(adherence(new Map(), 3, 0)).toEqual({ done: 0, planned: 0, percent: null })
  })

  it('is 100 % when every planned session was done', () => {
    expect(adherence(countByWeek([1, 1, 1, 2, 2, 2]), 3, 2)).toEqual({ done: 6, planned: 6, percent: 100 })
  })

  it('is the share done in a partial delivery: 2 + 1 + 0 of 3 × 3 home sessions', () => {
    const result = adherence(countByWeek([1, 1, 2]), 3, 3)
    expect(result).toMatchObject({ done: 3, planned: 9 })
    expect(result.percent).toBeCloseTo(100 / 3, 12)
  })

  it('does not let extra sessions in one week make up for a missed week, nor count the week in progress', () => {
    // Week 1: 5 done (3 count), week 2: none, week 3 (in progress): 2 → 3 of 6 = 50 %
    expect(adherence(countByWeek([1, 1, 1, 1, 1, 3, 3]), 3, 2)).toEqual({ done: 3, planned: 6, percent: 50 })
  })

  it('plans 2 supervised sessions a week: 3 attended in 2 weeks is 75 %', () => {
    expect(adherence(countByWeek([1, 1, 2]), 2, 2)).toEqual({ done: 3, planned: 4, percent: 75 })
  })
})
