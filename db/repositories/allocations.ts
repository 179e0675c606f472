import { eq, sql } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { allocations, assessments } from '../schema'
import { tablesOf } from '../tables'

/** Randomised allocations: written once, never updated (there is no update function, and triggers refuse one). */
export type AllocationRow = typeof allocations.$inferSelect

/** How many positions of a stratum's sequence are used. */
export async function usedPositions(db: ClinicDb, stratum: string): Promise<number> {
  const { allocations } = tablesOf(db)
  const [row] = await db
    .select({ n: sql<number | null>`max(${allocations.position})` })
    .from(allocations)
    .where(eq(allocations.stratum, stratum))
  return row?.n ?? 0
}

export async function insertAllocation(tx: ClinicDb, values: typeof allocations.$inferInsert): Promise<number> {
  const { allocations } = tablesOf(tx)
  const [row] = await tx.insert(allocations).values(values).returning({ id: allocations.id })
  return row.id
}

export async function allocationOf(db: ClinicDb, enrollmentId: number): Promise<AllocationRow | null> {
  const { allocations } = tablesOf(db)
  const [row] = await db.select().from(allocations).where(eq(allocations.enrollmentId, enrollmentId))
  return row ?? null
}

/** The baseline running pain of an enrollment (the pain stratum of an allocation made after enrollment). */
export async function baselinePainOf(db: ClinicDb, enrollmentId: number): Promise<number | null> {
  const { assessments } = tablesOf(db)
  const [row] = await db
    .select({ pain: assessments.runningPain })
    .from(assessments)
    .where(sql`${assessments.enrollmentId} = ${enrollmentId} and ${assessments.timePoint} = 'baseline'`)
    .limit(1)
  return row?.pain ?? null
}
