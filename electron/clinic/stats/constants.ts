import { CORE_MEASURES, SIT_TO_STAND_MAX, type Measure } from '../domain/vocabulary'

/**
 * Numbers with clinical or statistical meaning used by the group comparison,
 * each with its source. Change them here and nowhere else.
 */

/**
 * Minimal important change on a 0–10 scale: 2 points for pain (NRS, Ostelo et al.,
 * Spine 2008;33(1):90–94); 2 points is also the minimal detectable change of the
 * Patient-Specific Functional Scale that runability follows.
 */
export const RESPONDER_MIN_POINTS = 2

/** Relative minimal important change: 30 % of the baseline score (Ostelo 2008). */
export const RESPONDER_MIN_FRACTION = 0.3

/** 8 weeks × 2 supervised sessions a week (trial article; docs/clinical-basis.md "The programs"). */
export const SUPERVISED_SESSIONS_PLANNED = 16

/** Level of every confidence interval and the matching two-sided tests (α = 0.05). */
export const CONFIDENCE = 0.95

/** Pain and runability are both rated 0 (none / unable) to 10. */
export const SCORE_MIN = 0
export const SCORE_MAX = 10

/** The values each measure can take: 0–10 for pain and runability, 0–60 sit-to-stand repetitions in 30 s. */
export const MEASURE_RANGE: Record<Measure, readonly [min: number, max: number]> = {
  runningPain: [SCORE_MIN, SCORE_MAX],
  runability: [SCORE_MIN, SCORE_MAX],
  sitToStandReps: [0, SIT_TO_STAND_MAX],
}

/**
 * The measures with a responder definition (the minimal important change above): pain and runability.
 * The sit-to-stand test has none in the clinic's sources, so no responders are counted for it.
 */
export const RESPONDER_MEASURES = CORE_MEASURES

/**
 * Slack for comparing a change with a responder threshold: scores such as
 * runability are means of 3–5 ratings, so 7 − 4.9 may come out as 2.0999999999999996.
 */
export const SCORE_TOLERANCE = 1e-9
