import { describe, expect, it } from 'vitest'
import { compareGroups, type OutcomeRecord } from '@clinic/stats'
import { defaultFollowUp } from '../../src/components/comparison/defaultFollowUp'
import type { FollowUpTimePoint, ProgramCode } from '@clinic/domain/vocabulary'

/*
 * The comparison opens at the latest follow-up with data in every program group
 * (six months once every group has reached it), computed on real comparisons from
 * compareGroups. Which follow-ups each group has is written out per case below.
 */

/** Two runners per program with pain and runability at baseline and at the follow-ups listed for that program. */
function cohort(reached: Record<ProgramCode, FollowUpTimePoint[]>): OutcomeRecord[] {
  return (Object.entries(reached) as [ProgramCode, FollowUpTimePoint[]][]).flatMap(([programCode, timePoints], g) =>
    [0, 1].flatMap((i) => {
      const patientId = 10 * g + i
      return [
        { patientId, programCode, timePoint: 'baseline' as const, runningPain: 6 + i, runability: 3 },
        ...timePoints.map((timePoint) => ({ patientId, programCode, timePoint, runningPain: 3 + i, runability: 6 - i })),
      ]
    }),
  )
}
const opensAt = (reached: Record<ProgramCode, FollowUpTimePoint[]>) => defaultFollowUp(compareGroups(cohort(reached), []))

describe('the comparison default follow-up', () => {
  it('is six months once every group has six-month data', () => {
    const all: FollowUpTimePoint[] = ['week_4', 'week_8', 'month_3', 'month_6']
    expect(opensAt({ P1: all, P2: all, P3: all })).toBe('month_6')
  })

  it('is the latest follow-up every group has reached, not the latest any group has', () => {
    expect(opensAt({ P1: ['week_4', 'week_8', 'month_3', 'month_6'], P2: ['week_4', 'week_8', 'month_3'], P3: ['week_4', 'week_8', 'month_3'] })).toBe('month_3')
    expect(opensAt({ P1: ['week_4', 'week_8', 'month_3'], P2: ['week_4'], P3: ['week_4', 'week_8'] })).toBe('week_4')
  })

  it('skips a follow-up a group has no data at even when a later one is complete', () => {
    // P2 missed month 3 altogether but all reached six months.
    expect(opensAt({ P1: ['week_8', 'month_3', 'month_6'], P2: ['week_8', 'month_6'], P3: ['week_8', 'month_3', 'month_6'] })).toBe('month_6')
  })

  it('is week 8, the end of the program, while no follow-up has data in every group', () => {
    expect(opensAt({ P1: ['week_4'], P2: [], P3: ['week_4'] })).toBe('week_8')
  })
})
