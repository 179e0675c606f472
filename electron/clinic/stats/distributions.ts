/// <reference path="./jstat.d.ts" />
import jStat from 'jstat'

/** Quantile of Student's t distribution: tQuantile(0.975, 9) = 2.262157… */
export function tQuantile(p: number, df: number): number {
  return jStat.studentt.inv(p, df)
}

/** Two-sided p-value of a t statistic, from the lower tail so small p keep their digits. */
export function tTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df))
}

/**
 * P(F > f) for the F distribution with df1, df2 degrees of freedom. Computed as
 * I_{df2/(df2 + df1·f)}(df2/2, df1/2), the same incomplete beta jStat's
 * centralF.cdf uses, so that a small p is not lost in 1 − cdf.
 */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (f <= 0) return 1
  return jStat.ibeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2)
}

/** Quantile of the standard normal distribution: normalQuantile(0.975) = 1.959964… */
export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1)
}
