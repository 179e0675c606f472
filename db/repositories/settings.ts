import { eq } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import { settings } from '../schema'

export async function readSetting<T>(db: ClinicDb, key: string): Promise<T | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key))
  return row ? (row.value as T) : null
}

export async function writeSetting(tx: ClinicDb, key: string, value: unknown): Promise<void> {
  await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
}
