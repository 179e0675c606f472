import { describe, expect, it } from 'vitest'
import { oneWayAnova, welchTest } from '@clinic/stats/compare'
import { expectClose } from './closeTo'

// R's `sleep` data set: extra hours of sleep under two drugs.
const sleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
const sleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

// R's `PlantGrowth` data set: dried weight of plants under a control and two treatments.
const plantGrowth = {
  ctrl: [4.17, 5.58, 5.18, 6.11, 4.5, 4.61, 5.17, 4.53, 5.33, 5.14],
  trt1: [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
  trt2: [6.31, 5.12, 5.54, 5.5, 5.37, 5.29, 4.92, 6.15, 5.8, 5.26],
}

describe('welchTest', () => {
  it("matches R's t.test(extra ~ group, data = sleep)", () => {
    // R: t = -1.860813, df = 17.77647, p-value = 0.07939414,
    //    95 percent confidence interval: -3.3654832  0.2054832; mean difference 0.75 − 2.33 = -1.58
    const { value, reason } = welchTest(sleepGroup1, sleepGroup2)
    expect(reason).toBeNull()
    expectClose(value?.difference, -1.58)
    expectClose(value?.t, -1.860813)
    expectClose(value?.df, 17.77647)
    expectClose(value?.p, 0.07939414)
    expectClose(value?.ci[0], -3.3654832)
    expectClose(value?.ci[1], 0.2054832)
  })

  it('reverses the sign of the difference, t and CI when the groups swap', () => {
    const { value } = welchTest(sleepGroup2, sleepGroup1)
    expectClose(value?.t, 1.860813)
    expectClose(value?.ci[0], -0.2054832)
    expectClose(value?.p, 0.07939414)
  })

  it('gives df = n − 1 of the varying group when the other group does not vary', () => {
    // se² = var(x)/n = (5/3)/4; df = (se²)² / ((se²)²/3) = 3
    const { value } = welchTest([1, 2, 3, 4], [2, 2, 2])
    expectClose(value?.df, 3)
  })

  it('returns a reason naming the group, not NaN, when a group has fewer than 2 values', () => {
    expect(welchTest([1, 2, 3], [4], ['P1', 'P3'])).toEqual({ value: null, reason: { code: 'stats_group_too_small', params: { group: 'P3', min: 2, n: 1 }, message: 'P3 has fewer than 2 patients (n = 1)' } })
  })

  it('returns a reason when neither group varies', () => {
    const result = welchTest([2, 2], [3, 3, 3], ['P1', 'P2'])
    expect(result.value).toBeNull()
    expect(result.reason).toMatchObject({ code: 'stats_no_variation_pair', message: expect.stringMatching(/no variation/) })
  })
})

describe('oneWayAnova', () => {
  it("matches R's anova(lm(weight ~ group, data = PlantGrowth))", () => {
    // R: F = 4.846088 on 2 and 27 df, p = 0.01590996
    // (p by hand, df1 = 2: (1 + 2F/27)^(−13.5) = 0.0159099583)
    const { value, reason } = oneWayAnova(plantGrowth)
    expect(reason).toBeNull()
    expectClose(value?.f, 4.846088)
    expect(value?.df1).toBe(2)
    expect(value?.df2).toBe(27)
    expectClose(value?.p, 0.01590996)
  })

  it('gives F = 0 and p = 1 when the group means are equal', () => {
    const { value } = oneWayAnova({ a: [1, 3], b: [0, 4], c: [2, 2] })
    expect(value?.f).toBe(0)
    expect(value?.p).toBe(1)
  })

  it('returns a reason when a group has fewer than 2 values', () => {
    expect(oneWayAnova({ P1: [1, 2], P2: [3, 4], P3: [] })).toEqual({ value: null, reason: { code: 'stats_group_too_small', params: { group: 'P3', min: 2, n: 0 }, message: 'P3 has fewer than 2 patients (n = 0)' } })
  })

  it('returns a reason when no group varies within itself', () => {
    const result = oneWayAnova({ P1: [1, 1], P2: [3, 3], P3: [2, 2] })
    expect(result.value).toBeNull()
    expect(result.reason).toMatchObject({ code: 'stats_no_variation', message: 'no variation within any group' })
  })
})
