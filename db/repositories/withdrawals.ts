import { asc, eq } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import { adverseEvents, enrollments } from '../schema'

/*
 * Withdrawal from the program, consent and adverse events: what the clinic
 * records about a runner's taking part, beside their clinical scores.
 */

export type EnrollmentRecord = typeof enrollments.$inferSelect
export type AdverseEventRow = typeof adverseEvents.$inferSelect

type EnrollmentChanges = Partial<
  Pick<
    EnrollmentRecord,
    | 'withdrawnOn'
    | 'withdrawalCategory'
    | 'withdrawalReason'
    | 'treatmentConsentOn'
    | 'treatmentConsentBy'
    | 'comparisonConsent'
    | 'comparisonConsentOn'
    | 'comparisonConsentWithdrawnOn'
  >
>

/** Changes an enrollment's withdrawal or consent columns; returns the row as now stored. */
export async function updateEnrollment(tx: ClinicDb, enrollmentId: number, changes: EnrollmentChanges): Promise<EnrollmentRecord> {
  const [row] = await tx.update(enrollments).set(changes).where(eq(enrollments.id, enrollmentId)).returning()
  return row
}

export async function insertAdverseEvent(tx: ClinicDb, values: typeof adverseEvents.$inferInsert): Promise<AdverseEventRow> {
  const [row] = await tx.insert(adverseEvents).values(values).returning()
  return row
}

/** An enrollment's adverse events, oldest first. */
export async function adverseEventsOf(db: ClinicDb, enrollmentId: number): Promise<AdverseEventRow[]> {
  return db
    .select()
    .from(adverseEvents)
    .where(eq(adverseEvents.enrollmentId, enrollmentId))
    .orderBy(asc(adverseEvents.occurredOn), asc(adverseEvents.id))
}
