import { enrollmentRow } from '../../../db/repositories/enrollments'
import { insertAudit } from '../../../db/repositories/audit'
import {
  adverseEventRow,
  insertAdverseEvent,
  setAdverseEventVoided,
  updateAdverseEvent,
  updateEnrollment,
  type EnrollmentRecord,
} from '../../../db/repositories/withdrawals'
import type { ClinicDb } from '../../../db/client'
import type { ParsedInputOf } from '../contract'
import { coded } from '../contract/messages'
import { notFound, ruleBroken } from '../errors'
import type { ServiceContext } from './context'
import { correctRecord } from './corrections'

/*
 * A runner's taking part: withdrawal from the program and re-admission, consent
 * to treatment and to the program comparison, and adverse events. Each change
 * is written with its audit entry (who, when, before, after, why) in one
 * transaction, and shows under "History of changes".
 */

async function enrollmentOf(tx: ClinicDb, enrollmentId: number) {
  const row = await enrollmentRow(tx, enrollmentId)
  if (!row) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
  return row.enrollment
}

const pick = <K extends keyof EnrollmentRecord>(row: EnrollmentRecord, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<EnrollmentRecord, K>

const WITHDRAWAL = ['withdrawnOn', 'withdrawalCategory', 'withdrawalReason'] as const

/**
 * Withdrawal from the program: no further sessions, but the runner stays invited to
 * the follow-up assessments (intention to treat) and counts as a drop-out.
 */
export async function withdraw(ctx: ServiceContext, input: ParsedInputOf<'withdrawals', 'withdraw'>) {
  return ctx.store.transaction(async (tx) => {
    const enrollment = await enrollmentOf(tx, input.enrollmentId)
    if (enrollment.withdrawnOn) throw ruleBroken(coded('runner_withdrawn'))
    if (input.withdrawnOn < enrollment.enrolledOn) throw ruleBroken(coded('withdrawal_before_enrollment'), 'withdrawnOn')
    const after = await updateEnrollment(tx, input.enrollmentId, {
      withdrawnOn: input.withdrawnOn,
      withdrawalCategory: input.category,
      withdrawalReason: input.reason,
    })
    await insertAudit(tx, {
      tableName: 'enrollments',
      recordId: input.enrollmentId,
      action: 'withdraw',
      before: pick(enrollment, WITHDRAWAL),
      after: pick(after, WITHDRAWAL),
      reason: input.reason,
      actor: ctx.actor,
    })
    return { enrollmentId: input.enrollmentId }
  })
}

/** Re-admission after a withdrawal: the runner is back in the program (and no longer a drop-out); the history keeps the withdrawal. */
export async function readmit(ctx: ServiceContext, input: ParsedInputOf<'withdrawals', 'readmit'>) {
  return ctx.store.transaction(async (tx) => {
    const enrollment = await enrollmentOf(tx, input.enrollmentId)
    if (!enrollment.withdrawnOn) throw ruleBroken(coded('runner_not_withdrawn'))
    const after = await updateEnrollment(tx, input.enrollmentId, { withdrawnOn: null, withdrawalCategory: null, withdrawalReason: null })
    await insertAudit(tx, {
      tableName: 'enrollments',
      recordId: input.enrollmentId,
      action: 'readmit',
      before: pick(enrollment, WITHDRAWAL),
      after: pick(after, WITHDRAWAL),
      reason: input.reason,
      actor: ctx.actor,
    })
    return { enrollmentId: input.enrollmentId }
  })
}

/**
 * A withdrawal's date, category or free text corrected, with the reason. A withdrawal entered in
 * error is undone by re-admission (its reason says so): the history keeps both.
 */
export async function correctWithdrawal(ctx: ServiceContext, input: ParsedInputOf<'withdrawals', 'correct'>) {
  return ctx.store.transaction(async (tx) => {
    const enrollment = await enrollmentOf(tx, input.enrollmentId)
    if (!enrollment.withdrawnOn) throw ruleBroken(coded('runner_not_withdrawn'))
    if (input.withdrawnOn !== undefined && input.withdrawnOn < enrollment.enrolledOn) {
      throw ruleBroken(coded('withdrawal_before_enrollment'), 'withdrawnOn')
    }
    await correctRecord(tx, ctx, {
      tableName: 'enrollments',
      recordId: input.enrollmentId,
      current: pick(enrollment, WITHDRAWAL),
      proposed: { withdrawnOn: input.withdrawnOn, withdrawalCategory: input.category, withdrawalReason: input.withdrawalReason },
      reason: input.reason,
      write: (after) => updateEnrollment(tx, input.enrollmentId, after),
    })
    return { enrollmentId: input.enrollmentId }
  })
}

async function adverseEventOf(tx: ClinicDb, adverseEventId: number) {
  const row = await adverseEventRow(tx, adverseEventId)
  if (!row) throw notFound(coded('adverse_event_not_found'), 'adverseEventId')
  return row
}

/** An adverse event's date, description, severity, relatedness or action taken corrected, with the reason. */
export async function correctAdverseEvent(ctx: ServiceContext, input: ParsedInputOf<'adverseEvents', 'correct'>) {
  return ctx.store.transaction(async (tx) => {
    const event = await adverseEventOf(tx, input.adverseEventId)
    if (event.voidedAt) throw ruleBroken(coded('record_voided'), 'adverseEventId')
    if (input.occurredOn !== undefined) {
      const enrollment = await enrollmentOf(tx, event.enrollmentId)
      if (input.occurredOn < enrollment.enrolledOn) throw ruleBroken(coded('adverse_event_before_enrollment'), 'occurredOn')
    }
    const { adverseEventId, reason, ...proposed } = input
    await correctRecord(tx, ctx, { tableName: 'adverse_events', recordId: adverseEventId, current: event, proposed, reason, write: (after) => updateAdverseEvent(tx, adverseEventId, after) })
    return { adverseEventId }
  })
}

/** Voids an adverse event entered in error (kept, marked, left out of every count and export), or restores it. */
export async function voidAdverseEvent(ctx: ServiceContext, input: ParsedInputOf<'adverseEvents', 'void'>) {
  return ctx.store.transaction(async (tx) => {
    const event = await adverseEventOf(tx, input.adverseEventId)
    if (input.voided && event.voidedAt) throw ruleBroken(coded('record_already_voided'), 'adverseEventId')
    if (!input.voided && !event.voidedAt) throw ruleBroken(coded('record_not_voided'), 'adverseEventId')
    await setAdverseEventVoided(tx, event.id, input.voided ? { at: ctx.now(), by: ctx.actor, reason: input.reason } : null)
    await insertAudit(tx, {
      tableName: 'adverse_events',
      recordId: event.id,
      action: input.voided ? 'void' : 'unvoid',
      before: { voided: event.voidedAt !== null },
      after: { voided: input.voided },
      reason: input.reason,
      actor: ctx.actor,
    })
    return { adverseEventId: event.id }
  })
}

export async function recordAdverseEvent(ctx: ServiceContext, input: ParsedInputOf<'adverseEvents', 'record'>) {
  return ctx.store.transaction(async (tx) => {
    const enrollment = await enrollmentOf(tx, input.enrollmentId)
    if (input.occurredOn < enrollment.enrolledOn) throw ruleBroken(coded('adverse_event_before_enrollment'), 'occurredOn')
    const { enrollmentId, occurredOn, description, severity, related, actionTaken } = input
    const row = await insertAdverseEvent(tx, { enrollmentId, occurredOn, description, severity, related, actionTaken, createdBy: ctx.actor })
    await insertAudit(tx, {
      tableName: 'adverse_events',
      recordId: row.id,
      action: 'create',
      after: { occurredOn, description, severity, related, actionTaken },
      actor: ctx.actor,
    })
    return { adverseEventId: row.id }
  })
}

const TREATMENT = ['treatmentConsentOn', 'treatmentConsentBy'] as const

/** Consent to treatment recorded after the enrollment (e.g. for a runner enrolled before Backstride asked for it). */
export async function recordTreatmentConsent(ctx: ServiceContext, input: ParsedInputOf<'consent', 'recordTreatment'>) {
  return ctx.store.transaction(async (tx) => {
    const enrollment = await enrollmentOf(tx, input.enrollmentId)
    if (enrollment.treatmentConsentOn) {
      throw ruleBroken(coded('treatment_consent_recorded', { date: enrollment.treatmentConsentOn }), 'consentedOn')
    }
    const after = await updateEnrollment(tx, input.enrollmentId, { treatmentConsentOn: input.consentedOn, treatmentConsentBy: input.takenBy })
    await insertAudit(tx, {
      tableName: 'enrollments',
      recordId: input.enrollmentId,
      action: 'update',
      before: pick(enrollment, TREATMENT),
      after: pick(after, TREATMENT),
      reason: 'consent to treatment recorded',
      actor: ctx.actor,
    })
    return { enrollmentId: input.enrollmentId }
  })
}

const COMPARISON = ['comparisonConsent', 'comparisonConsentOn', 'comparisonConsentWithdrawnOn'] as const

/**
 * The runner's answer on taking part in the program comparison: given, refused, or
 * (once given) withdrawn. Changing an answer already recorded needs a reason; a
 * runner withdrawing their consent needs none.
 */
export async function answerComparisonConsent(ctx: ServiceContext, input: ParsedInputOf<'consent', 'answerComparison'>) {
  return ctx.store.transaction(async (tx) => {
    const enrollment = await enrollmentOf(tx, input.enrollmentId)
    const inForce = enrollment.comparisonConsent === 'given' && enrollment.comparisonConsentWithdrawnOn === null
    let changes: Partial<EnrollmentRecord>
    if (input.answer === 'withdrawn') {
      if (!inForce) throw ruleBroken(coded('comparison_consent_not_given'), 'answer')
      if (input.answeredOn < enrollment.comparisonConsentOn!) {
        throw ruleBroken(coded('consent_withdrawal_before_consent', { date: enrollment.comparisonConsentOn! }), 'answeredOn')
      }
      changes = { comparisonConsentWithdrawnOn: input.answeredOn }
    } else {
      const current = enrollment.comparisonConsentWithdrawnOn ? 'withdrawn' : enrollment.comparisonConsent
      if (current === input.answer && enrollment.comparisonConsentOn === input.answeredOn) throw ruleBroken(coded('nothing_changed'))
      if (current !== null && !input.reason) throw ruleBroken(coded('consent_change_reason_needed'), 'reason')
      changes = { comparisonConsent: input.answer, comparisonConsentOn: input.answeredOn, comparisonConsentWithdrawnOn: null }
    }
    const after = await updateEnrollment(tx, input.enrollmentId, changes)
    await insertAudit(tx, {
      tableName: 'enrollments',
      recordId: input.enrollmentId,
      action: 'update',
      before: pick(enrollment, COMPARISON),
      after: pick(after, COMPARISON),
      reason: input.reason ?? (input.answer === 'withdrawn' ? 'comparison consent withdrawn' : 'comparison consent recorded'),
      actor: ctx.actor,
    })
    return { enrollmentId: input.enrollmentId }
  })
}
