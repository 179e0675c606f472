import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { adverseEvents, assessments, assignments, auditLog, enrollments, redFlagScreenings, sessions } from '../schema'
import { tablesOf } from '../tables'

export type AuditRow = typeof auditLog.$inferSelect

/** Writes one audit entry: who changed which record, before and after, and why; returns its id. */
export async function insertAudit(tx: ClinicDb, entry: typeof auditLog.$inferInsert): Promise<number> {
  const { auditLog } = tablesOf(tx)
  const [row] = await tx.insert(auditLog).values(entry).returning({ id: auditLog.id })
  return row.id
}

/** The audit entries of one record, oldest first. */
export async function auditOf(db: ClinicDb, tableName: string, recordId: number) {
  const { auditLog } = tablesOf(db)
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tableName, tableName), eq(auditLog.recordId, recordId)))
    .orderBy(asc(auditLog.id))
}

/** Every audit entry of a patient and of the clinical records that belong to them, oldest first. */
export async function auditOfPatient(db: ClinicDb, patientId: number) {
  const { enrollments, redFlagScreenings, assignments, sessions, assessments, adverseEvents, auditLog } = tablesOf(db)
  const enrollmentIds = (await db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.patientId, patientId))).map(
    (r) => r.id,
  )
  const ids = async (table: typeof sessions | typeof assessments | typeof assignments | typeof redFlagScreenings | typeof adverseEvents) =>
    enrollmentIds.length
      ? (await db.select({ id: table.id }).from(table).where(inArray(table.enrollmentId, enrollmentIds))).map((r) => r.id)
      : []
  const records: [string, number[]][] = [
    ['patients', [patientId]],
    ['enrollments', enrollmentIds],
    ['red_flag_screenings', await ids(redFlagScreenings)],
    ['assignments', await ids(assignments)],
    ['sessions', await ids(sessions)],
    ['assessments', await ids(assessments)],
    ['adverse_events', await ids(adverseEvents)],
  ]
  const conditions = records
    .filter(([, recordIds]) => recordIds.length > 0)
    .map(([table, recordIds]) => and(eq(auditLog.tableName, table), inArray(auditLog.recordId, recordIds)) as SQL)
  return db
    .select()
    .from(auditLog)
    .where(or(...conditions))
    .orderBy(asc(auditLog.id))
}
