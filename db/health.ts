import Database from 'better-sqlite3'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { migrationsFolder, pgMigrationsFolder } from './paths'

export type DatabaseHealth =
  | { state: 'missing' }
  | { state: 'ok' }
  | { state: 'corrupt'; detail: string }
  | { state: 'newer'; detail: string }

/** The migrations this version of the app knows (db/migrations/meta/_journal.json; a server's: db/migrations-pg). */
function knownMigrations(folder = migrationsFolder()): { count: number; newest: number } {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
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

export type ServerHealth =
  /** Cannot connect: the server is down or unknown, the database missing, the user or password refused. */
  | { state: 'unreachable'; detail: string }
  /** `missing`: this version's migrations the database still lacks (all of them for an empty database). */
  | { state: 'ok'; missing: number }
  | { state: 'newer'; detail: string }

/**
 * Checks a database on a PostgreSQL server without changing it, as checkDatabaseFile checks a file: it can
 * be reached, and was not migrated by a newer version of the app (drizzle's drizzle.__drizzle_migrations
 * holds more migrations, or a later one, than db/migrations-pg knows); and how many migrations it lacks.
 */
export async function checkServerDatabase(url: string): Promise<ServerHealth> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  // A connection lost after the check is no concern of the check.
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    const detail = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error)
    return { state: 'unreachable', detail }
  }
  try {
    const { rows } = await client.query<{ count: string | number; newest: string | number | null }>(
      "select count(*) as count, max(created_at) as newest from drizzle.__drizzle_migrations",
    ).catch(async (error: unknown) => {
      // No migrations table (undefined_table): a new, empty database.
      if ((error as { code?: string }).code === '42P01') return { rows: [{ count: 0, newest: null }] }
      throw error
    })
    const applied = { count: Number(rows[0].count), newest: rows[0].newest === null ? 0 : Number(rows[0].newest) }
    const known = knownMigrations(pgMigrationsFolder())
    if (applied.count > known.count || applied.newest > known.newest) {
      return { state: 'newer', detail: `it has ${applied.count} schema migrations, this version of Backstride knows ${known.count}` }
    }
    return { state: 'ok', missing: Math.max(0, known.count - applied.count) }
  } finally {
    await client.end().catch(() => undefined)
  }
}
