import {
  followUpRows,
  latestEnrollmentOf,
  patientListPage,
  patientRecordRows,
  patientRow,
  type PatientRow,
} from '../../../db/repositories/enrollments'
import { runningAdviceOf } from './settings'
import { assessmentsOfEnrollment, correctedIds, sessionsOfEnrollment } from '../../../db/repositories/sessions'
import { adverseEventsOf, type EnrollmentRecord } from '../../../db/repositories/withdrawals'
import type {
  ConsentView,
  ParsedInputOf,
  PatientPage,
  PatientRecord,
  PatientSummary,
  PatientView,
  SessionView,
  VoidMark,
} from '../contract'
import { ClinicError, notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import type { EligibilityCriterion } from '../rules/eligibility'
import { followUpStatus } from '../rules/followUps'
import { programPhase } from '../rules/programWeek'
import { programMayStart, type RedFlag } from '../rules/redFlags'
import { lastStartCompletedBy, patientStatus } from '../rules/status'
import type { ServiceContext } from './context'
import { siteView } from './sites'
import type { FollowUpTimePoint } from '../domain/vocabulary'

const voidMark = (row: { voidedAt: string | null; voidedBy: string | null; voidReason: string | null }): VoidMark | null =>
  row.voidedAt ? { at: row.voidedAt, by: row.voidedBy, reason: row.voidReason } : null

const weekOf = (startDate: string | null, today: string) => {
  if (!startDate) return null
  const phase = programPhase(startDate, today)
  return phase.phase === 'in_program' ? phase.week : null
}

export async function listPatients(ctx: ServiceContext, input: ParsedInputOf<'patients', 'list'>): Promise<PatientPage> {
  const today = ctx.today()
  const blinded = ctx.blinded
  // Filtering by program would tell a blinded assessor who does which one.
  if (blinded && input.programCode) throw new ClinicError('forbidden', coded('assessor_no_program_filter'))
  const page = await patientListPage(ctx.store.db, input, {
    limit: input.limit,
    after: input.after,
    count: input.after === null,
    lastStartCompleted: lastStartCompletedBy(today),
  })
  const rows = page.rows.map((row): PatientSummary => {
    const status = row.status
    const next = row.startDate !== null ? row.openFollowUp : null
    return {
      patientId: row.patientId,
      enrollmentId: row.enrollmentId,
      clinicId: row.clinicId,
      firstName: row.firstName,
      lastName: row.lastName,
      status,
      programCode: blinded ? null : row.programCode,
      week: blinded ? null : weekOf(row.startDate, today),
      nextDue:
        status === 'awaiting_clearance'
          ? { what: 'clearance', dueOn: null, status: 'due' }
          : status === 'ready'
            ? { what: 'program', dueOn: null, status: 'due' }
            : next
              ? { what: next.timePoint as FollowUpTimePoint, dueOn: next.dueOn, status: followUpStatus(next.dueOn, false, today) }
              : null,
      isDemo: row.isDemo,
      nonRandomised: !blinded && row.nonRandomisedReason !== null,
      blinded,
    }
  })
  const last = page.rows.at(-1)
  return {
    rows,
    total: page.total,
    nextCursor: page.more && last ? { lastName: last.lastName, firstName: last.firstName, patientId: last.patientId } : null,
  }
}

const patientView = (patient: PatientRow): PatientView => ({
  archived: patient.archivedAt ? { at: patient.archivedAt, by: patient.archivedBy } : null,
  patientId: patient.id,
  clinicId: patient.clinicId,
  firstName: patient.firstName,
  lastName: patient.lastName,
  dateOfBirth: patient.dateOfBirth,
  sex: patient.sex,
  phone: patient.phone,
  email: patient.email,
  preferredLanguage: patient.preferredLanguage,
  isDemo: patient.isDemo,
})

/** A patient's details, enrolled or not (an imported patient is enrolled from these). */
export async function patientDetails(ctx: ServiceContext, input: ParsedInputOf<'patients', 'details'>) {
  const patient = await patientRow(ctx.store.db, input.patientId)
  if (!patient) throw notFound(coded('patient_not_found'), 'patientId')
  return { patient: patientView(patient), enrolled: (await latestEnrollmentOf(ctx.store.db, patient.id)) !== null }
}

export async function getPatient(ctx: ServiceContext, input: ParsedInputOf<'patients', 'get'>): Promise<PatientRecord> {
  const db = ctx.store.db
  const rows = await patientRecordRows(db, input.patientId)
  if (!rows) {
    if (await patientRow(db, input.patientId)) throw ruleBroken(coded('patient_not_enrolled'), 'patientId')
    throw notFound(coded('patient_not_found'), 'patientId')
  }
  const { patient, enrollment, profile, screening, assignment } = rows
  const today = ctx.today()
  const program = assignment ? await ctx.catalogue.version(assignment.programVersionId) : null
  const exerciseNames = new Map(program?.exercises.map((e) => [e.exercise.code, e.exercise.name]))
  const sessionRows = await sessionsOfEnrollment(db, enrollment.id)
  const corrected = await correctedIds(db, 'sessions', sessionRows.map((s) => s.session.id))
  const assessmentRows = await assessmentsOfEnrollment(db, enrollment.id)
  const correctedAssessments = await correctedIds(db, 'assessments', assessmentRows.map((a) => a.assessment.id))
  const followUps = await followUpRows(db, [enrollment.id])
  const adverseEvents = await adverseEventsOf(db, enrollment.id)
  const correctedEvents = await correctedIds(db, 'adverse_events', adverseEvents.map((e) => e.id))

  const sessions = sessionRows.map(
    ({ session, exercises }): SessionView => ({
      sessionId: session.id,
      kind: session.kind,
      sessionDate: session.sessionDate,
      week: session.week,
      attended: session.attended,
      missedReason: session.missedReason,
      painBefore: session.painBefore,
      painAfter: session.painAfter,
      notes: session.notes,
      corrected: corrected.has(session.id),
      voided: voidMark(session),
      exercises: exercises.map(({ row, code }) => ({
        exerciseCode: code,
        exerciseName: exerciseNames.get(code) ?? { en: code, de: code },
        prescribed: {
          sets: row.prescribedSets,
          repsMin: row.prescribedRepsMin,
          repsMax: row.prescribedRepsMax,
          holdSeconds: row.prescribedHoldSeconds,
          durationSeconds: row.prescribedDurationSeconds,
        },
        done: {
          sets: row.doneSets,
          reps: row.doneReps,
          loadKg: row.doneLoadKg,
          holdSeconds: row.doneHoldSeconds,
          durationSeconds: row.doneDurationSeconds,
        },
        notDone: row.notDone,
        notDoneReason: row.notDoneReason,
      })),
    }),
  )

  const record: PatientRecord = {
    patient: patientView(patient),
    enrollmentId: enrollment.id,
    enrolledOn: enrollment.enrolledOn,
    site: siteView(rows.site),
    status: patientStatus({
      withdrawnOn: enrollment.withdrawnOn,
      outcome: screening.outcome,
      clearedOn: screening.clearedOn,
      startDate: assignment?.startDate ?? null,
      today,
    }),
    runningProfile: {
      runsPerWeek: profile.runsPerWeek,
      weeklyDistanceKm: profile.weeklyDistanceKm,
      yearsRunning: profile.yearsRunning,
    },
    eligibility: rows.eligibility.map((e) => ({
      criterion: e.criterion as EligibilityCriterion,
      met: e.met,
      overrideReason: e.overrideReason,
    })),
    screening: {
      screenedOn: screening.screenedOn,
      outcome: screening.outcome,
      flagsPresent: rows.answers.filter((a) => a.present).map((a) => a.flag as RedFlag),
      clearedOn: screening.clearedOn,
      clearedBy: screening.clearedBy,
      clearanceNote: screening.clearanceNote,
      programMayStart: programMayStart(screening.outcome, screening.clearedOn),
    },
    assignment:
      assignment && program
        ? {
            assignmentId: assignment.id,
            programCode: program.code,
            programVersionId: program.programVersionId,
            programVersion: program.version,
            programName: program.name,
            startDate: assignment.startDate,
            homeSessionsPerWeek: program.homeSessionsPerWeek,
            optionalExercises: assignment.optionalExercises,
            randomised: assignment.randomised,
            nonRandomisedReason: assignment.nonRandomisedReason,
          }
        : null,
    currentWeek: weekOf(assignment?.startDate ?? null, today),
    activities: rows.activities.map((a) => ({ activityId: a.id, position: a.position, description: a.description })),
    sessions,
    assessments: assessmentRows.map(({ assessment, ratings }) => ({
      assessmentId: assessment.id,
      timePoint: assessment.timePoint,
      assessedOn: assessment.assessedOn,
      runningPain: assessment.runningPain,
      runability: assessment.runability,
      sitToStandReps: assessment.sitToStandReps,
      sessionId: assessment.sessionId,
      corrected: correctedAssessments.has(assessment.id),
      voided: voidMark(assessment),
      ratings: ratings.map((r) => ({ activityId: r.activityId, rating: r.rating })),
      deviationReason: assessment.deviationReason,
    })),
    followUps: followUps.map((f) => ({
      timePoint: f.timePoint as FollowUpTimePoint,
      dueOn: f.dueOn,
      status: followUpStatus(f.dueOn, f.assessmentId !== null, today),
      assessmentId: f.assessmentId,
    })),
    withdrawal: enrollment.withdrawnOn
      ? { withdrawnOn: enrollment.withdrawnOn, category: enrollment.withdrawalCategory, reason: enrollment.withdrawalReason }
      : null,
    consent: consentView(enrollment),
    adverseEvents: adverseEvents.map((e) => ({
      adverseEventId: e.id,
      occurredOn: e.occurredOn,
      description: e.description,
      severity: e.severity,
      related: e.related,
      actionTaken: e.actionTaken,
      recordedBy: e.createdBy,
      corrected: correctedEvents.has(e.id),
      voided: voidMark(e),
    })),
    runningAdvice: { advice: await runningAdviceOf(db, enrollment.runningAdvice), own: enrollment.runningAdvice !== null },
    blinded: false,
  }
  return ctx.blinded ? blindedRecord(record) : record
}

/** What a blinded assessor sees: no program, program week, session or adverse event (their exercises or descriptions would show the program). */
function blindedRecord(record: PatientRecord): PatientRecord {
  return {
    ...record,
    assignment: null,
    currentWeek: null,
    sessions: [],
    adverseEvents: [],
    withdrawal: record.withdrawal && { ...record.withdrawal, reason: null },
    blinded: true,
  }
}

/** The comparison consent is in force: given and not withdrawn. */
export const comparisonConsentInForce = (e: Pick<EnrollmentRecord, 'comparisonConsent' | 'comparisonConsentWithdrawnOn'>) =>
  e.comparisonConsent === 'given' && e.comparisonConsentWithdrawnOn === null

function consentView(e: EnrollmentRecord): ConsentView {
  return {
    treatment: e.treatmentConsentOn ? { consentedOn: e.treatmentConsentOn, takenBy: e.treatmentConsentBy ?? '' } : null,
    enrolledBeforeConsentAsked: !e.consentAsked,
    comparison: { answer: e.comparisonConsent, answeredOn: e.comparisonConsentOn, withdrawnOn: e.comparisonConsentWithdrawnOn },
    inComparison: comparisonConsentInForce(e),
  }
}
