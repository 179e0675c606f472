import { describe, expect, it } from 'vitest'
import { fUpperTail, normalQuantile, tQuantile, tTwoSidedP } from '@clinic/stats/distributions'
import { expectClose } from './closeTo'

describe('distributions (jStat)', () => {
  it('gives the t quantile qt(0.975, 9) = 2.262157 as R does', () => {
    expectClose(tQuantile(0.975, 9), 2.262157)
  })

  it('matches the closed forms of the t quantile for 1 and 2 degrees of freedom', () => {
    // df = 1 (Cauchy): tan(π(p − ½)) = tan(0.475π) = 12.706204736174696
    expectClose(tQuantile(0.975, 1), 12.706204736174696)
    // df = 2: t² = 2a²/(1 − a²), a = 2p − 1 = 0.95 → √(1.805/0.0975) = 4.302652729749464
    expectClose(tQuantile(0.975, 2), 4.302652729749464)
  })

  it('gives the normal quantile qnorm(0.975) = 1.959963984540054', () => {
    expectClose(normalQuantile(0.975), 1.959963984540054)
  })

  it('gives a two-sided t p-value: t = 2.262157 on 9 df is p = 0.05', () => {
    expectClose(tTwoSidedP(2.262157163, 9), 0.05, 1e-6)
    expectClose(tTwoSidedP(-2.262157163, 9), 0.05, 1e-6)
    expect(tTwoSidedP(0, 9)).toBe(1)
  })

  it('matches the closed form of the F upper tail for df1 = 2: (1 + 2f/df2)^(−df2/2)', () => {
    // f = 3, df2 = 6: (1 + 1)^(−3) = 0.125
    expectClose(fUpperTail(3, 2, 6), 0.125)
    // f = 4.846088, df2 = 27: (1 + 9.692176/27)^(−13.5)
    expectClose(fUpperTail(4.846088, 2, 27), Math.pow(1 + 9.692176 / 27, -13.5))
    expect(fUpperTail(0, 2, 27)).toBe(1)
  })
})
