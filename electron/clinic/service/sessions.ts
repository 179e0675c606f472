import { exerciseIdsByCode } from '../../../db/repositories/catalogue'
import { enrollmentRow, followUpRows } from '../../../db/repositories/enrollments'
import { auditOf, insertAudit, type AuditRow } from '../../../db/repositories/audit'
import {
  insertSession,
  lastPerformances,
  performedExercises,
  sessionRow,
  sessionsOnDay,
  updatePerformed,
  updateSession,
  type PerformedValues,
} from '../../../db/repositories/sessions'
import type { SessionKind } from '../domain/vocabulary'
import type { AuditEntry, ParsedInputOf, Prescription } from '../contract'
import { conflict, notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import { followUpStatuses, nextFollowUpIndex } from '../rules/followUps'
import { dosageWeek, programEndDate } from '../rules/programWeek'
import { programMayStart } from '../rules/redFlags'
import { prescribedExercises } from './catalogue'
import { checkAssessment, writeAssessment } from './assessments'
import type { ServiceContext } from './context'
import type { ClinicDb } from '../../../db/client'
import { changedFields } from './corrections'

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
    await checkSessionDay(ctx, tx, input.enrollmentId, input.kind, input.sessionDate, input.confirmedSameDay)
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

/**
 * A supervised session on a day that already has one asks the therapist to
 * confirm (a second visit that day, not the same one entered twice); a home
 * day holds one log. A red flag recorded since (a corrected screen) puts the
 * program on hold until clearance.
 */
async function checkSessionDay(
  ctx: ServiceContext,
  tx: ClinicDb,
  enrollmentId: number,
  kind: SessionKind,
  date: string,
  confirmed: boolean,
  except = 0,
) {
  const row = await enrollmentRow(tx, enrollmentId)
  if (row && !programMayStart(row.screening.outcome, row.screening.clearedOn)) throw ruleBroken(coded('program_on_hold'))
  const same = await sessionsOnDay(tx, enrollmentId, kind, date, except)
  if (same.length === 0) return
  if (kind === 'home') throw conflict(coded('home_day_already_logged', { date }), 'sessionDate')
  if (!confirmed) throw conflict(coded('session_same_day', { date }), 'confirmedSameDay')
}

const PERFORMED_FIELDS = ['doneSets', 'doneReps', 'doneLoadKg', 'doneHoldSeconds', 'doneDurationSeconds'] as const

/**
 * Corrects a session or a home-log day: date (the program week follows), attendance, the
 * reason it was missed, pain before and after, notes, and each recorded exercise's performed
 * sets, reps, load, hold and duration. The earlier values stay in the audit trail with the reason.
 */
export async function correctSession(ctx: ServiceContext, input: ParsedInputOf<'sessions', 'correct'>) {
  return ctx.store.transaction(async (tx) => {
    const before = await sessionRow(tx, input.sessionId)
    if (!before) throw notFound(coded('session_not_found'), 'sessionId')
    if (before.voidedAt) throw ruleBroken(coded('record_voided'), 'sessionId')
    const attended = input.attended ?? before.attended
    const proposed = {
      sessionDate: input.sessionDate,
      attended: input.attended,
      // A missed session has no scores; an attended one no reason for missing it.
      missedReason: attended ? (before.missedReason === null ? undefined : null) : input.missedReason,
      painBefore: attended ? input.painBefore : before.painBefore === null ? undefined : null,
      painAfter: attended ? input.painAfter : before.painAfter === null ? undefined : null,
      notes: input.notes,
    }
    const next = { ...before, ...Object.fromEntries(Object.entries(proposed).filter(([, v]) => v !== undefined)) }
    if (!attended && (input.painBefore != null || input.painAfter != null)) throw ruleBroken(coded('missed_session_no_scores'), 'painBefore')
    // A home-log day is done or not, with the pain if written down; a supervised session says why it was missed.
    if (before.kind === 'supervised' && !next.attended && !next.missedReason) throw ruleBroken(coded('missed_reason_needed'), 'missedReason')
    if (before.kind === 'supervised' && next.attended && next.painBefore === null) throw ruleBroken(coded('pain_before_needed'), 'painBefore')
    const { before: was, after: now } = changedFields(before, proposed)

    if (input.sessionDate !== undefined && input.sessionDate !== before.sessionDate) {
      const { assignment } = await assignedEnrollment(ctx, tx, before.enrollmentId)
      if (input.sessionDate < assignment.startDate) {
        throw ruleBroken(coded('session_before_program_start', { date: assignment.startDate }), 'sessionDate')
      }
      await checkSessionDay(ctx, tx, before.enrollmentId, before.kind, input.sessionDate, input.confirmedSameDay, before.id)
      const week = dosageWeek(assignment.startDate, input.sessionDate)
      if (week !== before.week) {
        was.week = before.week
        now.week = week
      }
    }

    const performed = await performedExercises(tx, before.id)
    const exerciseChanges: { id: number; values: Partial<PerformedValues> }[] = []
    for (const [i, done] of (input.exercises ?? []).entries()) {
      const recorded = performed.find((p) => p.code === done.exerciseCode)
      if (!recorded) throw ruleBroken(coded('exercise_not_in_program', { exercise: done.exerciseCode }), `exercises.${i}.exerciseCode`)
      const diff = changedFields(recorded.row, Object.fromEntries(PERFORMED_FIELDS.map((f) => [f, done[f]])))
      if (!diff.changed) continue
      exerciseChanges.push({ id: recorded.row.id, values: diff.after })
      was[`exercise:${done.exerciseCode}`] = diff.before
      now[`exercise:${done.exerciseCode}`] = diff.after
    }
    if (Object.keys(now).length === 0) throw ruleBroken(coded('nothing_changed'))

    const sessionChanges = Object.fromEntries(Object.entries(now).filter(([k]) => !k.startsWith('exercise:')))
    await updateSession(tx, before.id, sessionChanges, ctx.now())
    for (const change of exerciseChanges) await updatePerformed(tx, change.id, change.values)
    await insertAudit(tx, {
      tableName: 'sessions',
      recordId: before.id,
      action: 'update',
      before: was,
      after: now,
      reason: input.reason,
      actor: ctx.actor,
    })
    return { sessionId: before.id }
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
