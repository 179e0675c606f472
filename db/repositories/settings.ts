import { eq } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { settings } from '../schema'
import { tablesOf } from '../tables'

/**
 * A random value that a restore replaces: desks sharing a server database sign out when it changes
 * (electron/clinic/authorisation.ts guardedHandlers).
 */
export const SIGN_IN_EPOCH_SETTING = 'sign_in_epoch'

export async function readSetting<T>(db: ClinicDb, key: string): Promise<T | null> {
  const { settings } = tablesOf(db)
  const [row] = await db.select().from(settings).where(eq(settings.key, key))
  return row ? (row.value as T) : null
}

export async function writeSetting(tx: ClinicDb, key: string, value: unknown): Promise<void> {
  const { settings } = tablesOf(tx)
  await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
}
