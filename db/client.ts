import Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { createPrivateFile, makePrivate, privateFolder } from './fileModes'
import { migrationsFolder } from './paths'
import * as schema from './schema'

export type ClinicDb = BetterSQLite3Database<typeof schema>

export interface OpenOptions {
  /** Path of the SQLite file; created with its folder if missing. */
  file: string
  /** better-sqlite3 native addon to load (the Electron build); defaults to the Node build. */
  nativeBinding?: string
  readonly?: boolean
}

export interface ClinicStore {
  db: ClinicDb
  /** The raw connection, for pragmas, online backups and integrity checks. */
  sqlite: Database.Database
  file: string
  /** Run fn as one transaction: all of its writes land, or none do. */
  transaction<T>(fn: (tx: ClinicDb) => Promise<T>): Promise<T>
  close(): void
}

/**
 * Opens (creating if needed) the clinic database, switches on WAL and foreign keys,
 * and applies pending migrations. Every write of the clinic service goes through
 * `transaction`, which serialises transactions on this connection.
 */
export function openStore(options: OpenOptions): ClinicStore {
  const onDisk = options.file !== ':memory:'
  // Only the clinic's account may read the database (and its -wal and -shm, which SQLite creates with the file's mode).
  if (!options.readonly && onDisk) {
    privateFolder(dirname(options.file))
    createPrivateFile(options.file)
  }
  const sqlite = new Database(options.file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  })
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // WAL with synchronous=FULL: a committed transaction survives power loss, not only a crash.
  sqlite.pragma('synchronous = FULL')
  if (!options.readonly && onDisk) for (const companion of ['-wal', '-shm']) makePrivate(options.file + companion)
  const db = drizzle(sqlite, { schema })
  if (!options.readonly) migrate(db, { migrationsFolder: migrationsFolder() })

  let queue: Promise<unknown> = Promise.resolve()
  function transaction<T>(fn: (tx: ClinicDb) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      db.run(sql`BEGIN IMMEDIATE`)
      try {
        const result = await fn(db)
        db.run(sql`COMMIT`)
        return result
      } catch (error) {
        if (sqlite.inTransaction) db.run(sql`ROLLBACK`)
        throw error
      }
    }
    const next = queue.then(run, run)
    queue = next.catch(() => undefined)
    return next
  }

  return {
    db,
    sqlite,
    file: options.file,
    transaction,
    close: () => {
      if (sqlite.open) sqlite.close()
    },
  }
}

export function storeExists(file: string): boolean {
  return existsSync(file)
}
