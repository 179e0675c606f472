import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import type { ClinicStore } from './client'
import { readSetting } from './repositories/settings'
import { tablesOf } from './tables'

/**
 * Each database carries an identity: a UUID created once, in its settings, when
 * it is first opened. Backups copy it and a restore brings it back, so a backup
 * says which database it belongs to (its file name and manifest carry it too).
 */
export const DATABASE_ID_SETTING = 'database_id'
const CLINIC_DETAILS_SETTING = 'clinic_details'
/** The name a clinic has until it enters its own (Settings). */
export const UNNAMED_CLINIC = 'Backstride'

export interface DatabaseIdentity {
  /** null for a database from before identities (it gets one when next opened for writing). */
  databaseId: string | null
  clinicName: string
}

function setting(sqlite: Database.Database, key: string): unknown {
  const row = sqlite.prepare('select value from settings where key = ?').get(key) as { value: string } | undefined
  return row ? (JSON.parse(row.value) as unknown) : null
}

function identityFrom(id: unknown, details: { clinicName?: unknown } | null): DatabaseIdentity {
  return {
    databaseId: typeof id === 'string' ? id : null,
    clinicName: typeof details?.clinicName === 'string' && details.clinicName.trim() ? details.clinicName : UNNAMED_CLINIC,
  }
}

/** The identity of a SQLite file's open connection (settings table; migrated databases have one). */
export function identityOf(sqlite: Database.Database): DatabaseIdentity {
  return identityFrom(setting(sqlite, DATABASE_ID_SETTING), setting(sqlite, CLINIC_DETAILS_SETTING) as { clinicName?: unknown } | null)
}

/** The identity of an open store, either kind. */
export async function identityOfStore(store: ClinicStore): Promise<DatabaseIdentity> {
  return identityFrom(await readSetting(store.db, DATABASE_ID_SETTING), await readSetting<{ clinicName?: unknown }>(store.db, CLINIC_DETAILS_SETTING))
}

/** The identity of a database file, read without changing it; null when it cannot be read. */
export function identityOfFile(file: string, nativeBinding?: string): DatabaseIdentity | null {
  let sqlite: Database.Database | null = null
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding })
    return identityOf(sqlite)
  } catch {
    return null
  } finally {
    sqlite?.close()
  }
}

/** Gives a database its identity the first time it is opened for writing; returns it. */
export async function ensureDatabaseId(store: ClinicStore): Promise<string> {
  return store.transaction(async (tx) => {
    const existing = await readSetting<unknown>(tx, DATABASE_ID_SETTING)
    if (typeof existing === 'string') return existing
    const { settings } = tablesOf(tx)
    await tx.insert(settings).values({ key: DATABASE_ID_SETTING, value: randomUUID() }).onConflictDoNothing()
    return (await readSetting<string>(tx, DATABASE_ID_SETTING)) as string
  })
}

/** The part of the identity a backup's file name carries. */
export const shortId = (databaseId: string) => databaseId.replace(/-/g, '').slice(0, 8)
