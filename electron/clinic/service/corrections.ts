import type { ClinicDb } from '../../../db/client'
import {
  assessmentWithRatings,
  eligibilityOf,
  redFlagAnswersOf,
  updateEnrollmentSite,
  runningProfileOf,
  setAssessmentVoided,
  updateAssessment,
  updateEligibility,
  updatePatient,
  updateRunningAdvice,
  updateRunningProfile,
  updateScreening,
} from '../../../db/repositories/corrections'
import { activityIds, enrollmentRow, patientRow, recordedTimePoints } from '../../../db/repositories/enrollments'
import { insertAudit } from '../../../db/repositories/audit'
import { homeSessionsOfWeek, sessionRow, sessionsOnDay, setSessionVoided } from '../../../db/repositories/sessions'
import type { ParsedInputOf } from '../contract'
import { coded } from '../contract/messages'
import { notFound, ruleBroken } from '../errors'
import { checkSitToStand } from './assessments'
import { runabilityOf } from '../rules/psfs'
import { RED_FLAGS, screeningOutcome } from '../rules/redFlags'
import type { ServiceContext } from './context'
import { siteForEnrollment } from './sites'
import { siteRow } from '../../../db/repositories/sites'

/*
 * Correcting and voiding the record. Every change: a reason, one audit entry per
 * record changed (who, when, the values before and after, why), and nothing
 * written when nothing changed or a rule refuses. Voided records stay in the
 * database and the history; every count, statistic and statistics export leaves
 * them out (the queries and the triggers of migration 0005 do).
 */

type Values = Record<string, unknown>

/** The fields whose proposed value differs from the current one: { before, after } of those only. */
export function changedFields<T extends Values>(current: T, proposed: Partial<T>) {
  const before: Values = {}
  const after: Values = {}
  for (const [field, value] of Object.entries(proposed)) {
    if (value === undefined || JSON.stringify(value) === JSON.stringify(current[field])) continue
    before[field] = current[field]
    after[field] = value
  }
  return { before, after, changed: Object.keys(after).length > 0 }
}

/**
 * A correction of one record: the fields that change (refused when none do), written by `write`, and
 * one audit entry with before, after and the reason.
 */
export async function correctRecord<T extends Values>(
  tx: ClinicDb,
  ctx: ServiceContext,
  record: { tableName: string; recordId: number; current: T; proposed: Partial<T>; reason: string; write: (after: Values) => Promise<unknown> },
): Promise<void> {
  const { before, after, changed } = changedFields(record.current, record.proposed)
  if (!changed) throw ruleBroken(coded('nothing_changed'))
  await record.write(after)
  await insertAudit(tx, { tableName: record.tableName, recordId: record.recordId, action: 'update', before, after, reason: record.reason, actor: ctx.actor })
}

export async function correctPatient(ctx: ServiceContext, input: ParsedInputOf<'patients', 'correct'>) {
  return ctx.store.transaction(async (tx) => {
    const current = await patientRow(tx, input.patientId)
    if (!current) throw notFound(coded('patient_not_found'), 'patientId')
    const { patientId, reason, ...proposed } = input
    await correctRecord(tx, ctx, { tableName: 'patients', recordId: patientId, current, proposed, reason, write: (after) => updatePatient(tx, patientId, after) })
    return { patientId }
  })
}

/**
 * The running profile, the eligibility answers and the red-flag answers as
 * recorded at enrollment. A red flag added puts the program on hold: the
 * earlier clearance no longer covers it, so a new one is needed before the
 * next session (the status is 'awaiting clearance' again).
 */
export async function correctEnrollment(ctx: ServiceContext, input: ParsedInputOf<'enrollments', 'correct'>) {
  return ctx.store.transaction(async (tx) => {
    const row = await enrollmentRow(tx, input.enrollmentId)
    if (!row) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
    const audit = (tableName: string, recordId: number, before: Values, after: Values) =>
      insertAudit(tx, { tableName, recordId, action: 'update', before, after, reason: input.reason, actor: ctx.actor })
    let written = false

    if (input.runningProfile) {
      const profile = await runningProfileOf(tx, input.enrollmentId)
      const { before, after, changed } = changedFields(profile ?? {}, input.runningProfile)
      if (changed) {
        await updateRunningProfile(tx, input.enrollmentId, after)
        await audit('enrollments', input.enrollmentId, before, after)
        written = true
      }
    }

    if (input.eligibility) {
      const current = await eligibilityOf(tx, input.enrollmentId)
      const before: Values = {}
      const after: Values = {}
      for (const answer of input.eligibility) {
        const was = current.find((c) => c.criterion === answer.criterion)
        const next = { met: answer.met, overrideReason: answer.met ? null : answer.overrideReason }
        if (was && was.met === next.met && was.overrideReason === next.overrideReason) continue
        before[answer.criterion] = was ? { met: was.met, overrideReason: was.overrideReason } : null
        after[answer.criterion] = next
        await updateEligibility(tx, input.enrollmentId, answer.criterion, next)
      }
      if (Object.keys(after).length) {
        await audit('enrollments', input.enrollmentId, before, after)
        written = true
      }
    }

    if (input.runningAdvice !== undefined && input.runningAdvice !== row.enrollment.runningAdvice) {
      await updateRunningAdvice(tx, input.enrollmentId, input.runningAdvice)
      await audit('enrollments', input.enrollmentId, { runningAdvice: row.enrollment.runningAdvice }, { runningAdvice: input.runningAdvice })
      written = true
    }

    if (input.siteId !== undefined && input.siteId !== row.enrollment.siteId) {
      const site = await siteForEnrollment(tx, input.siteId, 'siteId')
      const was = await siteRow(tx, row.enrollment.siteId)
      await updateEnrollmentSite(tx, input.enrollmentId, site.id)
      await audit('enrollments', input.enrollmentId, { site: was?.code ?? null }, { site: site.code })
      written = true
    }

    let onHold = false
    if (input.redFlags) {
      const screening = row.screening
      const answers = await redFlagAnswersOf(tx, screening.id)
      const present = (flag: string) => answers.find((a) => a.flag === flag)?.present ?? false
      const flips = RED_FLAGS.filter((flag) => input.redFlags?.[flag] !== present(flag))
      if (flips.length) {
        const added = flips.some((flag) => input.redFlags?.[flag] === true)
        const outcome = screeningOutcome(input.redFlags)
        const clearance = added
          ? { clearedOn: null, clearedBy: null, clearanceNote: null }
          : { clearedOn: screening.clearedOn, clearedBy: screening.clearedBy, clearanceNote: screening.clearanceNote }
        await updateScreening(tx, screening.id, input.redFlags, { outcome, ...clearance })
        const before: Values = Object.fromEntries(flips.map((flag) => [flag, present(flag)]))
        const after: Values = Object.fromEntries(flips.map((flag) => [flag, input.redFlags?.[flag]]))
        if (outcome !== screening.outcome) {
          before.outcome = screening.outcome
          after.outcome = outcome
        }
        if (added && screening.clearedOn) {
          before.clearedOn = screening.clearedOn
          after.clearedOn = null
        }
        await audit('red_flag_screenings', screening.id, before, after)
        onHold = outcome !== 'clear' && clearance.clearedOn === null
        written = true
      }
    }
    if (!written) throw ruleBroken(coded('nothing_changed'))
    return { enrollmentId: input.enrollmentId, onHold }
  })
}

async function assessmentOrThrow(db: ClinicDb, assessmentId: number) {
  const found = await assessmentWithRatings(db, assessmentId)
  if (!found) throw notFound(coded('assessment_not_found'), 'assessmentId')
  return found
}

/** An assessment's date, running pain or ratings; the runability is the ratings' mean again. */
export async function correctAssessment(ctx: ServiceContext, input: ParsedInputOf<'assessments', 'correct'>) {
  return ctx.store.transaction(async (tx) => {
    const { assessment, ratings } = await assessmentOrThrow(tx, input.assessmentId)
    if (assessment.voidedAt) throw ruleBroken(coded('record_voided'), 'assessmentId')
    const enrollment = await enrollmentRow(tx, assessment.enrollmentId)
    if (input.assessedOn !== undefined && enrollment && input.assessedOn < enrollment.enrollment.enrolledOn) {
      throw ruleBroken(coded('assessment_before_enrollment'), 'assessedOn')
    }
    checkSitToStand(assessment.timePoint, input.sitToStandReps)
    let nextRatings = ratings
    if (input.ratings) {
      const expected = await activityIds(tx, assessment.enrollmentId)
      const given = input.ratings.map((r) => r.activityId)
      if (given.length !== expected.length || !expected.every((id) => given.includes(id))) {
        throw ruleBroken(coded('rate_each_activity_once'), 'ratings')
      }
      nextRatings = [...input.ratings].sort((a, b) => a.activityId - b.activityId)
    }
    const { before, after, changed } = changedFields(
      { assessedOn: assessment.assessedOn, runningPain: assessment.runningPain, sitToStandReps: assessment.sitToStandReps, ratings },
      {
        assessedOn: input.assessedOn,
        runningPain: input.runningPain,
        sitToStandReps: input.sitToStandReps,
        ratings: input.ratings ? nextRatings : undefined,
      },
    )
    if (!changed) throw ruleBroken(coded('nothing_changed'))
    const runability = runabilityOf(nextRatings)
    if (runability !== assessment.runability) {
      before.runability = assessment.runability
      after.runability = runability
    }
    await updateAssessment(
      tx,
      assessment.id,
      { assessedOn: input.assessedOn, runningPain: input.runningPain, sitToStandReps: input.sitToStandReps, runability },
      input.ratings ? nextRatings : null,
    )
    await insertAudit(tx, { tableName: 'assessments', recordId: assessment.id, action: 'update', before, after, reason: input.reason, actor: ctx.actor })
    return { assessmentId: assessment.id }
  })
}

/** Voids an assessment (its follow-up is due again) or restores it (when its time point is still free). The baseline is corrected, never voided. */
export async function voidAssessment(ctx: ServiceContext, input: ParsedInputOf<'assessments', 'void'>) {
  return ctx.store.transaction(async (tx) => {
    const { assessment } = await assessmentOrThrow(tx, input.assessmentId)
    if (assessment.timePoint === 'baseline') throw ruleBroken(coded('baseline_not_voidable'), 'assessmentId')
    if (input.voided && assessment.voidedAt) throw ruleBroken(coded('record_already_voided'), 'assessmentId')
    if (!input.voided && !assessment.voidedAt) throw ruleBroken(coded('record_not_voided'), 'assessmentId')
    if (!input.voided && assessment.timePoint !== 'unscheduled') {
      const taken = (await recordedTimePoints(tx, assessment.enrollmentId)).find((r) => r.timePoint === assessment.timePoint)
      if (taken) throw ruleBroken(coded('time_point_already_assessed', { date: taken.assessedOn }), 'assessmentId')
    }
    const mark = input.voided ? { at: ctx.now(), by: ctx.actor, reason: input.reason } : null
    await setAssessmentVoided(tx, assessment, mark)
    await insertAudit(tx, {
      tableName: 'assessments',
      recordId: assessment.id,
      action: input.voided ? 'void' : 'unvoid',
      before: { voided: assessment.voidedAt !== null },
      after: { voided: input.voided },
      reason: input.reason,
      actor: ctx.actor,
    })
    return { assessmentId: assessment.id }
  })
}

async function writeSessionVoid(ctx: ServiceContext, tx: ClinicDb, sessionId: number, voided: boolean, reason: string) {
  await setSessionVoided(tx, sessionId, voided ? { at: ctx.now(), by: ctx.actor, reason } : null)
  await insertAudit(tx, {
    tableName: 'sessions',
    recordId: sessionId,
    action: voided ? 'void' : 'unvoid',
    before: { voided: !voided },
    after: { voided },
    reason,
    actor: ctx.actor,
  })
}

/** Voids a session or a home-log day entered in error, or restores it. */
export async function voidSession(ctx: ServiceContext, input: ParsedInputOf<'sessions', 'void'>) {
  return ctx.store.transaction(async (tx) => {
    const session = await sessionRow(tx, input.sessionId)
    if (!session) throw notFound(coded('session_not_found'), 'sessionId')
    if (input.voided && session.voidedAt) throw ruleBroken(coded('record_already_voided'), 'sessionId')
    if (!input.voided && !session.voidedAt) throw ruleBroken(coded('record_not_voided'), 'sessionId')
    // A home day holds one log: restoring one where another was logged since would count the day twice.
    if (!input.voided && session.kind === 'home') {
      if ((await sessionsOnDay(tx, session.enrollmentId, 'home', session.sessionDate, session.id)).length) {
        throw ruleBroken(coded('home_day_already_logged', { date: session.sessionDate }), 'sessionId')
      }
    }
    await writeSessionVoid(ctx, tx, session.id, input.voided, input.reason)
    return { sessionId: session.id }
  })
}

/** Voids every home-log day of a program week (a week's log entered twice, or on the wrong runner). */
export async function voidHomeWeek(ctx: ServiceContext, input: ParsedInputOf<'sessions', 'voidHomeWeek'>) {
  return ctx.store.transaction(async (tx) => {
    if (!(await enrollmentRow(tx, input.enrollmentId))) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
    const days = await homeSessionsOfWeek(tx, input.enrollmentId, input.week)
    if (days.length === 0) throw ruleBroken(coded('nothing_changed'), 'week')
    for (const day of days) await writeSessionVoid(ctx, tx, day.id, true, input.reason)
    return { sessionIds: days.map((d) => d.id) }
  })
}
