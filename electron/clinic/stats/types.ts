import type { Coded } from '../contract/messages'

/**
 * Plain data in and out of the group comparison. The database side produces the
 * input records; charts, reports and the CSV export read the results.
 */

import type { FollowUpTimePoint, Measure, ProgramCode, ScheduledTimePoint } from '../domain/vocabulary'

/**
 * One assessment of one patient at one trial time point. The caller passes at most
 * one record per patient and time point (when a patient was assessed twice, the
 * caller chooses which one counts); `compareGroups` rejects duplicates.
 */
export interface OutcomeRecord {
  patientId: number
  programCode: ProgramCode
  timePoint: ScheduledTimePoint
  runningPain: number | null
  runability: number | null
  /** Optional leg-strength test (baseline, week 4, week 8); absent or null when not tested. */
  sitToStandReps?: number | null
}

/** One patient's attendance in the program they were assigned to. */
export interface AttendanceRecord { patientId: number; programCode: ProgramCode; supervisedAttended: number; droppedOut: boolean }


/** Pain improves when it falls; runability and the sit-to-stand repetitions improve when they rise. */
export const IMPROVEMENT_DIRECTION: Record<Measure, 'decrease' | 'increase'> = {
  runningPain: 'decrease',
  runability: 'increase',
  sitToStandReps: 'increase',
}

/** Lower and upper bound of a confidence interval at level CONFIDENCE. */
export type Interval = [lower: number, upper: number]

/**
 * A test result, or why it could not be computed (never NaN), as a coded message:
 * `{ value: {...}, reason: null }` or `{ value: null, reason: { code: 'stats_group_too_small', params: { group: 'P3', ... }, message } }`.
 */
export type Computed<T> = { value: T; reason: null } | { value: null; reason: Coded }

/**
 * n, mean, SD and CI of the mean (t distribution, df = n − 1).
 * n = 0: all null; n = 1: mean only; all values equal: sd 0 and ci [mean, mean].
 */
export interface Summary { n: number; mean: number | null; sd: number | null; ci: Interval | null }

/** Responders among the n patients with a baseline and this follow-up; percentages 0–100, Wilson score CI. */
export interface ResponderSummary { n: number; responders: number; percentage: number | null; ci: Interval | null }

export interface WelchTest {
  /** Mean of the first group minus mean of the second. */
  difference: number
  ci: Interval
  t: number
  /** Welch–Satterthwaite degrees of freedom. */
  df: number
  /** Two-sided. */
  p: number
}

export interface AnovaTest { f: number; df1: number; df2: number; p: number }

export interface AdjustedMean { n: number; mean: number }

export interface AncovaTest<K extends string = ProgramCode> {
  /** F for program, adjusted for baseline: full model (program + baseline) against baseline only. */
  f: number
  df1: number
  df2: number
  p: number
  /** Common within-group slope of follow-up on baseline. */
  baselineSlope: number
  /** Mean baseline of all patients in the model; adjusted means are predictions at this baseline. */
  meanBaseline: number
  adjustedMeans: Record<K, AdjustedMean>
}

/** Difference in mean change, `first − second` (e.g. P1 − P2), with each group's n. */
export type ChangeDifference = { first: ProgramCode; second: ProgramCode; nFirst: number; nSecond: number } & Computed<WelchTest>

/** One-way ANOVA on change across the three programs; n per program and in all. */
export type ChangeAnova = { n: Record<ProgramCode, number> } & Computed<AnovaTest>

/** ANCOVA follow-up ~ program + baseline, among patients with both scores. */
export type FollowUpAncova = { n: Record<ProgramCode, number> } & Computed<AncovaTest>

export interface FollowUpComparison {
  timePoint: FollowUpTimePoint
  /** Change per patient = follow-up − baseline (raw sign: see `improvement`). */
  change: Record<ProgramCode, Summary>
  /** Null for a measure without a responder definition (RESPONDER_MEASURES: the sit-to-stand test has none). */
  responders: Record<ProgramCode, ResponderSummary> | null
  /** P1 − P2, P1 − P3, P2 − P3. */
  differences: ChangeDifference[]
  anova: ChangeAnova
  ancova: FollowUpAncova
}

export interface MeasureComparison {
  measure: Measure
  improvement: 'decrease' | 'increase'
  scores: Record<ProgramCode, Record<ScheduledTimePoint, Summary>>
  followUps: Record<FollowUpTimePoint, FollowUpComparison>
}

export interface AttendanceSummary {
  /** Patients with an attendance record in this program. */
  n: number
  sessionsPlanned: number
  meanAttended: number | null
  /** Mean attended as a percentage of the planned sessions. */
  meanAttendedPercentage: number | null
  droppedOut: number
  dropOutPercentage: number | null
}

export interface GroupComparison {
  confidence: number
  measures: Record<Measure, MeasureComparison>
  attendance: Record<ProgramCode, AttendanceSummary>
}
