import { describe, expect, it } from 'vitest'
import { followUpSchedule, followUpStatus, followUpStatuses, nextFollowUpIndex } from '@clinic/rules/followUps'

describe('follow-up schedule', () => {
  it('schedules week 4, week 8, and 3 and 6 months after the program ends', () => {
    expect(followUpSchedule('2026-03-02')).toEqual([
      { timePoint: 'week_4', dueOn: '2026-03-29' },
      { timePoint: 'week_8', dueOn: '2026-04-26' },
      { timePoint: 'month_3', dueOn: '2026-07-26' },
      { timePoint: 'month_6', dueOn: '2026-10-26' },
    ])
  })

  it('clamps month-end dates rather than spilling into the next month', () => {
    // start 2026-10-06: program ends 2026-11-30; 3 months later there is no 30 February.
    expect(followUpSchedule('2026-10-06').slice(2)).toEqual([
      { timePoint: 'month_3', dueOn: '2027-02-28' },
      { timePoint: 'month_6', dueOn: '2027-05-30' },
    ])
  })

  it('is upcoming until 3 days before, due until 7 days after, then overdue', () => {
    const due = '2026-03-29'
    expect(followUpStatus(due, false, '2026-03-25')).toBe('upcoming')
    expect(followUpStatus(due, false, '2026-03-26')).toBe('due')
    expect(followUpStatus(due, false, '2026-04-05')).toBe('due')
    expect(followUpStatus(due, false, '2026-04-06')).toBe('overdue')
    expect(followUpStatus(due, true, '2026-04-06')).toBe('done')
  })
  it('counts a follow-up never taken as missed once the next one is due, and moves on to it', () => {
    const schedule = followUpSchedule('2026-03-02').map((f) => ({ dueOn: f.dueOn, done: false }))
    // 2026-04-25: week 4 (due 03-29) was never taken; week 8 (due 04-26) is in its window.
    const statuses = followUpStatuses(schedule, '2026-04-25')
    expect(statuses).toEqual(['missed', 'due', 'upcoming', 'upcoming'])
    expect(nextFollowUpIndex(statuses)).toBe(1)
  })

  it('keeps an overdue follow-up open while the next one is still upcoming', () => {
    const schedule = followUpSchedule('2026-03-02').map((f) => ({ dueOn: f.dueOn, done: false }))
    const statuses = followUpStatuses(schedule, '2026-04-10')
    expect(statuses).toEqual(['overdue', 'upcoming', 'upcoming', 'upcoming'])
    expect(nextFollowUpIndex(statuses)).toBe(0)
  })

  it('points at the next upcoming follow-up when the ones before are done, and at none when all are done', () => {
    const schedule = followUpSchedule('2026-03-02').map((f, i) => ({ dueOn: f.dueOn, done: i < 2 }))
    expect(nextFollowUpIndex(followUpStatuses(schedule, '2026-05-01'))).toBe(2)
    expect(nextFollowUpIndex(followUpStatuses(schedule.map((f) => ({ ...f, done: true })), '2027-01-01'))).toBeNull()
  })
})
