import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import { assessments, auditLog, exercises, psfsRatings, sessionExercises, sessions } from '../schema'

export type SessionRow = typeof sessions.$inferSelect

export async function insertSession(
  tx: ClinicDb,
  values: typeof sessions.$inferInsert,
  performed: Omit<typeof sessionExercises.$inferInsert, 'sessionId'>[],
): Promise<SessionRow> {
  const [row] = await tx.insert(sessions).values(values).returning()
  if (performed.length) await tx.insert(sessionExercises).values(performed.map((p) => ({ ...p, sessionId: row.id })))
  return row
}

export async function sessionRow(db: ClinicDb, sessionId: number): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId))
  return row ?? null
}

export async function updateSession(
  tx: ClinicDb,
  sessionId: number,
  changes: Partial<Pick<SessionRow, 'attended' | 'painBefore' | 'painAfter' | 'notes'>>,
  updatedAt: string,
): Promise<SessionRow> {
  const [row] = await tx
    .update(sessions)
    .set({ ...changes, updatedAt })
    .where(eq(sessions.id, sessionId))
    .returning()
  return row
}

/** The enrollment's home sessions on the given days (one per day: re-entering a home log corrects them). */
export async function homeSessionsOn(db: ClinicDb, enrollmentId: number, dates: string[]): Promise<SessionRow[]> {
  if (dates.length === 0) return []
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.enrollmentId, enrollmentId), eq(sessions.kind, 'home'), inArray(sessions.sessionDate, dates)))
    .orderBy(asc(sessions.id))
}

/** Sessions of an enrollment, oldest first, with the exercises performed in each. */
export async function sessionsOfEnrollment(db: ClinicDb, enrollmentId: number) {
  const rows = await db
    .select()
    .from(sessions)
    .where(eq(sessions.enrollmentId, enrollmentId))
    .orderBy(asc(sessions.sessionDate), asc(sessions.id))
  const performed = rows.length
    ? await db
        .select({ row: sessionExercises, code: exercises.code })
        .from(sessionExercises)
        .innerJoin(exercises, eq(exercises.id, sessionExercises.exerciseId))
        .where(inArray(sessionExercises.sessionId, rows.map((r) => r.id)))
        .orderBy(asc(sessionExercises.id))
    : []
  return rows.map((session) => ({
    session,
    exercises: performed.filter((p) => p.row.sessionId === session.id),
  }))
}

export async function assessmentsOfEnrollment(db: ClinicDb, enrollmentId: number) {
  const rows = await db
    .select()
    .from(assessments)
    .where(eq(assessments.enrollmentId, enrollmentId))
    .orderBy(asc(assessments.assessedOn), asc(assessments.id))
  const ratings = rows.length
    ? await db
        .select()
        .from(psfsRatings)
        .where(inArray(psfsRatings.assessmentId, rows.map((r) => r.id)))
    : []
  return rows.map((assessment) => ({
    assessment,
    ratings: ratings.filter((r) => r.assessmentId === assessment.id),
  }))
}

export async function correctedSessionIds(db: ClinicDb, sessionIds: number[]): Promise<Set<number>> {
  if (sessionIds.length === 0) return new Set()
  const rows = await db
    .select({ id: auditLog.recordId })
    .from(auditLog)
    .where(and(eq(auditLog.tableName, 'sessions'), eq(auditLog.action, 'update'), inArray(auditLog.recordId, sessionIds)))
  return new Set(rows.map((r) => r.id))
}

/**
 * Each exercise's latest performance before a day: the enrollment's attended supervised
 * sessions dated earlier, exercises recorded as done (not "not done"), newest first per code.
 */
export async function lastPerformances(db: ClinicDb, enrollmentId: number, before: string) {
  const rows = await db
    .select({
      code: exercises.code,
      sessionDate: sessions.sessionDate,
      sets: sessionExercises.doneSets,
      reps: sessionExercises.doneReps,
      loadKg: sessionExercises.doneLoadKg,
      holdSeconds: sessionExercises.doneHoldSeconds,
      durationSeconds: sessionExercises.doneDurationSeconds,
    })
    .from(sessionExercises)
    .innerJoin(sessions, eq(sessions.id, sessionExercises.sessionId))
    .innerJoin(exercises, eq(exercises.id, sessionExercises.exerciseId))
    .where(
      and(
        eq(sessions.enrollmentId, enrollmentId),
        eq(sessions.kind, 'supervised'),
        eq(sessions.attended, true),
        lt(sessions.sessionDate, before),
        eq(sessionExercises.notDone, false),
      ),
    )
    .orderBy(desc(sessions.sessionDate), desc(sessions.id))
  const latest = new Map<string, Omit<(typeof rows)[number], 'code'>>()
  for (const { code, ...performance } of rows) if (!latest.has(code)) latest.set(code, performance)
  return latest
}
