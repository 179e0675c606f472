import type { Measure } from '../domain/vocabulary'
import type { Interval, Summary, WelchTest } from './types'
import { IMPROVEMENT_DIRECTION } from './types'

/** One patient's score at baseline and at one follow-up. */
export interface ScorePair { baseline: number; followUp: number }

/**
 * The patients of one group with both scores, as two columns of equal length
 * (patient i: baseline[i], followUp[i]): the comparison pairs thousands of
 * patients, and columns cost no object per patient.
 */
export interface PairedScores { readonly baseline: ArrayLike<number>; readonly followUp: ArrayLike<number> }

/** Paired columns from pairs: pairedScores([{ baseline: 6, followUp: 4 }, …]). */
export function pairedScores(pairs: readonly ScorePair[]): PairedScores {
  return { baseline: pairs.map((pair) => pair.baseline), followUp: pairs.map((pair) => pair.followUp) }
}

/** Change from baseline as recorded: follow-up − baseline (negative = pain fell). */
export function change(pair: ScorePair): number {
  return pair.followUp - pair.baseline
}

/** Each patient's change, follow-up − baseline, in the columns' order. */
export function changes({ baseline, followUp }: PairedScores): Float64Array {
  const result = new Float64Array(followUp.length)
  for (let i = 0; i < followUp.length; i++) result[i] = followUp[i] - baseline[i]
  return result
}

/** Change turned so that a positive number is always an improvement for this measure. */
export function improvement(measure: Measure, pair: ScorePair): number {
  return IMPROVEMENT_DIRECTION[measure] === 'decrease' ? pair.baseline - pair.followUp : pair.followUp - pair.baseline
}

const turned = (measure: Measure) => IMPROVEMENT_DIRECTION[measure] === 'decrease'
const flip = (ci: Interval | null): Interval | null => (ci ? [-ci[1], -ci[0]] : null)

/** A group's mean change turned so that positive is improvement (running pain: a fall), its interval with it. */
export function improvementOf(measure: Measure, summary: Summary): Summary {
  if (!turned(measure)) return summary
  return { n: summary.n, mean: summary.mean === null ? null : -summary.mean, sd: summary.sd, ci: flip(summary.ci) }
}

/** A difference in mean change (first − second) as a difference in improvement: positive when the first improved more. */
export function improvementDifference(measure: Measure, test: WelchTest): WelchTest {
  if (!turned(measure)) return test
  return { ...test, difference: -test.difference, ci: flip(test.ci) ?? test.ci, t: -test.t }
}
