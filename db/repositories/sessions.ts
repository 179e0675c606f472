import { and, asc, desc, eq, inArray, isNull, lt, ne } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { assessments, auditLog, exercises, psfsRatings, sessionExercises, sessions } from '../schema'
import { tablesOf } from '../tables'

export type SessionRow = typeof sessions.$inferSelect

export async function insertSession(
  tx: ClinicDb,
  values: typeof sessions.$inferInsert,
  performed: Omit<typeof sessionExercises.$inferInsert, 'sessionId'>[],
): Promise<SessionRow> {
  const { sessions, sessionExercises } = tablesOf(tx)
  const [row] = await tx.insert(sessions).values(values).returning()
  if (performed.length) await tx.insert(sessionExercises).values(performed.map((p) => ({ ...p, sessionId: row.id })))
  return row
}

export async function sessionRow(db: ClinicDb, sessionId: number): Promise<SessionRow | null> {
  const { sessions } = tablesOf(db)
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId))
  return row ?? null
}

export async function updateSession(
  tx: ClinicDb,
  sessionId: number,
  changes: Partial<Pick<SessionRow, 'sessionDate' | 'week' | 'attended' | 'missedReason' | 'painBefore' | 'painAfter' | 'notes'>>,
  updatedAt: string,
): Promise<SessionRow> {
  const { sessions } = tablesOf(tx)
  const [row] = await tx
    .update(sessions)
    .set({ ...changes, updatedAt })
    .where(eq(sessions.id, sessionId))
    .returning()
  return row
}

/** The enrollment's home sessions on the given days, voided ones left out (one per day: re-entering a home log corrects them). */
export async function homeSessionsOn(db: ClinicDb, enrollmentId: number, dates: string[]): Promise<SessionRow[]> {
  const { sessions } = tablesOf(db)
  if (dates.length === 0) return []
  return db
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.enrollmentId, enrollmentId), eq(sessions.kind, 'home'), inArray(sessions.sessionDate, dates), isNull(sessions.voidedAt)),
    )
    .orderBy(asc(sessions.id))
}

/** Sessions of a kind on a day that are not voided, but for the one given (a session being corrected). */
export async function sessionsOnDay(db: ClinicDb, enrollmentId: number, kind: SessionRow['kind'], date: string, except = 0) {
  const { sessions } = tablesOf(db)
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.enrollmentId, enrollmentId),
        eq(sessions.kind, kind),
        eq(sessions.sessionDate, date),
        isNull(sessions.voidedAt),
        ne(sessions.id, except),
      ),
    )
}

/** The home sessions of a program week that are not voided. */
export async function homeSessionsOfWeek(db: ClinicDb, enrollmentId: number, week: number) {
  const { sessions } = tablesOf(db)
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.enrollmentId, enrollmentId), eq(sessions.kind, 'home'), eq(sessions.week, week), isNull(sessions.voidedAt)))
    .orderBy(asc(sessions.sessionDate))
}

/** Marks a session voided (entered in error) or restores it; the triggers drop it from the counts. */
export async function setSessionVoided(tx: ClinicDb, sessionId: number, mark: { at: string; by: string; reason: string } | null) {
  const { sessions } = tablesOf(tx)
  const [row] = await tx
    .update(sessions)
    .set({ voidedAt: mark?.at ?? null, voidedBy: mark?.by ?? null, voidReason: mark?.reason ?? null })
    .where(eq(sessions.id, sessionId))
    .returning()
  return row
}

export type PerformedValues = Pick<
  typeof sessionExercises.$inferSelect,
  'doneSets' | 'doneReps' | 'doneLoadKg' | 'doneHoldSeconds' | 'doneDurationSeconds'
>

/** A session's performed exercises with their codes, in the order recorded. */
export async function performedExercises(db: ClinicDb, sessionId: number) {
  const { exercises, sessionExercises } = tablesOf(db)
  return db
    .select({ row: sessionExercises, code: exercises.code })
    .from(sessionExercises)
    .innerJoin(exercises, eq(exercises.id, sessionExercises.exerciseId))
    .where(eq(sessionExercises.sessionId, sessionId))
    .orderBy(asc(sessionExercises.id))
}

export async function updatePerformed(tx: ClinicDb, sessionExerciseId: number, values: Partial<PerformedValues>) {
  const { sessionExercises } = tablesOf(tx)
  await tx.update(sessionExercises).set(values).where(eq(sessionExercises.id, sessionExerciseId))
}

/** Sessions of an enrollment, oldest first, with the exercises performed in each. */
export async function sessionsOfEnrollment(db: ClinicDb, enrollmentId: number) {
  const { exercises, sessions, sessionExercises } = tablesOf(db)
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
  const { assessments, psfsRatings } = tablesOf(db)
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

/** Which of the records (of 'sessions' or 'assessments') were corrected after they were first saved. */
export async function correctedIds(db: ClinicDb, tableName: 'sessions' | 'assessments' | 'adverse_events', recordIds: number[]): Promise<Set<number>> {
  const { auditLog } = tablesOf(db)
  if (recordIds.length === 0) return new Set()
  const rows = await db
    .select({ id: auditLog.recordId })
    .from(auditLog)
    .where(and(eq(auditLog.tableName, tableName), eq(auditLog.action, 'update'), inArray(auditLog.recordId, recordIds)))
  return new Set(rows.map((r) => r.id))
}

/**
 * Each exercise's latest performance before a day: the enrollment's attended supervised
 * sessions dated earlier and not voided, exercises recorded as done (not "not done"), newest first per code.
 */
export async function lastPerformances(db: ClinicDb, enrollmentId: number, before: string) {
  const { exercises, sessions, sessionExercises } = tablesOf(db)
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
        isNull(sessions.voidedAt),
        lt(sessions.sessionDate, before),
        eq(sessionExercises.notDone, false),
      ),
    )
    .orderBy(desc(sessions.sessionDate), desc(sessions.id))
  const latest = new Map<string, Omit<(typeof rows)[number], 'code'>>()
  for (const { code, ...performance } of rows) if (!latest.has(code)) latest.set(code, performance)
  return latest
}
