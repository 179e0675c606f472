import { CONFIDENCE } from './constants'
import { moments, type Moments } from './describe'
import { fUpperTail, tQuantile, tTwoSidedP } from './distributions'
import type { AnovaTest, Computed, WelchTest } from './types'
import { coded, type Coded } from '../contract/messages'

/** Every test needs a spread within each group, so at least two values per group. */
export const MIN_GROUP_SIZE = 2

/** The first group, by name, with fewer than MIN_GROUP_SIZE values, as a reason; null if none. */
export function tooSmallGroup(sizes: Readonly<Record<string, number>>): Coded | null {
  for (const [name, n] of Object.entries(sizes)) {
    if (n < MIN_GROUP_SIZE) return coded('stats_group_too_small', { group: name, min: MIN_GROUP_SIZE, n })
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
  return welchFromMoments(moments(first), moments(second), names)
}

/** welchTest on the two groups' moments already taken. */
export function welchFromMoments(first: Moments, second: Moments, names: readonly [string, string]): Computed<WelchTest> {
  const small = tooSmallGroup({ [names[0]]: first.n, [names[1]]: second.n })
  if (small) return { value: null, reason: small }
  const v1 = first.variance / first.n
  const v2 = second.variance / second.n
  if (v1 + v2 === 0) return { value: null, reason: coded('stats_no_variation_pair', { first: names[0], second: names[1] }) }
  const difference = first.mean - second.mean
  const se = Math.sqrt(v1 + v2)
  const t = difference / se
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (first.n - 1) + v2 ** 2 / (second.n - 1))
  const halfWidth = tQuantile(1 - (1 - CONFIDENCE) / 2, df) * se
  return { value: { difference, ci: [difference - halfWidth, difference + halfWidth], t, df, p: tTwoSidedP(t, df) }, reason: null }
}

/**
 * One-way analysis of variance across the groups (equal variances assumed, as in
 * R's `anova(lm(y ~ group))`). Needs at least two groups of at least two values.
 */
export function oneWayAnova(groups: Readonly<Record<string, ArrayLike<number>>>): Computed<AnovaTest> {
  return anovaFromMoments(Object.fromEntries(Object.entries(groups).map(([name, values]) => [name, moments(values)])))
}

/** oneWayAnova on each group's moments already taken. */
export function anovaFromMoments(groups: Readonly<Record<string, Moments>>): Computed<AnovaTest> {
  const samples = Object.values(groups)
  if (samples.length < 2) return { value: null, reason: coded('stats_two_groups') }
  const small = tooSmallGroup(Object.fromEntries(Object.entries(groups).map(([name, group]) => [name, group.n])))
  if (small) return { value: null, reason: small }
  let total = 0
  let count = 0
  for (const sample of samples) {
    total += sample.mean * sample.n
    count += sample.n
  }
  const grandMean = total / count
  let between = 0
  let within = 0
  for (const sample of samples) {
    between += sample.n * (sample.mean - grandMean) ** 2
    within += (sample.n - 1) * sample.variance
  }
  if (within === 0) return { value: null, reason: coded('stats_no_variation') }
  const df1 = samples.length - 1
  const df2 = count - samples.length
  const f = between / df1 / (within / df2)
  return { value: { f, df1, df2, p: fUpperTail(f, df1, df2) }, reason: null }
}
