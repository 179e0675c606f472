import { CONFIDENCE } from './constants'
import { mean, sampleVariance } from './describe'
import { fUpperTail, tQuantile, tTwoSidedP } from './distributions'
import type { AnovaTest, Computed, WelchTest } from './types'
import { coded, type Coded } from '../contract/messages'

/** Every test needs a spread within each group, so at least two values per group. */
export const MIN_GROUP_SIZE = 2

/** The first group, by name, with fewer than MIN_GROUP_SIZE values, as a reason; null if none. */
export function tooSmallGroup(groups: Readonly<Record<string, { readonly length: number }>>): Coded | null {
  for (const [name, values] of Object.entries(groups)) {
    if (values.length < MIN_GROUP_SIZE) return coded('stats_group_too_small', { group: name, min: MIN_GROUP_SIZE, n: values.length })
  }
  return null
}

/**
 * Welch's t test for the difference in means `first − second`, without assuming
 * equal variances; df from the Welch–Satterthwaite equation. Matches R's
 * `t.test(x, y)` (var.equal = FALSE).
 */
export function welchTest(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  names: readonly [string, string] = ['first group', 'second group'],
): Computed<WelchTest> {
  const small = tooSmallGroup({ [names[0]]: first, [names[1]]: second })
  if (small) return { value: null, reason: small }
  const v1 = sampleVariance(first) / first.length
  const v2 = sampleVariance(second) / second.length
  if (v1 + v2 === 0) return { value: null, reason: coded('stats_no_variation_pair', { first: names[0], second: names[1] }) }
  const difference = mean(first) - mean(second)
  const se = Math.sqrt(v1 + v2)
  const t = difference / se
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (first.length - 1) + v2 ** 2 / (second.length - 1))
  const halfWidth = tQuantile(1 - (1 - CONFIDENCE) / 2, df) * se
  return { value: { difference, ci: [difference - halfWidth, difference + halfWidth], t, df, p: tTwoSidedP(t, df) }, reason: null }
}

/**
 * One-way analysis of variance across the groups (equal variances assumed, as in
 * R's `anova(lm(y ~ group))`). Needs at least two groups of at least two values.
 */
export function oneWayAnova(groups: Readonly<Record<string, ArrayLike<number>>>): Computed<AnovaTest> {
  const samples = Object.values(groups)
  if (samples.length < 2) return { value: null, reason: coded('stats_two_groups') }
  const small = tooSmallGroup(groups)
  if (small) return { value: null, reason: small }
  let total = 0
  let count = 0
  for (const sample of samples) {
    total += mean(sample) * sample.length
    count += sample.length
  }
  const grandMean = total / count
  let between = 0
  let within = 0
  for (const sample of samples) {
    between += sample.length * (mean(sample) - grandMean) ** 2
    within += (sample.length - 1) * sampleVariance(sample)
  }
  if (within === 0) return { value: null, reason: coded('stats_no_variation') }
  const df1 = samples.length - 1
  const df2 = count - samples.length
  const f = between / df1 / (within / df2)
  return { value: { f, df1, df2, p: fUpperTail(f, df1, df2) }, reason: null }
}
