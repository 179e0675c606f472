import type { ClinicDb } from '../../../db/client'
import {
  activityIds,
  baselineOf,
  enrollmentRow,
  followUpRows,
  insertAssessment,
  recordedTimePoints,
  replaceAssessmentScores,
} from '../../../db/repositories/enrollments'
import { insertAudit } from '../../../db/repositories/audit'
import type { ParsedInputOf } from '../contract'
import { FOLLOW_UP_TIME_POINTS, measureTakenAt, type FollowUpTimePoint } from '../domain/vocabulary'
import { assessmentWindow, withinWindow } from '../rules/plausibleDates'
import { notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import { runabilityOf } from '../rules/psfs'
import type { ServiceContext } from './context'
import type { TimePoint } from '../domain/vocabulary'

export interface AssessmentInput {
  enrollmentId: number
  timePoint: TimePoint
  assessedOn: string
  runningPain: number
  ratings: { activityId: number; rating: number }[]
  /** Repetitions in the 30-second sit-to-stand test, when tested (baseline, week 4 and week 8 only). */
  sitToStandReps: number | null
  /** Why a follow-up is taken outside its window (a protocol deviation); required then, dropped otherwise. */
  deviationReason: string | null
}

const isFollowUp = (timePoint: TimePoint): timePoint is FollowUpTimePoint =>
  (FOLLOW_UP_TIME_POINTS as readonly string[]).includes(timePoint)

/**
 * A follow-up's date against the schedule: not before the program starts, in
 * time-point order with those already taken, and inside its window around the
 * due date unless a protocol-deviation reason is given. Returns the reason to
 * store (null inside the window).
 */
async function checkFollowUpDate(
  db: ClinicDb,
  input: AssessmentInput & { timePoint: FollowUpTimePoint },
  startDate: string,
  recorded: { timePoint: string; assessedOn: string }[],
  path: string,
): Promise<string | null> {
  if (input.assessedOn < startDate) throw ruleBroken(coded('follow_up_before_program_start', { date: startDate }), `${path}assessedOn`)
  const order = FOLLOW_UP_TIME_POINTS.indexOf(input.timePoint)
  for (const other of recorded) {
    if (!isFollowUp(other.timePoint as TimePoint)) continue
    const otherOrder = FOLLOW_UP_TIME_POINTS.indexOf(other.timePoint as FollowUpTimePoint)
    if (otherOrder > order && input.assessedOn > other.assessedOn) {
      throw ruleBroken(coded('assessment_after_later_time_point', { date: other.assessedOn }), `${path}assessedOn`)
    }
    if (otherOrder < order && input.assessedOn < other.assessedOn) {
      throw ruleBroken(coded('assessment_before_earlier_time_point', { date: other.assessedOn }), `${path}assessedOn`)
    }
  }
  const due = (await followUpRows(db, [input.enrollmentId])).find((f) => f.timePoint === input.timePoint)
  if (!due || withinWindow(input.timePoint, due.dueOn, input.assessedOn)) return null
  if (!input.deviationReason) {
    const { from, to } = assessmentWindow(input.timePoint, due.dueOn)
    throw ruleBroken(coded('deviation_reason_needed', { from, to }), `${path}deviationReason`)
  }
  return input.deviationReason
}

/** The sit-to-stand test belongs to baseline, week 4 and week 8: refused at other time points (field sitToStandReps). */
export function checkSitToStand(timePoint: TimePoint, sitToStandReps: number | null | undefined, path = ''): void {
  if (sitToStandReps != null && !measureTakenAt('sitToStandReps', timePoint)) {
    throw ruleBroken(coded('sit_to_stand_not_at_time_point'), `${path}sitToStandReps`)
  }
}

/** Checks an assessment against the enrollment's records; throws a field error, writes nothing. Returns the protocol-deviation reason to store. */
export async function checkAssessment(db: ClinicDb, input: AssessmentInput, path = ''): Promise<string | null> {
  const enrollment = await enrollmentRow(db, input.enrollmentId)
  if (!enrollment) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
  if (input.timePoint === 'baseline') {
    throw ruleBroken(coded('baseline_at_enrollment'), `${path}timePoint`)
  }
  if (input.timePoint !== 'unscheduled' && !enrollment.assignment) {
    throw ruleBroken(coded('follow_up_needs_program'), `${path}timePoint`)
  }
  if (input.assessedOn < enrollment.enrollment.enrolledOn) {
    throw ruleBroken(coded('assessment_before_enrollment'), `${path}assessedOn`)
  }
  checkSitToStand(input.timePoint, input.sitToStandReps, path)
  const recorded = await recordedTimePoints(db, input.enrollmentId)
  const same = recorded.find((r) => r.timePoint === input.timePoint && input.timePoint !== 'unscheduled')
  if (same) {
    throw ruleBroken(coded('time_point_already_assessed', { date: same.assessedOn }), `${path}timePoint`)
  }
  const expected = await activityIds(db, input.enrollmentId)
  const given = input.ratings.map((r) => r.activityId)
  if (expected.length !== given.length || !expected.every((id) => given.includes(id))) {
    throw ruleBroken(coded('rate_each_activity_once'), `${path}ratings`)
  }
  if (!isFollowUp(input.timePoint) || !enrollment.assignment) return null
  return checkFollowUpDate(db, { ...input, timePoint: input.timePoint }, enrollment.assignment.startDate, recorded, path)
}

export async function writeAssessment(tx: ClinicDb, actor: string, input: AssessmentInput, sessionId: number | null = null) {
  const assessmentId = await insertAssessment(
    tx,
    {
      enrollmentId: input.enrollmentId,
      timePoint: input.timePoint,
      assessedOn: input.assessedOn,
      runningPain: input.runningPain,
      runability: runabilityOf(input.ratings),
      sitToStandReps: input.sitToStandReps,
      sessionId,
      deviationReason: input.deviationReason,
      createdBy: actor,
    },
    input.ratings,
  )
  await insertAudit(tx, {
    tableName: 'assessments',
    recordId: assessmentId,
    action: 'create',
    after: { timePoint: input.timePoint, assessedOn: input.assessedOn, runningPain: input.runningPain, ratings: input.ratings, sitToStandReps: input.sitToStandReps, deviationReason: input.deviationReason },
    actor,
  })
  return assessmentId
}

export async function recordAssessment(ctx: ServiceContext, input: AssessmentInput) {
  return ctx.store.transaction(async (tx) => {
    const deviationReason = await checkAssessment(tx, input)
    return { assessmentId: await writeAssessment(tx, ctx.actor, { ...input, deviationReason }) }
  })
}

/**
 * A fresh baseline: the baseline's scores taken again, before a program that
 * would start more than 14 days after the first one (rules/baseline.ts). Only
 * while no program is assigned; the audit trail keeps the first baseline.
 */
export async function renewBaseline(ctx: ServiceContext, input: ParsedInputOf<'assessments', 'renewBaseline'>) {
  return ctx.store.transaction(async (tx) => {
    const enrollment = await enrollmentRow(tx, input.enrollmentId)
    if (!enrollment) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
    if (enrollment.assignment) throw ruleBroken(coded('baseline_kept_after_start'), 'assessedOn')
    const baseline = await baselineOf(tx, input.enrollmentId)
    if (!baseline) throw notFound(coded('baseline_missing'), 'enrollmentId')
    if (input.assessedOn < baseline.assessedOn) {
      throw ruleBroken(coded('fresh_baseline_before_first', { date: baseline.assessedOn }), 'assessedOn')
    }
    const expected = await activityIds(tx, input.enrollmentId)
    const given = input.ratings.map((r) => r.activityId)
    if (expected.length !== given.length || !expected.every((id) => given.includes(id))) {
      throw ruleBroken(coded('rate_each_activity_once'), 'ratings')
    }
    const after = { assessedOn: input.assessedOn, runningPain: input.runningPain, runability: runabilityOf(input.ratings), sitToStandReps: input.sitToStandReps }
    await replaceAssessmentScores(tx, baseline.assessmentId, after, input.ratings)
    await insertAudit(tx, {
      tableName: 'assessments',
      recordId: baseline.assessmentId,
      action: 'update',
      before: {
        assessedOn: baseline.assessedOn,
        runningPain: baseline.runningPain,
        runability: baseline.runability,
        sitToStandReps: baseline.sitToStandReps,
        ratings: baseline.ratings,
      },
      after: { ...after, ratings: input.ratings },
      reason: 'Fresh baseline before the program start',
      actor: ctx.actor,
    })
    return { assessmentId: baseline.assessmentId }
  })
}
