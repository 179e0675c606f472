import { asc, eq, isNull } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { sites } from '../schema'
import { tablesOf } from '../tables'

/** A clinic site; sites are never deleted (a trigger refuses it), only deactivated. */
export type SiteRow = typeof sites.$inferSelect

export async function listSites(db: ClinicDb): Promise<SiteRow[]> {
  const { sites } = tablesOf(db)
  return db.select().from(sites).orderBy(asc(sites.id))
}

export async function siteRow(db: ClinicDb, siteId: number): Promise<SiteRow | null> {
  const { sites } = tablesOf(db)
  const [row] = await db.select().from(sites).where(eq(sites.id, siteId))
  return row ?? null
}

export async function siteByCode(db: ClinicDb, code: string): Promise<SiteRow | null> {
  const { sites } = tablesOf(db)
  const [row] = await db.select().from(sites).where(eq(sites.code, code))
  return row ?? null
}

/** The active sites, oldest first (the default site, made by migration 0011_clinic_sites, is the first while active). */
export async function activeSites(db: ClinicDb): Promise<SiteRow[]> {
  const { sites } = tablesOf(db)
  return db.select().from(sites).where(isNull(sites.deactivatedAt)).orderBy(asc(sites.id))
}

export async function insertSite(tx: ClinicDb, values: { code: string; name: string; createdBy: string }): Promise<SiteRow> {
  const { sites } = tablesOf(tx)
  const [row] = await tx.insert(sites).values(values).returning()
  return row
}

export async function updateSite(tx: ClinicDb, siteId: number, changes: { name?: string; deactivatedAt?: string | null }): Promise<SiteRow> {
  const { sites } = tablesOf(tx)
  const [row] = await tx.update(sites).set(changes).where(eq(sites.id, siteId)).returning()
  return row
}
