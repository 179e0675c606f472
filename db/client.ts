import Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import pg from 'pg'
import { createPrivateFile, makePrivate, privateFolder } from './fileModes'
import { describeLocation, isServerUrl, migrationsFolder, pgMigrationsFolder } from './paths'
import * as pgSchema from './pg/schema'
import * as schema from './schema'

/**
 * The database as every repository sees it, whichever the store: typed with the SQLite schema. On a
 * PostgreSQL store it is a node-postgres Drizzle instance built on db/pg/schema.ts, whose tables have the
 * same names, columns and TypeScript shapes (checked in db/tables.ts and tests/unit/storeSchemas.test.ts);
 * repositories reach their tables with tablesOf(db) and write store-specific SQL only through db/dialect.ts.
 */
export type ClinicDb = BetterSQLite3Database<typeof schema>

/** Where the clinic's data is: a SQLite file, or a database on a PostgreSQL server. */
export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }

/** A file path, or a postgres:// (postgresql://) URL with the usual options (sslmode, ...). */
export function storeLocation(location: string): StoreLocation {
  return isServerUrl(location) ? { kind: 'postgres', url: location.trim() } : { kind: 'sqlite', file: location }
}

interface StoreBase {
  db: ClinicDb
  /** The file path, or the server URL without its password. */
  description: string
  /**
   * Run fn as one transaction: all of its writes land, or none do. Transactions are serialised, on a
   * server across every desk (see docs/stores.md).
   */
  transaction<T>(fn: (tx: ClinicDb) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface SqliteStore extends StoreBase {
  kind: 'sqlite'
  /** The raw connection, for pragmas, online backups and integrity checks. */
  sqlite: Database.Database
  file: string
}

export interface PgStore extends StoreBase {
  kind: 'postgres'
  pool: pg.Pool
  /** The URL as given (with its password, if any): never shown. */
  url: string
}

export type ClinicStore = SqliteStore | PgStore

/** The SQLite store behind a handle, for what exists only for files (online backups, pragmas); refuses a server store. */
export function fileStore(store: ClinicStore): SqliteStore {
  if (store.kind !== 'sqlite') throw new Error(`This needs the clinic database as a SQLite file; ${store.description} is on a database server.`)
  return store
}

export interface OpenOptions {
  /** Path of the SQLite file (created with its folder if missing), or a postgres:// URL of an existing database. */
  location: string
  /** better-sqlite3 native addon to load (the Electron build); defaults to the Node build. */
  nativeBinding?: string
  readonly?: boolean
}

/**
 * Opens (creating if needed) the clinic database and applies pending migrations: a SQLite file
 * (openSqliteStore) or a database on a PostgreSQL server (openPgStore).
 */
export async function openStore(options: OpenOptions): Promise<ClinicStore> {
  const location = storeLocation(options.location)
  return location.kind === 'postgres'
    ? openPgStore(location.url, { readonly: options.readonly })
    : openSqliteStore({ file: location.file, nativeBinding: options.nativeBinding, readonly: options.readonly })
}

/**
 * Opens (creating if needed) a SQLite clinic database, switches on WAL and foreign keys, and applies
 * pending migrations. Every write of the clinic service goes through `transaction`, which serialises
 * transactions on this connection.
 */
export function openSqliteStore(options: { file: string; nativeBinding?: string; readonly?: boolean }): SqliteStore {
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
    kind: 'sqlite',
    db,
    sqlite,
    file: options.file,
    description: options.file,
    transaction,
    close: async () => {
      if (sqlite.open) sqlite.close()
    },
  }
}

/*
 * node-postgres returns bigint (count, sum of integers) and numeric (avg, sums of numerics) as strings,
 * as they may not fit a JS number. Every such value of this app does (counts, sums of scores and
 * doses), and SQLite returns them as numbers: read them as numbers, as the repositories expect.
 * Drizzle's node-postgres driver reads the parsers registered on the pg module, so they are set there.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value))
// json columns come back as their text, as SQLite's do: Drizzle's json column parses it, and hand-written queries read the same text on both stores.
pg.types.setTypeParser(pg.types.builtins.JSON, (value: string) => value)

/**
 * The clinic-wide lock every write transaction on a server takes first (pg_advisory_xact_lock; held
 * until commit or rollback): one writer at a time across every desk, as SQLite's BEGIN IMMEDIATE gives
 * on a file. It serialises randomised allocation and the clinic-ID sequence without changing the service.
 * The number is arbitrary ('BSTR'); any program sharing the database and taking it waits its turn.
 */
export const CLINIC_WRITE_LOCK = 0x42535452

/** A database on a PostgreSQL server given by URL: it must exist (the server's administrator creates it); its tables are migrated here. */
export async function openPgStore(url: string, options: { readonly?: boolean; poolSize?: number } = {}): Promise<PgStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A server gone from the network (not refusing, silent) fails a new connection after this, instead of never:
    // the desk then says the server cannot be reached (db/unreachable.ts) and tries again.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    // Read-only (command-line exports and reports): the server refuses any write.
    ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
  })
  // An idle connection the server closed (restart, network) is dropped from the pool; the next query opens another.
  pool.on('error', (error) => console.error(`Backstride: a connection to the database server was lost: ${error.message}`))
  const db = drizzlePg(pool, { schema: pgSchema }) as unknown as ClinicDb
  try {
    if (!options.readonly) await migrateServer(pool)
  } catch (error) {
    await pool.end()
    throw error
  }

  async function transaction<T>(fn: (tx: ClinicDb) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      await client.query('begin')
      await client.query('select pg_advisory_xact_lock($1)', [CLINIC_WRITE_LOCK])
      const result = await fn(drizzlePg(client, { schema: pgSchema }) as unknown as ClinicDb)
      await client.query('commit')
      return result
    } catch (error) {
      try {
        await client.query('rollback')
      } catch (rollbackFailed) {
        // The connection itself failed: it is not given back to the pool.
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed))
      }
      throw error
    } finally {
      client.release(broken)
    }
  }

  let ended: Promise<void> | null = null
  return {
    kind: 'postgres',
    db,
    pool,
    url,
    description: describeLocation(url),
    transaction,
    close: () => (ended ??= pool.end()),
  }
}

/** Applies pending migrations holding the clinic-wide lock: desks starting together migrate one after the other. */
async function migrateServer(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [CLINIC_WRITE_LOCK])
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: pgMigrationsFolder() })
    } finally {
      await client.query('select pg_advisory_unlock($1)', [CLINIC_WRITE_LOCK])
    }
  } finally {
    client.release()
  }
}

export function storeExists(file: string): boolean {
  return existsSync(file)
}

/**
 * Runs fn on one consistent view of the store, for reading only: every query in fn sees the data as
 * it was when the view began, whatever other desks commit meanwhile (a file: one read transaction on
 * its connection, WAL keeps the snapshot; a server: a REPEATABLE READ, READ ONLY transaction on one
 * connection). Moving a clinic reads its source through one such view.
 */
export async function readSnapshot<T>(store: ClinicStore, fn: (db: ClinicDb) => Promise<T>): Promise<T> {
  if (store.kind === 'sqlite') {
    store.db.run(sql`BEGIN`)
    try {
      return await fn(store.db)
    } finally {
      if (store.sqlite.inTransaction) store.db.run(sql`COMMIT`)
    }
  }
  const client = await store.pool.connect()
  let broken: Error | undefined
  try {
    await client.query('begin transaction isolation level repeatable read, read only')
    try {
      return await fn(drizzlePg(client, { schema: pgSchema }) as unknown as ClinicDb)
    } finally {
      await client.query('commit').catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error))
      })
    }
  } finally {
    client.release(broken)
  }
}
