import { CONFIDENCE } from './constants'
import { tQuantile } from './distributions'
import type { Summary } from './types'

/*
 * Index loops over ArrayLike<number>: the comparison runs these on columns of
 * thousands of patients (plain arrays or typed arrays alike).
 */

/**
 * What every summary and test of one column needs: its length, mean and sample variance (divisor
 * n − 1), from two passes over it. `equal` when there is at least one value and every value equals
 * the first: the mean is then that value and the variance exactly 0, so that "no variation" is
 * recognised without a rounding residue. Variance NaN below two values.
 */
export interface Moments {
  readonly n: number
  readonly mean: number
  readonly variance: number
  readonly equal: boolean
}

export function moments(values: ArrayLike<number>): Moments {
  const n = values.length
  if (n === 0) return { n, mean: Number.NaN, variance: Number.NaN, equal: false }
  const first = values[0]
  let sum = 0
  let equal = true
  for (let i = 0; i < n; i++) {
    sum += values[i]
    if (values[i] !== first) equal = false
  }
  if (equal) return { n, mean: first, variance: n > 1 ? 0 : Number.NaN, equal }
  const m = sum / n
  let squares = 0
  for (let i = 0; i < n; i++) squares += (values[i] - m) ** 2
  return { n, mean: m, variance: squares / (n - 1), equal }
}

export function mean(values: ArrayLike<number>): number {
  return moments(values).mean
}

/** Sample variance (divisor n − 1), two-pass; exactly 0 when all values are equal. */
export function sampleVariance(values: ArrayLike<number>): number {
  return moments(values).variance
}

/**
 * n, mean, SD and the CONFIDENCE interval of the mean from the t distribution
 * with n − 1 degrees of freedom. n = 0 gives nulls; n = 1 gives the mean only
 * (no spread can be estimated from one patient); equal values give SD 0 and the
 * interval [mean, mean].
 */
export function summarize(values: ArrayLike<number>): Summary {
  return summaryOf(moments(values))
}

/** summarize on a column's moments already taken. */
export function summaryOf({ n, mean: m, variance, equal }: Moments): Summary {
  if (n === 0) return { n, mean: null, sd: null, ci: null }
  if (n === 1) return { n, mean: m, sd: null, ci: null }
  if (equal) return { n, mean: m, sd: 0, ci: [m, m] }
  const sd = Math.sqrt(variance)
  const halfWidth = (tQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * sd) / Math.sqrt(n)
  return { n, mean: m, sd, ci: [m - halfWidth, m + halfWidth] }
}
