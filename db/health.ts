import Database from 'better-sqlite3'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrationsFolder } from './paths'

export type DatabaseHealth =
  | { state: 'missing' }
  | { state: 'ok' }
  | { state: 'corrupt'; detail: string }
  | { state: 'newer'; detail: string }

/** The migrations this version of the app knows (db/migrations/meta/_journal.json). */
function knownMigrations(): { count: number; newest: number } {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[]
  }
  return { count: journal.entries.length, newest: Math.max(...journal.entries.map((e) => e.when)) }
}

/**
 * Checks a database file without changing it: readable SQLite, passes the
 * integrity check, and was not written by a newer version of the app (whose
 * migrations this version does not know). `quick` uses quick_check (start-up);
 * a restore uses the full integrity_check.
 */
export function checkDatabaseFile(file: string, options: { quick?: boolean; nativeBinding?: string } = {}): DatabaseHealth {
  if (!existsSync(file)) return { state: 'missing' }
  let sqlite: Database.Database | null = null
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding })
    const rows = sqlite.pragma(options.quick ? 'quick_check' : 'integrity_check') as Record<string, string>[]
    const result = rows.map((r) => Object.values(r)[0]).join('; ')
    if (result !== 'ok') return { state: 'corrupt', detail: result }
    const hasMigrations = sqlite
      .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
      .get()
    if (hasMigrations) {
      const applied = sqlite.prepare('select count(*) as count, max(created_at) as newest from __drizzle_migrations').get() as {
        count: number
        newest: number | null
      }
      const known = knownMigrations()
      if (applied.count > known.count || (applied.newest ?? 0) > known.newest) {
        return {
          state: 'newer',
          detail: `it has ${applied.count} schema migrations, this version of Backstride knows ${known.count}`,
        }
      }
    }
    return { state: 'ok' }
  } catch (error) {
    return { state: 'corrupt', detail: error instanceof Error ? error.message : String(error) }
  } finally {
    sqlite?.close()
  }
}

/** How many of this version's schema migrations a database file still lacks (0 for a new file, or one that cannot be read). */
export function missingMigrations(file: string, nativeBinding?: string): number {
  if (!existsSync(file)) return 0
  let sqlite: Database.Database | null = null
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding })
    const hasMigrations = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
    const applied = hasMigrations ? (sqlite.prepare('select count(*) as count from __drizzle_migrations').get() as { count: number }).count : 0
    return Math.max(0, knownMigrations().count - applied)
  } catch {
    return 0
  } finally {
    sqlite?.close()
  }
}
