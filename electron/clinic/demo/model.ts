import { runabilityOf } from '../rules/psfs'
import { clampRound, type Random } from './random'
import type { ProgramCode } from '../domain/vocabulary'

/*
 * How the simulated cohort behaves, after the trial the programs come from
 * (Cai, Yang & Kong 2017, as the trial article reports it; docs/clinical-basis.md "Demo cohort"): running pain fell by about
 * 3 points in all three groups; runability improved by about 3.8 points with
 * leg training (P1) and by 3 or less with P2 and P3. These are demo numbers
 * shaped like the trial's, not its data.
 */

export const RUNNING_PAIN = {
  baseline: { mean: 5.5, sd: 1.5 },
  /**
   * Fall of the runner's underlying course by the end of week 8, the same in
   * every program, kept through month 6. Scores are whole numbers held within
   * 0–10, which trims the observed mean fall to about 3 points.
   */
  fallByWeek8: { mean: 3.3, sd: 1.2 },
  /** Day-to-day variation of a score around the runner's course. */
  noiseSd: 0.8,
} as const

export const RUNABILITY = {
  baseline: { mean: 4, sd: 1.2 },
  /**
   * Gain of the underlying course by the end of week 8, kept through month 6.
   * Ratings are held within 0–10, so the observed mean gain is about 3.8 with
   * P1 and 2.8 with P2 and P3.
   */
  gainByWeek8: { P1: 4.2, P2: 3.05, P3: 3.05 } satisfies Record<ProgramCode, number>,
  gainSd: 1,
  /** How far one runner's activities lie above or below their mean rating. */
  activitySpreadSd: 0.8,
  noiseSd: 0.5,
} as const

/** Rates of what goes differently from the plan. */
/**
 * Sit-to-stand repetitions in 30 s: demo numbers only (the trial article reports no strength test); the
 * leg group gains more, in keeping with the article's explanation (stronger quadriceps).
 */
export const SIT_TO_STAND = {
  tested: 0.85,
  baseline: { mean: 14, sd: 3 },
  gainByWeek8: { P1: 4, P2: 1.5, P3: 1.5 } satisfies Record<ProgramCode, number>,
  gainSd: 1.5,
  noiseSd: 1,
}

export const RATES = {
  /** Runners referred for a red flag and cleared by a physician before starting. */
  referredThenCleared: 0.03,
  /** Runners who withdraw during the program (a demo figure, not the trial's). */
  dropOut: 0.1,
  /** A supervised session missed (ill, work, travel). */
  missedSession: 0.08,
  /**
   * Share of the planned home sessions a runner does, drawn per runner and held within 0.2–1.
   * Unsupervised home exercise is done less reliably than supervised sessions are attended
   * (in low back pain up to 50–70 % of patients are reported not to adhere fully to their home
   * program, Physiopedia "Adherence to Home Exercise Programs"): a demo figure, not the trial's.
   */
  homeSessionDone: { mean: 0.7, sd: 0.15, min: 0.2, max: 1 },
  /** A runner who finished the program but missed the 3- or 6-month follow-up. */
  missedMonth3: 0.06,
  missedMonth6: 0.09,
} as const

/**
 * Share of the week-8 change reached on a day of the program: about half by the
 * middle (end of week 4), all by the end, then kept.
 */
export function changeReached(daysSinceStart: number): number {
  if (daysSinceStart <= 0) return 0
  if (daysSinceStart <= 28) return 0.55 * (daysSinceStart / 28)
  if (daysSinceStart <= 56) return 0.55 + 0.45 * ((daysSinceStart - 28) / 28)
  return 1
}

/** One runner's course: where they start and how much they change by week 8. */
export interface OutcomeCourse {
  baselinePain: number
  painFall: number
  baselineRunability: number
  runabilityGain: number
  /** Offset of each PSFS activity from the runner's mean rating. */
  activityOffsets: number[]
}

export function outcomeCourse(rng: Random, program: ProgramCode, activities: number): OutcomeCourse {
  const offsets = Array.from({ length: activities }, () => rng.normal(0, RUNABILITY.activitySpreadSd))
  const meanOffset = offsets.reduce((a, b) => a + b, 0) / activities
  return {
    baselinePain: clampRound(rng.normal(RUNNING_PAIN.baseline.mean, RUNNING_PAIN.baseline.sd), 0, 10),
    painFall: rng.normal(RUNNING_PAIN.fallByWeek8.mean, RUNNING_PAIN.fallByWeek8.sd),
    baselineRunability: rng.normal(RUNABILITY.baseline.mean, RUNABILITY.baseline.sd),
    runabilityGain: rng.normal(RUNABILITY.gainByWeek8[program], RUNABILITY.gainSd),
    activityOffsets: offsets.map((o) => o - meanOffset),
  }
}

/** Running pain (0–10) on a day; the baseline is the course's own baseline. */
export function painOn(rng: Random, course: OutcomeCourse, daysSinceStart: number | 'baseline'): number {
  if (daysSinceStart === 'baseline') return course.baselinePain
  const expected = course.baselinePain - course.painFall * changeReached(daysSinceStart)
  return clampRound(expected + rng.normal(0, RUNNING_PAIN.noiseSd), 0, 10)
}

/** PSFS ratings (0–10) of the runner's activities on a day, and runability as their mean. */
export function runabilityOn(rng: Random, course: OutcomeCourse, daysSinceStart: number | 'baseline') {
  const reached = daysSinceStart === 'baseline' ? 0 : changeReached(daysSinceStart)
  const level = course.baselineRunability + course.runabilityGain * reached
  const ratings = course.activityOffsets.map((offset) => clampRound(level + offset + rng.normal(0, RUNABILITY.noiseSd), 0, 10))
  return { ratings, runability: runabilityOf(ratings.map((rating) => ({ rating }))) }
}
