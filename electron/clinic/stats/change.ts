import type { Measure } from './types'
import { IMPROVEMENT_DIRECTION } from './types'

/** One patient's score at baseline and at one follow-up. */
export interface ScorePair { baseline: number; followUp: number }

/** Change from baseline as recorded: follow-up − baseline (negative = pain fell). */
export function change(pair: ScorePair): number {
  return pair.followUp - pair.baseline
}

/** Change turned so that a positive number is always an improvement for this measure. */
export function improvement(measure: Measure, pair: ScorePair): number {
  return IMPROVEMENT_DIRECTION[measure] === 'decrease' ? pair.baseline - pair.followUp : pair.followUp - pair.baseline
}
