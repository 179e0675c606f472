import { asc, eq } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { adverseEvents, enrollments } from '../schema'
import { tablesOf } from '../tables'

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
  const { enrollments } = tablesOf(tx)
  const [row] = await tx.update(enrollments).set(changes).where(eq(enrollments.id, enrollmentId)).returning()
  return row
}

export async function insertAdverseEvent(tx: ClinicDb, values: typeof adverseEvents.$inferInsert): Promise<AdverseEventRow> {
  const { adverseEvents } = tablesOf(tx)
  const [row] = await tx.insert(adverseEvents).values(values).returning()
  return row
}

export async function adverseEventRow(db: ClinicDb, adverseEventId: number): Promise<AdverseEventRow | null> {
  const { adverseEvents } = tablesOf(db)
  const [row] = await db.select().from(adverseEvents).where(eq(adverseEvents.id, adverseEventId))
  return row ?? null
}

export type AdverseEventChanges = Partial<Pick<AdverseEventRow, 'occurredOn' | 'description' | 'severity' | 'related' | 'actionTaken'>>

export async function updateAdverseEvent(tx: ClinicDb, adverseEventId: number, changes: AdverseEventChanges) {
  const { adverseEvents } = tablesOf(tx)
  await tx.update(adverseEvents).set(changes).where(eq(adverseEvents.id, adverseEventId))
}

/** Voids an adverse event entered in error (kept, marked, left out of every count and export), or restores it (null). */
export async function setAdverseEventVoided(tx: ClinicDb, adverseEventId: number, mark: { at: string; by: string; reason: string } | null) {
  const { adverseEvents } = tablesOf(tx)
  await tx
    .update(adverseEvents)
    .set({ voidedAt: mark?.at ?? null, voidedBy: mark?.by ?? null, voidReason: mark?.reason ?? null })
    .where(eq(adverseEvents.id, adverseEventId))
}

/** An enrollment's adverse events, oldest first, voided ones included (the patient page shows them marked). */
export async function adverseEventsOf(db: ClinicDb, enrollmentId: number): Promise<AdverseEventRow[]> {
  const { adverseEvents } = tablesOf(db)
  return db
    .select()
    .from(adverseEvents)
    .where(eq(adverseEvents.enrollmentId, enrollmentId))
    .orderBy(asc(adverseEvents.occurredOn), asc(adverseEvents.id))
}
