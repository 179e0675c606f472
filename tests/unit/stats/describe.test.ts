import { describe, expect, it } from 'vitest'
import { sampleVariance, summarize } from '@clinic/stats/describe'
import { expectClose } from './closeTo'

describe('summarize', () => {
  it('gives n, mean, SD and the t-based 95 % CI of 3, 5, 7', () => {
    // mean 5, SD √((4 + 0 + 4)/2) = 2, half width qt(0.975, 2)·2/√3
    // = 4.302652729749464 · 2 / 1.7320508075688772 = 4.968275423500662
    const result = summarize([3, 5, 7])
    expect(result.n).toBe(3)
    expect(result.mean).toBe(5)
    expectClose(result.sd, 2)
    expectClose(result.ci?.[0], 5 - 4.968275423500662)
    expectClose(result.ci?.[1], 5 + 4.968275423500662)
  })

  it('gives a CI of mean ± qt(0.975, 1) for two values one SD·√2 apart', () => {
    // 4, 6: mean 5, SD √2, half width tan(0.475π)·√2/√2 = 12.706204736174696
    const result = summarize([4, 6])
    expectClose(result.sd, Math.SQRT2)
    expectClose(result.ci?.[0], 5 - 12.706204736174696)
    expectClose(result.ci?.[1], 5 + 12.706204736174696)
  })

  it('uses df = n − 1 for eight values (R: qt(0.975, 7) = 2.364624)', () => {
    // mean 5, SD √(32/7) = 2.138089935299395, half width 2.364624 · SD / √8 = 1.787488
    const result = summarize([2, 4, 4, 4, 5, 5, 7, 9])
    expect(result.mean).toBe(5)
    expectClose(result.sd, 2.138089935299395)
    expectClose(result.ci?.[1], 5 + 1.787487918236211)
  })

  it('gives nulls for no values', () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, sd: null, ci: null })
  })

  it('gives the mean only for one value, since one patient shows no spread', () => {
    expect(summarize([4.5])).toEqual({ n: 1, mean: 4.5, sd: null, ci: null })
  })

  it('gives SD 0 and a CI of [mean, mean] when all values are equal, even for values like 0.1', () => {
    expect(summarize([0.1, 0.1, 0.1])).toEqual({ n: 3, mean: 0.1, sd: 0, ci: [0.1, 0.1] })
  })

  it('computes the sample variance with divisor n − 1', () => {
    expect(sampleVariance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 12)
  })
})
