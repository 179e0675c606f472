import { CONFIDENCE, RESPONDER_MIN_FRACTION, RESPONDER_MIN_POINTS, SCORE_TOLERANCE } from './constants'
import type { PairedScores, ScorePair } from './change'
import { normalQuantile } from './distributions'
import type { Measure } from '../domain/vocabulary'
import { IMPROVEMENT_DIRECTION, type Interval, type ResponderSummary } from './types'

/**
 * Responder: improved by at least RESPONDER_MIN_POINTS, or by at least
 * RESPONDER_MIN_FRACTION of the baseline score (pain: baseline − follow-up;
 * runability: follow-up − baseline).
 *
 * Baseline 0: the relative criterion needs a baseline above 0 (30 % of 0 would
 * make "no change" a response), so only the 2-point criterion applies. For pain
 * that means a runner with no running pain at baseline cannot respond; they stay
 * in n as a non-responder. For runability, 0 → 2 or more is a response.
 */
export function isResponder(measure: Measure, pair: ScorePair): boolean {
  return responds(IMPROVEMENT_DIRECTION[measure] === 'decrease', pair.baseline, pair.followUp)
}

/** isResponder on plain numbers, for loops over paired columns. */
function responds(lowerIsBetter: boolean, baseline: number, followUp: number): boolean {
  const gain = lowerIsBetter ? baseline - followUp : followUp - baseline
  if (gain >= RESPONDER_MIN_POINTS - SCORE_TOLERANCE) return true
  return baseline > 0 && gain >= RESPONDER_MIN_FRACTION * baseline - SCORE_TOLERANCE
}

/**
 * Wilson score interval for a proportion (Wilson 1927), as fractions 0–1.
 * Unlike the Wald interval it stays inside [0, 1] and behaves at 0 of n and n of n.
 */
export function wilsonInterval(successes: number, n: number, confidence = CONFIDENCE): Interval {
  const z = normalQuantile(1 - (1 - confidence) / 2)
  const p = successes / n
  const z2n = (z * z) / n
  const centre = (p + z2n / 2) / (1 + z2n)
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)]
}

/** Responder count, n, percentage and Wilson CI (both in percent) among the given patients. */
export function summarizeResponders(measure: Measure, { baseline, followUp }: PairedScores): ResponderSummary {
  const n = followUp.length
  const lowerIsBetter = IMPROVEMENT_DIRECTION[measure] === 'decrease'
  let responders = 0
  for (let i = 0; i < n; i++) if (responds(lowerIsBetter, baseline[i], followUp[i])) responders++
  if (n === 0) return { n, responders, percentage: null, ci: null }
  const [lower, upper] = wilsonInterval(responders, n)
  return { n, responders, percentage: (100 * responders) / n, ci: [100 * lower, 100 * upper] }
}
