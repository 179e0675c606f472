import { describe, expect, it } from 'vitest'
import { followUpSchedule, followUpStatus } from '@clinic/rules/followUps'

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
})
