import { describe, expect, it } from 'vitest'
import { ancova } from '@clinic/stats/ancova'
import { pairedScores, type PairedScores } from '@clinic/stats/change'
import { solveLinearSystem } from '@clinic/stats/leastSquares'
import { expectClose } from './closeTo'

const patients = (...pairs: [baseline: number, followUp: number][]): PairedScores =>
  pairedScores(pairs.map(([baseline, followUp]) => ({ baseline, followUp })))

describe('ancova', () => {
  it('matches a small example worked exactly with fractions', () => {
    // Worked in python3 with fractions.Fraction, normal equations solved exactly:
    //   full model  f ~ 1 + P2 + P3 + b:  b = (−67/86, 455/258, 383/258, 25/43), RSS = 235/129
    //   reduced     f ~ 1 + b:            RSS = 631/78
    //   F = ((631/78 − 235/129)/2) / ((235/129)/6) = 63069/6110 = 10.322258592471359 on 2 and 6 df
    //   p (df1 = 2) = (1 + F/3)^(−3) = 0.01141905556561978
    //   mean baseline 31/5; adjusted means at 6.2: P1 243/86, P2 592/129, P3 556/129
    const { value, reason } = ancova({
      P1: patients([6, 3], [7, 3], [5, 2], [8, 4]),
      P2: patients([6, 4], [5, 4], [8, 6]),
      P3: patients([4, 3], [7, 4], [6, 5]),
    })
    expect(reason).toBeNull()
    expectClose(value?.f, 63069 / 6110)
    expect(value?.df1).toBe(2)
    expect(value?.df2).toBe(6)
    expectClose(value?.p, 0.01141905556561978)
    expectClose(value?.baselineSlope, 25 / 43)
    expectClose(value?.meanBaseline, 6.2)
    expect(value?.adjustedMeans.P1.n).toBe(4)
    expectClose(value?.adjustedMeans.P1.mean, 243 / 86)
    expectClose(value?.adjustedMeans.P2.mean, 592 / 129)
    expectClose(value?.adjustedMeans.P3.mean, 556 / 129)
  })

  it('gives the raw follow-up means as adjusted means when every group has the same mean baseline', () => {
    // Each group's baselines average 5, so no adjustment is needed: means 3, 5, 4.
    const { value } = ancova({
      P1: patients([4, 2], [6, 4]),
      P2: patients([3, 5], [7, 5]),
      P3: patients([5, 3], [5, 5]),
    })
    expectClose(value?.adjustedMeans.P1.mean, 3)
    expectClose(value?.adjustedMeans.P2.mean, 5)
    expectClose(value?.adjustedMeans.P3.mean, 4)
  })

  it('returns a reason when baseline does not vary within the groups', () => {
    const result = ancova({ P1: patients([5, 3], [5, 4]), P2: patients([6, 4], [6, 2]), P3: patients([4, 1], [4, 3]) })
    expect(result.value).toBeNull()
    expect(result.reason).toMatchObject({ code: 'stats_baseline_constant', message: expect.stringMatching(/baseline does not vary/) })
  })

  it('returns a reason when program and baseline predict every follow-up exactly', () => {
    // follow-up = baseline − 2 in P1 and baseline − 1 in P2: no residual to test against
    const result = ancova({ P1: patients([5, 3], [7, 5], [6, 4]), P2: patients([4, 3], [8, 7]) })
    expect(result.value).toBeNull()
    expect(result.reason).toMatchObject({ code: 'stats_exact_fit', message: expect.stringMatching(/exactly/) })
  })

  it('returns a reason naming a program with fewer than 2 patients', () => {
    expect(ancova({ P1: patients([5, 3], [7, 4]), P2: patients([6, 4]) })).toEqual({
      value: null,
      reason: { code: 'stats_group_too_small', params: { group: 'P2', min: 2, n: 1 }, message: 'P2 has fewer than 2 patients (n = 1)' },
    })
  })
})

describe('solveLinearSystem', () => {
  it('swaps rows when a zero sits on the diagonal (partial pivoting)', () => {
    expect(solveLinearSystem([[0, 1], [1, 0]], [2, 3])).toEqual([3, 2])
  })

  it('solves a 3 × 3 system exactly enough', () => {
    // 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3  →  x = 2, y = 3, z = −1
    const solution = solveLinearSystem([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]], [8, -11, -3])
    expect(solution?.[0]).toBeCloseTo(2, 12)
    expect(solution?.[1]).toBeCloseTo(3, 12)
    expect(solution?.[2]).toBeCloseTo(-1, 12)
  })

  it('returns null for a singular system', () => {
    expect(solveLinearSystem([[1, 2], [2, 4]], [3, 6])).toBeNull()
  })
})
