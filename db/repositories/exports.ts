import { and, asc, eq, isNull } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import { sql } from 'drizzle-orm'
import type {
  adverseEvents,
  assessments,
  assignments,
  enrollments,
  exercises,
  patients,
  programs,
  programVersions,
  runningProfiles,
  sessionExercises,
  sessions,
  sites,
} from '../schema'
import { tablesOf, type ClinicTables } from '../tables'

/** Which patients an export covers: simulated demo patients only when asked for. */
export interface ExportScope {
  includeDemo: boolean
}

const inScope = ({ patients }: ClinicTables, scope: ExportScope) => (scope.includeDemo ? undefined : eq(patients.isDemo, false))

/**
 * Everything an export is built from, ordered by clinic ID, then by date. Read it inside one transaction for a consistent snapshot.
 * Voided sessions and assessments (entered in error) are left out; archived patients stay in, marked.
 */
export async function exportDataset(db: ClinicDb, scope: ExportScope) {
  const { exercises, programs, programVersions, sites, patients, enrollments, runningProfiles, assignments, sessions, sessionExercises, assessments, adverseEvents } = tablesOf(db)
  const patientRows = (await db
    .select({
      patientId: patients.id,
      clinicId: patients.clinicId,
      firstName: patients.firstName,
      lastName: patients.lastName,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
      phone: patients.phone,
      email: patients.email,
      preferredLanguage: patients.preferredLanguage,
      isDemo: patients.isDemo,
      archivedAt: patients.archivedAt,
    })
    .from(patients)
    .where(inScope(tablesOf(db), scope))
    .orderBy(asc(patients.clinicId))).map(({ archivedAt, ...patient }) => ({ ...patient, archived: archivedAt !== null }))

  const enrollmentRows = await db
    .select({
      enrollmentId: enrollments.id,
      patientId: enrollments.patientId,
      enrolledOn: enrollments.enrolledOn,
      siteCode: sites.code,
      withdrawnOn: enrollments.withdrawnOn,
      withdrawalCategory: enrollments.withdrawalCategory,
      withdrawalReason: enrollments.withdrawalReason,
      inComparison: sql<boolean>`${enrollments.comparisonConsent} = 'given' and ${enrollments.comparisonConsentWithdrawnOn} is null`.mapWith(Boolean),
      programCode: programs.code,
      startDate: assignments.startDate,
      runsPerWeek: runningProfiles.runsPerWeek,
      weeklyDistanceKm: runningProfiles.weeklyDistanceKm,
      yearsRunning: runningProfiles.yearsRunning,
    })
    .from(enrollments)
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .innerJoin(sites, eq(sites.id, enrollments.siteId))
    .leftJoin(runningProfiles, eq(runningProfiles.enrollmentId, enrollments.id))
    .leftJoin(assignments, eq(assignments.enrollmentId, enrollments.id))
    .leftJoin(programVersions, eq(programVersions.id, assignments.programVersionId))
    .leftJoin(programs, eq(programs.id, programVersions.programId))
    .where(inScope(tablesOf(db), scope))
    .orderBy(asc(patients.clinicId), asc(enrollments.enrolledOn), asc(enrollments.id))

  const assessmentRows = await db
    .select({
      assessmentId: assessments.id,
      enrollmentId: assessments.enrollmentId,
      timePoint: assessments.timePoint,
      assessedOn: assessments.assessedOn,
      runningPain: assessments.runningPain,
      runability: assessments.runability,
      sitToStandReps: assessments.sitToStandReps,
      deviationReason: assessments.deviationReason,
    })
    .from(assessments)
    .innerJoin(enrollments, eq(enrollments.id, assessments.enrollmentId))
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .where(and(inScope(tablesOf(db), scope), isNull(assessments.voidedAt)))
    .orderBy(asc(patients.clinicId), asc(enrollments.id), asc(assessments.assessedOn), asc(assessments.id))

  const sessionRows = await db
    .select({
      sessionId: sessions.id,
      enrollmentId: sessions.enrollmentId,
      sessionDate: sessions.sessionDate,
      week: sessions.week,
      kind: sessions.kind,
      attended: sessions.attended,
      missedReason: sessions.missedReason,
      painBefore: sessions.painBefore,
      painAfter: sessions.painAfter,
    })
    .from(sessions)
    .innerJoin(enrollments, eq(enrollments.id, sessions.enrollmentId))
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .where(and(inScope(tablesOf(db), scope), isNull(sessions.voidedAt)))
    .orderBy(asc(patients.clinicId), asc(enrollments.id), asc(sessions.sessionDate), asc(sessions.id))

  const adverseEventRows = await db
    .select({
      adverseEventId: adverseEvents.id,
      enrollmentId: adverseEvents.enrollmentId,
      occurredOn: adverseEvents.occurredOn,
      description: adverseEvents.description,
      severity: adverseEvents.severity,
      related: adverseEvents.related,
      actionTaken: adverseEvents.actionTaken,
    })
    .from(adverseEvents)
    .innerJoin(enrollments, eq(enrollments.id, adverseEvents.enrollmentId))
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .where(and(inScope(tablesOf(db), scope), isNull(adverseEvents.voidedAt)))
    .orderBy(asc(patients.clinicId), asc(enrollments.id), asc(adverseEvents.occurredOn), asc(adverseEvents.id))


  const doseRows = await db
    .select({
      sessionId: sessionExercises.sessionId,
      exerciseCode: exercises.code,
      prescribedSets: sessionExercises.prescribedSets,
      prescribedRepsMin: sessionExercises.prescribedRepsMin,
      prescribedRepsMax: sessionExercises.prescribedRepsMax,
      prescribedHoldSeconds: sessionExercises.prescribedHoldSeconds,
      prescribedDurationSeconds: sessionExercises.prescribedDurationSeconds,
      doneSets: sessionExercises.doneSets,
      doneReps: sessionExercises.doneReps,
      doneLoadKg: sessionExercises.doneLoadKg,
      doneHoldSeconds: sessionExercises.doneHoldSeconds,
      doneDurationSeconds: sessionExercises.doneDurationSeconds,
    })
    .from(sessionExercises)
    .innerJoin(exercises, eq(exercises.id, sessionExercises.exerciseId))
    .innerJoin(sessions, eq(sessions.id, sessionExercises.sessionId))
    .innerJoin(enrollments, eq(enrollments.id, sessions.enrollmentId))
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .where(inScope(tablesOf(db), scope))
    .orderBy(asc(patients.clinicId), asc(enrollments.id), asc(sessions.sessionDate), asc(sessions.id), asc(sessionExercises.id))

  return { patients: patientRows, enrollments: enrollmentRows, assessments: assessmentRows, sessions: sessionRows, doses: doseRows, adverseEvents: adverseEventRows }
}
