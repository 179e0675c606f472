import { exerciseIdsByCode } from '../../../db/repositories/catalogue'
import { enrollmentRow, followUpRows } from '../../../db/repositories/enrollments'
import { auditOf, insertAudit, type AuditRow } from '../../../db/repositories/audit'
import { insertSession, lastPerformances, sessionRow, updateSession } from '../../../db/repositories/sessions'
import type { AuditEntry, ParsedInputOf, Prescription } from '../contract'
import { notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import { followUpStatuses, nextFollowUpIndex } from '../rules/followUps'
import { dosageWeek, programEndDate } from '../rules/programWeek'
import { prescribedExercises } from './catalogue'
import { checkAssessment, writeAssessment } from './assessments'
import type { ServiceContext } from './context'
import type { ClinicDb } from '../../../db/client'

export async function assignedEnrollment(ctx: ServiceContext, db: ClinicDb, enrollmentId: number) {
  const row = await enrollmentRow(db, enrollmentId)
  if (!row) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
  if (!row.assignment) throw ruleBroken(coded('program_needed_for_sessions'), 'enrollmentId')
  const program = await ctx.catalogue.version(row.assignment.programVersionId)
  return { ...row, assignment: row.assignment, program }
}

/** The week's exercises with their dosage, to pre-fill the session form, and any assessment due that day. */
export async function prescription(
  ctx: ServiceContext,
  input: ParsedInputOf<'sessions', 'prescription'>,
): Promise<Prescription> {
  const { assignment, program } = await assignedEnrollment(ctx, ctx.store.db, input.enrollmentId)
  const week = dosageWeek(assignment.startDate, input.sessionDate)
  const followUps = await followUpRows(ctx.store.db, [input.enrollmentId])
  const statuses = followUpStatuses(
    followUps.map((f) => ({ dueOn: f.dueOn, done: f.assessmentId !== null })),
    input.sessionDate,
  )
  const next = nextFollowUpIndex(statuses)
  const due = next !== null && statuses[next] !== 'upcoming' ? followUps[next] : undefined
  const last = await lastPerformances(ctx.store.db, input.enrollmentId, input.sessionDate)
  return {
    week,
    exercises: prescribedExercises(program, week, assignment.optionalExercises).map((exercise) => ({
      ...exercise,
      lastPerformance: last.get(exercise.exerciseCode) ?? null,
    })),
    assessmentDue: (due?.timePoint as Prescription['assessmentDue']) ?? null,
  }
}

export async function recordSession(ctx: ServiceContext, input: ParsedInputOf<'sessions', 'record'>) {
  return ctx.store.transaction(async (tx) => {
    const { enrollment, assignment, program } = await assignedEnrollment(ctx, tx, input.enrollmentId)
    if (enrollment.withdrawnOn) throw ruleBroken(coded('runner_withdrawn'))
    if (input.sessionDate < assignment.startDate) {
      throw ruleBroken(coded('session_before_program_start', { date: assignment.startDate }), 'sessionDate')
    }
    // A paper record entered later is fine, as long as it falls within the program's 8 weeks.
    const end = programEndDate(assignment.startDate)
    if (input.sessionDate > end) throw ruleBroken(coded('session_after_program_end', { date: end }), 'sessionDate')
    const week = dosageWeek(assignment.startDate, input.sessionDate)
    const prescribed = prescribedExercises(program, week, assignment.optionalExercises)
    const exerciseIds = await exerciseIdsByCode(tx)
    const performed = input.exercises.map((done, i) => {
      const plan = prescribed.find((p) => p.exerciseCode === done.exerciseCode)
      const exerciseId = exerciseIds.get(done.exerciseCode)
      if (!plan || exerciseId === undefined) {
        throw ruleBroken(coded('exercise_not_in_program', { exercise: done.exerciseCode }), `exercises.${i}.exerciseCode`)
      }
      return {
        exerciseId,
        prescribedSets: plan.dosage.sets,
        prescribedRepsMin: plan.dosage.repsMin,
        prescribedRepsMax: plan.dosage.repsMax,
        prescribedHoldSeconds: plan.dosage.holdSeconds,
        prescribedDurationSeconds: plan.dosage.durationSeconds,
        doneSets: done.doneSets,
        doneReps: done.doneReps,
        doneLoadKg: done.doneLoadKg,
        doneHoldSeconds: done.doneHoldSeconds,
        doneDurationSeconds: done.doneDurationSeconds,
        notDone: done.notDone,
        notDoneReason: done.notDoneReason,
      }
    })
    if (!input.attended && (performed.length > 0 || input.assessment)) {
      throw ruleBroken(coded('missed_session_no_exercises'), 'attended')
    }
    const assessment = input.assessment
      ? { ...input.assessment, enrollmentId: input.enrollmentId, assessedOn: input.sessionDate, deviationReason: null }
      : null
    if (assessment) await checkAssessment(tx, assessment, 'assessment.')

    const session = await insertSession(
      tx,
      {
        enrollmentId: input.enrollmentId,
        kind: input.kind,
        sessionDate: input.sessionDate,
        week,
        attended: input.attended,
        missedReason: input.attended ? null : input.missedReason,
        painBefore: input.attended ? input.painBefore : null,
        painAfter: input.attended ? input.painAfter : null,
        notes: input.notes,
        createdBy: ctx.actor,
      },
      performed,
    )
    if (assessment) await writeAssessment(tx, ctx.actor, assessment, session.id)
    await insertAudit(tx, { tableName: 'sessions', recordId: session.id, action: 'create', after: session, actor: ctx.actor })
    return { sessionId: session.id }
  })
}

/** Corrects a session's scores or notes; the earlier values stay in the audit trail with the reason. */
export async function correctSession(ctx: ServiceContext, input: ParsedInputOf<'sessions', 'correct'>) {
  return ctx.store.transaction(async (tx) => {
    const before = await sessionRow(tx, input.sessionId)
    if (!before) throw notFound(coded('session_not_found'), 'sessionId')
    const changes = Object.fromEntries(
      (['painBefore', 'painAfter', 'notes'] as const)
        .filter((field) => input[field] !== undefined && input[field] !== before[field])
        .map((field) => [field, input[field]]),
    )
    if (Object.keys(changes).length === 0) throw ruleBroken(coded('nothing_changed'))
    if (!before.attended) throw ruleBroken(coded('missed_session_no_scores'))
    const after = await updateSession(tx, input.sessionId, changes, ctx.now())
    await insertAudit(tx, {
      tableName: 'sessions',
      recordId: input.sessionId,
      action: 'update',
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]])),
      after: changes,
      reason: input.reason,
      actor: ctx.actor,
    })
    return { sessionId: after.id }
  })
}

export async function sessionHistory(ctx: ServiceContext, input: ParsedInputOf<'sessions', 'history'>): Promise<AuditEntry[]> {
  if (!(await sessionRow(ctx.store.db, input.sessionId))) throw notFound(coded('session_not_found'), 'sessionId')
  const rows = await auditOf(ctx.store.db, 'sessions', input.sessionId)
  return rows.map(auditEntryView)
}

/** An audit log row as the screens show it. */
export const auditEntryView = (row: AuditRow): AuditEntry => ({
  at: row.at,
  actor: row.actor,
  action: row.action,
  before: row.before as AuditEntry['before'],
  after: row.after as AuditEntry['after'],
  reason: row.reason,
})
