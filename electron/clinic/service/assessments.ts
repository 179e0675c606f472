import type { ClinicDb } from '../../../db/client'
import { activityIds, enrollmentRow, insertAssessment, recordedTimePoints } from '../../../db/repositories/enrollments'
import { insertAudit } from '../../../db/repositories/audit'
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
}

/** Checks an assessment against the enrollment's records; throws a field error, writes nothing. */
export async function checkAssessment(db: ClinicDb, input: AssessmentInput, path = '') {
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
      sessionId,
      createdBy: actor,
    },
    input.ratings,
  )
  await insertAudit(tx, {
    tableName: 'assessments',
    recordId: assessmentId,
    action: 'create',
    after: { timePoint: input.timePoint, assessedOn: input.assessedOn, runningPain: input.runningPain, ratings: input.ratings },
    actor,
  })
  return assessmentId
}

export async function recordAssessment(ctx: ServiceContext, input: AssessmentInput) {
  return ctx.store.transaction(async (tx) => {
    await checkAssessment(tx, input)
    return { assessmentId: await writeAssessment(tx, ctx.actor, input) }
  })
}
