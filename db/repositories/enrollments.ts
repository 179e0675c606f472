import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import {
  assessments,
  assignments,
  eligibilityChecks,
  enrollments,
  followUps,
  patients,
  programs,
  programVersions,
  psfsActivities,
  psfsRatings,
  redFlagAnswers,
  redFlagScreenings,
  runningProfiles,
} from '../schema'

export type PatientRow = typeof patients.$inferSelect
export type NewPatient = typeof patients.$inferInsert

export async function clinicIdTaken(db: ClinicDb, clinicId: string): Promise<boolean> {
  const [row] = await db.select({ id: patients.id }).from(patients).where(eq(patients.clinicId, clinicId))
  return row !== undefined
}

/** The next free clinic ID of the form BS-00001. */
export async function nextClinicId(db: ClinicDb): Promise<string> {
  const [row] = await db
    .select({ n: sql<number | null>`max(cast(substr(${patients.clinicId}, 4) as integer))` })
    .from(patients)
    .where(sql`${patients.clinicId} glob 'BS-[0-9]*'`)
  return `BS-${String((row?.n ?? 0) + 1).padStart(5, '0')}`
}

export interface NewEnrollment {
  /** Username of who records the enrollment; every row written carries it. */
  createdBy: string
  /** An existing patient (imported, not yet enrolled) whose details are updated, or null for a new one. */
  existingPatientId: number | null
  patient: NewPatient
  enrolledOn: string
  runningProfile: { runsPerWeek: number; weeklyDistanceKm: number; yearsRunning: number }
  eligibility: { criterion: string; met: boolean; overrideReason: string | null }[]
  screening: {
    screenedOn: string
    outcome: 'clear' | 'refer' | 'refer_same_day'
    answers: Record<string, boolean>
    clearedOn: string | null
    clearedBy: string | null
    clearanceNote: string | null
  }
  activities: string[]
}

/** Writes a patient and everything recorded at enrollment. Call inside a transaction. */
export async function insertEnrollment(tx: ClinicDb, input: NewEnrollment) {
  const { createdBy } = input
  const [patient] = input.existingPatientId
    ? await tx.update(patients).set(input.patient).where(eq(patients.id, input.existingPatientId)).returning({ id: patients.id })
    : await tx.insert(patients).values({ ...input.patient, createdBy }).returning({ id: patients.id })
  const [enrollment] = await tx
    .insert(enrollments)
    .values({ patientId: patient.id, enrolledOn: input.enrolledOn, createdBy })
    .returning({ id: enrollments.id })
  const enrollmentId = enrollment.id
  await tx.insert(runningProfiles).values({ enrollmentId, ...input.runningProfile, createdBy })
  await tx.insert(eligibilityChecks).values(input.eligibility.map((e) => ({ enrollmentId, ...e, createdBy })))
  const { answers, ...screening } = input.screening
  const [screeningRow] = await tx
    .insert(redFlagScreenings)
    .values({ enrollmentId, ...screening, createdBy })
    .returning({ id: redFlagScreenings.id })
  await tx
    .insert(redFlagAnswers)
    .values(Object.entries(answers).map(([flag, present]) => ({ screeningId: screeningRow.id, flag, present })))
  const activityRows = await tx
    .insert(psfsActivities)
    .values(input.activities.map((description, position) => ({ enrollmentId, position: position + 1, description })))
    .returning({ id: psfsActivities.id, position: psfsActivities.position })
  return {
    patientId: patient.id,
    enrollmentId,
    activityIds: activityRows.sort((a, b) => a.position - b.position).map((a) => a.id),
  }
}

export async function insertAssessment(
  tx: ClinicDb,
  values: typeof assessments.$inferInsert,
  ratings: { activityId: number; rating: number }[],
) {
  const [row] = await tx.insert(assessments).values(values).returning({ id: assessments.id })
  await tx.insert(psfsRatings).values(ratings.map((r) => ({ assessmentId: row.id, ...r })))
  await tx
    .update(followUps)
    .set({ assessmentId: row.id })
    .where(
      and(
        eq(followUps.enrollmentId, values.enrollmentId),
        eq(followUps.timePoint, values.timePoint),
        isNull(followUps.assessmentId),
      ),
    )
  return row.id
}

export async function enrollmentRow(db: ClinicDb, enrollmentId: number) {
  const [row] = await db
    .select({ enrollment: enrollments, screening: redFlagScreenings, assignment: assignments })
    .from(enrollments)
    .innerJoin(redFlagScreenings, eq(redFlagScreenings.enrollmentId, enrollments.id))
    .leftJoin(assignments, eq(assignments.enrollmentId, enrollments.id))
    .where(eq(enrollments.id, enrollmentId))
  return row ?? null
}

export async function activityIds(db: ClinicDb, enrollmentId: number): Promise<number[]> {
  const rows = await db
    .select({ id: psfsActivities.id })
    .from(psfsActivities)
    .where(eq(psfsActivities.enrollmentId, enrollmentId))
    .orderBy(asc(psfsActivities.position))
  return rows.map((r) => r.id)
}

export async function recordedTimePoints(db: ClinicDb, enrollmentId: number) {
  return db
    .select({ timePoint: assessments.timePoint, assessedOn: assessments.assessedOn })
    .from(assessments)
    .where(eq(assessments.enrollmentId, enrollmentId))
}

export async function followUpRows(db: ClinicDb, enrollmentIds: number[]) {
  if (enrollmentIds.length === 0) return []
  return db
    .select()
    .from(followUps)
    .where(inArray(followUps.enrollmentId, enrollmentIds))
    .orderBy(asc(followUps.dueOn))
}

/** One row per patient with the facts the patient list shows, newest enrollment only (none for an imported patient not yet enrolled). */
export async function patientListRows(db: ClinicDb, filter: { search: string; programCode: string | null; archived: boolean }) {
  const latestEnrollment = db
    .select({ patientId: enrollments.patientId, id: sql<number>`max(${enrollments.id})`.as('latest_id') })
    .from(enrollments)
    .groupBy(enrollments.patientId)
    .as('latest')
  const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  // One LIKE over "first last last first clinic-id", so "anna mei", "Meier A" and "BS-0004" all match.
  // SQLite's LIKE ignores case for ASCII letters only (Ö and ö differ).
  const search = filter.search
    ? sql`(${patients.firstName} || ' ' || ${patients.lastName} || ' ' || ${patients.lastName} || ' ' || ${patients.firstName} || ' ' || ${patients.clinicId}) like ${pattern} escape '\\'`
    : undefined
  return db
    .select({
      patient: patients,
      enrollmentId: enrollments.id,
      enrolledOn: enrollments.enrolledOn,
      withdrawnOn: enrollments.withdrawnOn,
      outcome: redFlagScreenings.outcome,
      clearedOn: redFlagScreenings.clearedOn,
      startDate: assignments.startDate,
      programCode: programs.code,
      nonRandomisedReason: assignments.nonRandomisedReason,
    })
    .from(patients)
    .leftJoin(latestEnrollment, eq(latestEnrollment.patientId, patients.id))
    .leftJoin(enrollments, eq(enrollments.id, latestEnrollment.id))
    .leftJoin(redFlagScreenings, eq(redFlagScreenings.enrollmentId, enrollments.id))
    .leftJoin(assignments, eq(assignments.enrollmentId, enrollments.id))
    .leftJoin(programVersions, eq(programVersions.id, assignments.programVersionId))
    .leftJoin(programs, eq(programs.id, programVersions.programId))
    .where(
      and(
        search,
        filter.programCode ? eq(programs.code, filter.programCode as 'P1') : undefined,
        filter.archived ? isNotNull(patients.archivedAt) : isNull(patients.archivedAt),
      ),
    )
    .orderBy(asc(patients.lastName), asc(patients.firstName), desc(patients.id))
}

export async function patientRow(db: ClinicDb, patientId: number): Promise<PatientRow | null> {
  const [patient] = await db.select().from(patients).where(eq(patients.id, patientId))
  return patient ?? null
}

export async function latestEnrollmentOf(db: ClinicDb, patientId: number) {
  const [enrollment] = await db
    .select()
    .from(enrollments)
    .where(eq(enrollments.patientId, patientId))
    .orderBy(desc(enrollments.id))
    .limit(1)
  return enrollment ?? null
}

/** Everything recorded at and since enrollment for a patient's newest enrollment, or null. */
export async function patientRecordRows(db: ClinicDb, patientId: number) {
  const patient = await patientRow(db, patientId)
  if (!patient) return null
  const enrollment = await latestEnrollmentOf(db, patientId)
  if (!enrollment) return null
  const enrollmentId = enrollment.id
  const [profile] = await db.select().from(runningProfiles).where(eq(runningProfiles.enrollmentId, enrollmentId))
  const eligibility = await db
    .select()
    .from(eligibilityChecks)
    .where(eq(eligibilityChecks.enrollmentId, enrollmentId))
    .orderBy(asc(eligibilityChecks.id))
  const [screening] = await db.select().from(redFlagScreenings).where(eq(redFlagScreenings.enrollmentId, enrollmentId))
  const answers = await db.select().from(redFlagAnswers).where(eq(redFlagAnswers.screeningId, screening.id))
  const [assignment] = await db.select().from(assignments).where(eq(assignments.enrollmentId, enrollmentId))
  const activities = await db
    .select()
    .from(psfsActivities)
    .where(eq(psfsActivities.enrollmentId, enrollmentId))
    .orderBy(asc(psfsActivities.position))
  return { patient, enrollment, profile, eligibility, screening, answers, assignment: assignment ?? null, activities }
}

export async function insertAssignment(tx: ClinicDb, values: typeof assignments.$inferInsert, schedule: { timePoint: 'week_4' | 'week_8' | 'month_3' | 'month_6'; dueOn: string }[]) {
  const [row] = await tx.insert(assignments).values(values).returning({ id: assignments.id })
  await tx.insert(followUps).values(schedule.map((s) => ({ enrollmentId: values.enrollmentId, ...s })))
  return row.id
}

export async function recordClearance(
  tx: ClinicDb,
  enrollmentId: number,
  clearance: { clearedOn: string; clearedBy: string; clearanceNote: string | null },
) {
  const [row] = await tx
    .update(redFlagScreenings)
    .set(clearance)
    .where(eq(redFlagScreenings.enrollmentId, enrollmentId))
    .returning()
  return row
}

export async function hasDemoPatients(db: ClinicDb): Promise<boolean> {
  const [row] = await db.select({ id: patients.id }).from(patients).where(eq(patients.isDemo, true)).limit(1)
  return row !== undefined
}

/** Archives or restores a patient: the records stay, the patient leaves (or returns to) the lists. */
export async function setPatientArchived(tx: ClinicDb, patientId: number, archived: { at: string; by: string } | null) {
  const [row] = await tx
    .update(patients)
    .set({ archivedAt: archived?.at ?? null, archivedBy: archived?.by ?? null })
    .where(eq(patients.id, patientId))
    .returning()
  return row
}
