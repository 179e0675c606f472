import { CONFIDENCE } from './constants'
import { tQuantile } from './distributions'
import type { Summary } from './types'

/*
 * Index loops over ArrayLike<number>: the comparison runs these on columns of
 * thousands of patients (plain arrays or typed arrays alike).
 */

export function mean(values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]
  return sum / values.length
}

/** True when there is at least one value and every value equals the first. */
export function allEqual(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false
  return values.length > 0
}

/**
 * Sample variance (divisor n − 1), two-pass. Exactly 0 when all values are equal,
 * so that "no variation" is recognised without a rounding residue.
 */
export function sampleVariance(values: ArrayLike<number>): number {
  if (allEqual(values)) return 0
  const m = mean(values)
  let squares = 0
  for (let i = 0; i < values.length; i++) squares += (values[i] - m) ** 2
  return squares / (values.length - 1)
}

/**
 * n, mean, SD and the CONFIDENCE interval of the mean from the t distribution
 * with n − 1 degrees of freedom. n = 0 gives nulls; n = 1 gives the mean only
 * (no spread can be estimated from one patient); equal values give SD 0 and the
 * interval [mean, mean].
 */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length
  if (n === 0) return { n, mean: null, sd: null, ci: null }
  if (allEqual(values)) {
    const only = values[0]
    return n === 1 ? { n, mean: only, sd: null, ci: null } : { n, mean: only, sd: 0, ci: [only, only] }
  }
  const m = mean(values)
  const sd = Math.sqrt(sampleVariance(values))
  const halfWidth = (tQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * sd) / Math.sqrt(n)
  return { n, mean: m, sd, ci: [m - halfWidth, m + halfWidth] }
}
