import { and, eq, isNull } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type {
  assessments,
  eligibilityChecks,
  enrollments,
  followUps,
  patients,
  psfsRatings,
  redFlagAnswers,
  redFlagScreenings,
  runningProfiles,
} from '../schema'
import { tablesOf } from '../tables'
import type { RunningAdvice } from '../../electron/clinic/domain/vocabulary'

/*
 * The writes of a correction or a void. The service compares before and after,
 * writes the audit entry and calls these inside one transaction.
 */

export type PatientChanges = Partial<
  Pick<typeof patients.$inferSelect, 'firstName' | 'lastName' | 'dateOfBirth' | 'sex' | 'phone' | 'email' | 'preferredLanguage'>
>

export async function updatePatient(tx: ClinicDb, patientId: number, changes: PatientChanges) {
  const { patients } = tablesOf(tx)
  await tx.update(patients).set(changes).where(eq(patients.id, patientId))
}

/** The enrollment's site corrected (the allocation, if any, stays as it was drawn). */
export async function updateEnrollmentSite(tx: ClinicDb, enrollmentId: number, siteId: number) {
  const { enrollments } = tablesOf(tx)
  await tx.update(enrollments).set({ siteId }).where(eq(enrollments.id, enrollmentId))
}

export async function runningProfileOf(db: ClinicDb, enrollmentId: number) {
  const { runningProfiles } = tablesOf(db)
  const [row] = await db.select().from(runningProfiles).where(eq(runningProfiles.enrollmentId, enrollmentId))
  return row ?? null
}

export async function updateRunningProfile(
  tx: ClinicDb,
  enrollmentId: number,
  changes: Partial<Pick<typeof runningProfiles.$inferSelect, 'runsPerWeek' | 'weeklyDistanceKm' | 'yearsRunning'>>,
) {
  const { runningProfiles } = tablesOf(tx)
  await tx.update(runningProfiles).set(changes).where(eq(runningProfiles.enrollmentId, enrollmentId))
}

/** The runner's own advice on running during the program; null: the clinic's default applies. */
export async function updateRunningAdvice(tx: ClinicDb, enrollmentId: number, runningAdvice: RunningAdvice | null) {
  const { enrollments } = tablesOf(tx)
  await tx.update(enrollments).set({ runningAdvice }).where(eq(enrollments.id, enrollmentId))
}

export async function eligibilityOf(db: ClinicDb, enrollmentId: number) {
  const { eligibilityChecks } = tablesOf(db)
  return db.select().from(eligibilityChecks).where(eq(eligibilityChecks.enrollmentId, enrollmentId))
}

export async function updateEligibility(
  tx: ClinicDb,
  enrollmentId: number,
  criterion: string,
  answer: { met: boolean; overrideReason: string | null },
) {
  const { eligibilityChecks } = tablesOf(tx)
  await tx
    .update(eligibilityChecks)
    .set(answer)
    .where(and(eq(eligibilityChecks.enrollmentId, enrollmentId), eq(eligibilityChecks.criterion, criterion)))
}

export async function redFlagAnswersOf(db: ClinicDb, screeningId: number) {
  const { redFlagAnswers } = tablesOf(db)
  return db.select().from(redFlagAnswers).where(eq(redFlagAnswers.screeningId, screeningId))
}

/** Writes the screen's answers (inserting any flag the screen did not ask yet) and its outcome and clearance. */
export async function updateScreening(
  tx: ClinicDb,
  screeningId: number,
  answers: Record<string, boolean>,
  screening: Pick<typeof redFlagScreenings.$inferSelect, 'outcome' | 'clearedOn' | 'clearedBy' | 'clearanceNote'>,
) {
  const { redFlagScreenings, redFlagAnswers } = tablesOf(tx)
  for (const [flag, present] of Object.entries(answers)) {
    await tx
      .insert(redFlagAnswers)
      .values({ screeningId, flag, present })
      .onConflictDoUpdate({ target: [redFlagAnswers.screeningId, redFlagAnswers.flag], set: { present } })
  }
  await tx.update(redFlagScreenings).set(screening).where(eq(redFlagScreenings.id, screeningId))
}

/** One assessment with its activity ratings, or null. */
export async function assessmentWithRatings(db: ClinicDb, assessmentId: number) {
  const { assessments, psfsRatings } = tablesOf(db)
  const [assessment] = await db.select().from(assessments).where(eq(assessments.id, assessmentId))
  if (!assessment) return null
  const ratings = await db
    .select({ activityId: psfsRatings.activityId, rating: psfsRatings.rating })
    .from(psfsRatings)
    .where(eq(psfsRatings.assessmentId, assessmentId))
    .orderBy(psfsRatings.activityId)
  return { assessment, ratings }
}

export async function updateAssessment(
  tx: ClinicDb,
  assessmentId: number,
  changes: Partial<typeof assessments.$inferInsert>,
  ratings: { activityId: number; rating: number }[] | null,
) {
  const { assessments, psfsRatings } = tablesOf(tx)
  if (Object.keys(changes).length) await tx.update(assessments).set(changes).where(eq(assessments.id, assessmentId))
  for (const r of ratings ?? []) {
    await tx
      .update(psfsRatings)
      .set({ rating: r.rating })
      .where(and(eq(psfsRatings.assessmentId, assessmentId), eq(psfsRatings.activityId, r.activityId)))
  }
}

/**
 * Voids an assessment or restores it. A voided follow-up no longer counts as
 * taken (its follow-up is open again); a restored one takes its follow-up back.
 */
export async function setAssessmentVoided(
  tx: ClinicDb,
  row: Pick<typeof assessments.$inferSelect, 'id' | 'enrollmentId' | 'timePoint'>,
  mark: { at: string; by: string; reason: string } | null,
) {
  const { assessments, followUps } = tablesOf(tx)
  await tx
    .update(assessments)
    .set({ voidedAt: mark?.at ?? null, voidedBy: mark?.by ?? null, voidReason: mark?.reason ?? null })
    .where(eq(assessments.id, row.id))
  if (mark) {
    await tx.update(followUps).set({ assessmentId: null }).where(eq(followUps.assessmentId, row.id))
  } else {
    await tx
      .update(followUps)
      .set({ assessmentId: row.id })
      .where(and(eq(followUps.enrollmentId, row.enrollmentId), eq(followUps.timePoint, row.timePoint), isNull(followUps.assessmentId)))
  }
}
