import { describe, expect, it } from 'vitest'
import { eligibilityOutcome, runsPerWeekMeetsTrial } from '@clinic/rules/eligibility'

const met = (criterion: 'recreational_runner' | 'low_back_pain_over_3_months' | 'runs_2_to_5_per_week') => ({
  criterion,
  met: true,
  overrideReason: null,
})

describe('eligibility', () => {
  it('is eligible when every trial criterion is met', () => {
    expect(
      eligibilityOutcome([met('recreational_runner'), met('low_back_pain_over_3_months'), met('runs_2_to_5_per_week')]),
    ).toBe('eligible')
  })

  it('accepts an unmet criterion overridden with a reason', () => {
    expect(
      eligibilityOutcome([
        met('recreational_runner'),
        met('low_back_pain_over_3_months'),
        { criterion: 'runs_2_to_5_per_week', met: false, overrideReason: 'Runs 6 times a week, short easy runs' },
      ]),
    ).toBe('eligible_with_override')
  })

  it('is not eligible when an unmet criterion has no reason or a blank one', () => {
    expect(eligibilityOutcome([{ criterion: 'recreational_runner', met: false, overrideReason: null }])).toBe('not_eligible')
    expect(eligibilityOutcome([{ criterion: 'recreational_runner', met: false, overrideReason: '   ' }])).toBe('not_eligible')
  })

  it('suggests the runs-a-week criterion from 2 to 5 runs inclusive', () => {
    expect([1, 2, 3.5, 5, 6].map(runsPerWeekMeetsTrial)).toEqual([false, true, true, true, false])
  })
})
