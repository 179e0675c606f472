import { and, asc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { assignments, enrollments, followUps, patients, redFlagScreenings, sessions } from '../schema'
import { tablesOf } from '../tables'

/** Runners with a program, not archived: whoever may have something due (a withdrawn runner: the follow-ups only). */
export async function worklistEnrollmentRows(db: ClinicDb) {
  const { patients, enrollments, redFlagScreenings, assignments, sessions } = tablesOf(db)
  return db
    .select({
      enrollmentId: enrollments.id,
      patientId: patients.id,
      clinicId: patients.clinicId,
      firstName: patients.firstName,
      lastName: patients.lastName,
      startDate: assignments.startDate,
      withdrawnOn: enrollments.withdrawnOn,
      outcome: redFlagScreenings.outcome,
      clearedOn: redFlagScreenings.clearedOn,
      lastSeenOn: sql<string | null>`(select max(${sessions.sessionDate}) from ${sessions} where ${sessions.enrollmentId} = ${enrollments.id} and ${sessions.attended} = 1 and ${sessions.voidedAt} is null)`,
    })
    .from(enrollments)
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .innerJoin(assignments, eq(assignments.enrollmentId, enrollments.id))
    .innerJoin(redFlagScreenings, eq(redFlagScreenings.enrollmentId, enrollments.id))
    .where(isNull(patients.archivedAt))
    .orderBy(asc(patients.lastName), asc(patients.firstName))
}

/**
 * Runners whose red-flag screening asks for a physician's clearance not yet received
 * (not withdrawn, not archived), with the day they were screened: the program cannot start.
 */
export async function awaitingClearanceRows(db: ClinicDb) {
  const { patients, enrollments, redFlagScreenings } = tablesOf(db)
  return db
    .select({
      enrollmentId: enrollments.id,
      patientId: patients.id,
      clinicId: patients.clinicId,
      firstName: patients.firstName,
      lastName: patients.lastName,
      screenedOn: redFlagScreenings.screenedOn,
    })
    .from(enrollments)
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .innerJoin(redFlagScreenings, eq(redFlagScreenings.enrollmentId, enrollments.id))
    .where(
      and(
        isNull(enrollments.withdrawnOn),
        isNull(patients.archivedAt),
        ne(redFlagScreenings.outcome, 'clear'),
        isNull(redFlagScreenings.clearedOn),
      ),
    )
    .orderBy(asc(redFlagScreenings.screenedOn), asc(patients.lastName), asc(patients.firstName))
}

/** Sessions of the given enrollments between two days, inclusive; voided ones left out. */
export async function sessionsBetween(db: ClinicDb, enrollmentIds: number[], from: string, to: string) {
  const { sessions } = tablesOf(db)
  if (enrollmentIds.length === 0) return []
  return db
    .select({ enrollmentId: sessions.enrollmentId, kind: sessions.kind, sessionDate: sessions.sessionDate, attended: sessions.attended })
    .from(sessions)
    .where(
      and(inArray(sessions.enrollmentId, enrollmentIds), gte(sessions.sessionDate, from), lte(sessions.sessionDate, to), isNull(sessions.voidedAt)),
    )
    .orderBy(asc(sessions.sessionDate))
}

export async function followUpsOf(db: ClinicDb, enrollmentIds: number[]) {
  const { followUps } = tablesOf(db)
  if (enrollmentIds.length === 0) return []
  return db.select().from(followUps).where(inArray(followUps.enrollmentId, enrollmentIds)).orderBy(asc(followUps.dueOn))
}
