import { describe, expect, it } from 'vitest'
import { followUpSchedule } from '../../../electron/clinic/rules/followUps'
import { ageProblem, assessmentWindow, latestProgramStart, withinWindow } from '../../../electron/clinic/rules/plausibleDates'
import { moveDatesWithEnrollment, newEnrollmentDraft } from '../../../src/stores/enrollmentDraft'

describe('plausible dates', () => {
  it('takes runners aged 12 to 100 on the enrollment date', () => {
    expect(ageProblem('2014-03-02', '2026-03-02')).toBeNull() // 12 that day
    expect(ageProblem('2014-03-03', '2026-03-02')).toEqual({ age: 11 })
    expect(ageProblem('1925-03-03', '2026-03-02')).toBeNull() // 100, the day before turning 101
    expect(ageProblem('1925-03-02', '2026-03-02')).toEqual({ age: 101 })
    expect(ageProblem('1800-01-01', '2026-03-02')).toEqual({ age: 226 })
  })

  it('lets the program start up to 60 days after the enrollment', () => {
    expect(latestProgramStart('2026-03-02')).toBe('2026-05-01')
  })

  it('gives week 4 and week 8 a window of ± 7 days and the months ± 21 days around the due date', () => {
    const [week4, , month3] = followUpSchedule('2026-03-02')
    expect(week4.dueOn).toBe('2026-03-29')
    expect(assessmentWindow('week_4', week4.dueOn)).toEqual({ from: '2026-03-22', to: '2026-04-05' })
    expect([withinWindow('week_4', week4.dueOn, '2026-04-05'), withinWindow('week_4', week4.dueOn, '2026-04-06')]).toEqual([true, false])
    expect(assessmentWindow('month_3', month3.dueOn)).toEqual({ from: '2026-07-05', to: '2026-08-16' })
  })
})

describe('a back-dated enrollment', () => {
  it('moves the dates still on the old enrollment day with it, and leaves dates the therapist changed', () => {
    const draft = newEnrollmentDraft('2026-03-10')
    draft.program.startDate = '2026-03-16'
    moveDatesWithEnrollment(draft, '2026-03-10', '2026-02-02')
    expect([draft.baseline.assessedOn, draft.clearance.clearedOn, draft.consent.treatmentOn, draft.consent.comparisonOn]).toEqual([
      '2026-02-02',
      '2026-02-02',
      '2026-02-02',
      '2026-02-02',
    ])
    expect(draft.program.startDate).toBe('2026-03-16')
  })
})
