import {
  clinicIdTaken,
  enrollmentRow,
  insertAssessment,
  insertAssignment,
  insertEnrollment,
  latestEnrollmentOf,
  nextClinicId,
  patientRow,
  recordClearance,
  recordedTimePoints,
} from '../../../db/repositories/enrollments'
import { insertAudit } from '../../../db/repositories/audit'
import type { ParsedInputOf } from '../contract'
import { conflict, notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import { baselineIsCurrent } from '../rules/baseline'
import { eligibilityOutcome } from '../rules/eligibility'
import { followUpSchedule } from '../rules/followUps'
import { runabilityOf } from '../rules/psfs'
import { programMayStart, screeningOutcome } from '../rules/redFlags'
import type { ServiceContext } from './context'
import type { ClinicDb } from '../../../db/client'
import { allocateProgram, randomisationSettings } from './randomisation'
import { siteForEnrollment } from './sites'
import type { ComparisonConsent, ProgramCode } from '../domain/vocabulary'
import { ENROLLMENT_AGE, PROGRAM_START_MAX_DAYS, ageProblem, latestProgramStart } from '../rules/plausibleDates'

/** A program may start from the enrollment day to PROGRAM_START_MAX_DAYS after it. */
function checkStartDate(enrolledOn: string, startDate: string, field: string) {
  if (startDate < enrolledOn) throw ruleBroken(coded('program_before_enrollment'), field)
  const latest = latestProgramStart(enrolledOn)
  if (startDate > latest) throw ruleBroken(coded('program_start_too_late', { days: PROGRAM_START_MAX_DAYS, date: latest }), field)
}

/** The stored answer to the comparison consent's yes or no. */
const consentAnswer = (given: boolean): ComparisonConsent => (given ? 'given' : 'refused')

/** Consent the program needs: to treatment always, to the comparison when it is allocated at random. */
function checkConsent(
  consent: { treatmentConsentOn: string | null; comparisonConsent: ComparisonConsent | null; comparisonConsentWithdrawnOn: string | null },
  randomised: boolean,
  field: string,
) {
  if (!consent.treatmentConsentOn) throw ruleBroken(coded('treatment_consent_needed'), field)
  if (randomised && (consent.comparisonConsent !== 'given' || consent.comparisonConsentWithdrawnOn !== null)) {
    throw ruleBroken(coded('comparison_consent_needed'), field)
  }
}

/** How the program is set when the clinic randomises: from the sequence, or by hand with a reason. */
async function checkAllocationRules(
  ctx: ServiceContext,
  choice: { nonRandomisedReason: string | null } | null,
  allocation: unknown,
  field: string,
) {
  const { enabled } = await randomisationSettings(ctx.store.db)
  if (allocation && !enabled) throw ruleBroken(coded('randomisation_off'), 'allocation')
  if (choice && enabled && !choice.nonRandomisedReason) throw ruleBroken(coded('randomisation_reason_needed'), field)
}

/** Refuses a program start more than BASELINE_MAX_AGE_DAYS after the baseline (field startDate). */
async function checkBaselineCurrent(tx: ClinicDb, enrollmentId: number, startDate: string) {
  const baseline = (await recordedTimePoints(tx, enrollmentId)).find((r) => r.timePoint === 'baseline')
  if (baseline && !baselineIsCurrent(baseline.assessedOn, startDate)) {
    throw ruleBroken(coded('stale_baseline', { baselineOn: baseline.assessedOn, startDate }), 'startDate')
  }
}

/** Enrollment: details, running profile, eligibility, red-flag screen, baseline and (when allowed) the program, in one transaction. */
export async function enroll(ctx: ServiceContext, input: ParsedInputOf<'patients', 'enroll'>) {
  const outcome = screeningOutcome(input.screening.answers)
  const clearance = input.screening.clearance
  if (eligibilityOutcome(input.eligibility) === 'not_eligible') {
    throw ruleBroken(coded('unmet_criterion_reason_needed'), 'eligibility')
  }
  if (input.program && input.allocation) throw ruleBroken(coded('program_or_allocation'), 'allocation')
  if ((input.program || input.allocation) && !programMayStart(outcome, clearance?.clearedOn ?? null)) {
    throw ruleBroken(coded('clearance_needed'), input.program ? 'program' : 'allocation')
  }
  const age = ageProblem(input.patient.dateOfBirth, input.enrolledOn)
  if (age) throw ruleBroken(coded('age_out_of_range', { ...ENROLLMENT_AGE, age: age.age }), 'patient.dateOfBirth')
  if (input.enrolledOn < input.screening.screenedOn) {
    throw ruleBroken(coded('enrollment_before_screening', { date: input.screening.screenedOn }), 'enrolledOn')
  }
  if (input.program) checkStartDate(input.enrolledOn, input.program.startDate, 'program.startDate')
  if (input.allocation) checkStartDate(input.enrolledOn, input.allocation.startDate, 'allocation.startDate')
  const consent = {
    treatmentConsentOn: input.consent.treatment?.consentedOn ?? null,
    treatmentConsentBy: input.consent.treatment?.takenBy ?? null,
    comparisonConsent: input.consent.comparison ? consentAnswer(input.consent.comparison.given) : null,
    comparisonConsentOn: input.consent.comparison?.answeredOn ?? null,
  }
  if (input.program || input.allocation) {
    checkConsent({ ...consent, comparisonConsentWithdrawnOn: null }, input.allocation !== null, input.consent.treatment ? 'consent.comparison.given' : 'consent.treatment')
  }
  await checkAllocationRules(ctx, input.program, input.allocation, 'program.nonRandomisedReason')
  if (input.baseline.assessedOn < input.enrolledOn) {
    throw ruleBroken(coded('baseline_before_enrollment'), 'baseline.assessedOn')
  }
  const start = input.program ? { date: input.program.startDate, path: 'program.startDate' } : input.allocation ? { date: input.allocation.startDate, path: 'allocation.startDate' } : null
  if (start && !baselineIsCurrent(input.baseline.assessedOn, start.date)) {
    throw ruleBroken(coded('stale_baseline', { baselineOn: input.baseline.assessedOn, startDate: start.date }), start.path)
  }
  const program = input.program ? await ctx.catalogue.currentVersionOf(input.program.programCode) : null
  if (program && input.program) checkOptionalExercises(program, input.program.optionalExercises)

  return ctx.store.transaction(async (tx) => {
    const existing = input.patientId ? await patientRow(tx, input.patientId) : null
    if (input.patientId && !existing) throw notFound(coded('patient_not_found'), 'patientId')
    if (existing && (await latestEnrollmentOf(tx, existing.id))) {
      throw conflict(coded('already_enrolled', { firstName: existing.firstName, lastName: existing.lastName }), 'patientId')
    }
    const clinicId = input.patient.clinicId ?? existing?.clinicId ?? (await nextClinicId(tx))
    if (clinicId !== existing?.clinicId && (await clinicIdTaken(tx, clinicId))) {
      throw conflict(coded('clinic_id_taken', { clinicId }), 'patient.clinicId')
    }
    const site = await siteForEnrollment(tx, input.siteId, 'siteId')
    const { patientId, enrollmentId, activityIds } = await insertEnrollment(tx, {
      createdBy: ctx.actor,
      existingPatientId: existing?.id ?? null,
      patient: { ...input.patient, clinicId },
      enrolledOn: input.enrolledOn,
      siteId: site.id,
      runningProfile: input.runningProfile,
      eligibility: input.eligibility,
      screening: {
        screenedOn: input.screening.screenedOn,
        outcome,
        answers: input.screening.answers,
        clearedOn: clearance?.clearedOn ?? null,
        clearedBy: clearance?.clearedBy ?? null,
        clearanceNote: clearance?.note ?? null,
      },
      activities: input.baseline.activities.map((a) => a.description),
      consent,
    })
    const ratings = input.baseline.activities.map((a, i) => ({ activityId: activityIds[i], rating: a.rating }))
    await insertAssessment(
      tx,
      {
        enrollmentId,
        timePoint: 'baseline',
        assessedOn: input.baseline.assessedOn,
        runningPain: input.baseline.runningPain,
        runability: runabilityOf(ratings),
        sitToStandReps: input.baseline.sitToStandReps,
        runsPerWeek: input.runningProfile.runsPerWeek,
        weeklyDistanceKm: input.runningProfile.weeklyDistanceKm,
        createdBy: ctx.actor,
      },
      ratings,
    )
    if (program && input.program) {
      await writeAssignment(tx, ctx, enrollmentId, program.programVersionId, input.program)
    }
    if (input.allocation) {
      // The program becomes known here, once the allocation is stored in this transaction.
      const code = await allocateProgram(tx, ctx, { enrollmentId, siteId: site.id, sex: input.patient.sex, baselineRunningPain: input.baseline.runningPain })
      const allocated = await ctx.catalogue.currentVersionOf(code)
      await writeAssignment(tx, ctx, enrollmentId, allocated.programVersionId, { ...input.allocation, optionalExercises: [] }, true)
    }
    const details = { ...input.patient, clinicId }
    await insertAudit(tx, { tableName: 'enrollments', recordId: enrollmentId, action: 'create', after: { enrolledOn: input.enrolledOn, site: site.code, ...consent }, actor: ctx.actor })
    await insertAudit(tx, {
      tableName: 'patients',
      recordId: patientId,
      action: existing ? 'update' : 'create',
      before: existing,
      after: details,
      reason: existing ? 'enrollment of an imported patient' : null,
      actor: ctx.actor,
    })
    return { patientId, enrollmentId }
  })
}

export async function recordPhysicianClearance(
  ctx: ServiceContext,
  input: ParsedInputOf<'screenings', 'recordClearance'>,
) {
  return ctx.store.transaction(async (tx) => {
    const row = await enrollmentRow(tx, input.enrollmentId)
    if (!row) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
    if (row.screening.outcome === 'clear') throw ruleBroken(coded('clearance_not_needed'))
    if (input.clearedOn < row.screening.screenedOn) {
      throw ruleBroken(coded('clearance_before_screen'), 'clearedOn')
    }
    const before = { clearedOn: row.screening.clearedOn, clearedBy: row.screening.clearedBy, clearanceNote: row.screening.clearanceNote }
    const after = { clearedOn: input.clearedOn, clearedBy: input.clearedBy, clearanceNote: input.note }
    await recordClearance(tx, input.enrollmentId, after)
    await insertAudit(tx, {
      tableName: 'red_flag_screenings',
      recordId: row.screening.id,
      action: 'update',
      before,
      after,
      reason: 'physician clearance',
      actor: ctx.actor,
    })
    return { enrollmentId: input.enrollmentId }
  })
}

export async function assignProgram(ctx: ServiceContext, input: ParsedInputOf<'assignments', 'assign'>) {
  return ctx.store.transaction(async (tx) => {
    const row = await enrollmentRow(tx, input.enrollmentId)
    if (!row) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
    if (row.assignment) throw conflict(coded('program_already_assigned'), 'programCode')
    if (row.enrollment.withdrawnOn) throw ruleBroken(coded('runner_withdrawn'))
    if (!programMayStart(row.screening.outcome, row.screening.clearedOn)) throw ruleBroken(coded('clearance_needed'), 'programCode')
    checkStartDate(row.enrollment.enrolledOn, input.startDate, 'startDate')
    checkConsent(row.enrollment, false, 'programCode')
    await checkBaselineCurrent(tx, input.enrollmentId, input.startDate)
    await checkAllocationRules(ctx, input, null, 'nonRandomisedReason')
    const program = await ctx.catalogue.currentVersionOf(input.programCode)
    checkOptionalExercises(program, input.optionalExercises)
    return { assignmentId: await writeAssignment(tx, ctx, input.enrollmentId, program.programVersionId, input) }
  })
}

/** The program of a runner enrolled without one (e.g. awaiting clearance), allocated from the sequence. */
export async function allocateToProgram(
  ctx: ServiceContext,
  input: ParsedInputOf<'assignments', 'allocate'>,
): Promise<{ assignmentId: number; programCode: ProgramCode }> {
  return ctx.store.transaction(async (tx) => {
    const row = await enrollmentRow(tx, input.enrollmentId)
    if (!row) throw notFound(coded('enrollment_not_found'), 'enrollmentId')
    if (row.assignment) throw conflict(coded('program_already_assigned'), 'startDate')
    if (row.enrollment.withdrawnOn) throw ruleBroken(coded('runner_withdrawn'))
    if (!programMayStart(row.screening.outcome, row.screening.clearedOn)) throw ruleBroken(coded('clearance_needed'), 'startDate')
    checkStartDate(row.enrollment.enrolledOn, input.startDate, 'startDate')
    checkConsent(row.enrollment, true, 'startDate')
    await checkBaselineCurrent(tx, input.enrollmentId, input.startDate)
    await checkAllocationRules(ctx, null, input, 'startDate')
    const patient = await patientRow(tx, row.enrollment.patientId)
    const code = await allocateProgram(tx, ctx, { enrollmentId: input.enrollmentId, siteId: row.enrollment.siteId, sex: patient!.sex })
    const program = await ctx.catalogue.currentVersionOf(code)
    const assignmentId = await writeAssignment(tx, ctx, input.enrollmentId, program.programVersionId, { startDate: input.startDate, optionalExercises: [] }, true)
    return { assignmentId, programCode: code }
  })
}

async function writeAssignment(
  tx: ClinicDb,
  ctx: ServiceContext,
  enrollmentId: number,
  programVersionId: number,
  choice: { startDate: string; optionalExercises: string[]; nonRandomisedReason?: string | null },
  randomised = false,
) {
  const nonRandomisedReason = randomised ? null : (choice.nonRandomisedReason ?? null)
  const assignmentId = await insertAssignment(
    tx,
    {
      enrollmentId,
      programVersionId,
      startDate: choice.startDate,
      optionalExercises: choice.optionalExercises,
      randomised,
      nonRandomisedReason,
      createdBy: ctx.actor,
    },
    followUpSchedule(choice.startDate),
  )
  await insertAudit(tx, {
    tableName: 'assignments',
    recordId: assignmentId,
    action: 'create',
    after: { programVersionId, startDate: choice.startDate, optionalExercises: choice.optionalExercises, randomised, nonRandomisedReason },
    actor: ctx.actor,
  })
  return assignmentId
}

function checkOptionalExercises(
  program: { code: string; exercises: { optional: boolean; exercise: { code: string } }[] },
  chosen: string[],
) {
  const offered = program.exercises.filter((e) => e.optional).map((e) => e.exercise.code)
  const unknown = chosen.filter((code) => !offered.includes(code))
  if (unknown.length) {
    throw ruleBroken(coded('optional_exercise_unknown', { program: program.code, exercises: unknown.join(', ') }), 'optionalExercises')
  }
}
