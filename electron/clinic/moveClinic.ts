import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { getTableName, is, sql, type SQL } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import pg from 'pg'
import { openSqliteStore, openStore, readSnapshot, storeLocation, type ClinicDb, type ClinicStore, type StoreLocation } from '../../db/client'
import { firstFreeId, idsUsedUpTo, inByteOrder, run, values } from '../../db/dialect'
import { identityOfStore } from '../../db/identity'
import { describeLocation, migrationsFolder, pgMigrationsFolder } from '../../db/paths'
import { insertAudit } from '../../db/repositories/audit'
import * as schema from '../../db/schema'
import { tablesOf, TRIGGER_KEPT_TABLES, type ClinicTables } from '../../db/tables'
import type { WriterLock } from '../../db/lock'
import { coded, type Coded } from './contract/messages'
import { DatabaseInUse, takeWriterLock } from './open'

/*
 * Moving a clinic between stores (a SQLite file and a database on a PostgreSQL server, either way):
 * every table of the schema is copied with its ids into an empty target in one transaction, then
 * counted and checksummed on both sides (docs/stores.md, "Moving a clinic").
 */

/** The move was refused before anything was written; `said` says why. */
export class MoveRefused extends Error {
  constructor(readonly said: Coded) {
    super(said.message)
  }
}

/** The copy did not match the original: rolled back (committed false), or found on reading back after the commit. */
export class MoveMismatch extends Error {
  constructor(
    readonly said: Coded,
    readonly report: MoveReport,
    readonly committed: boolean,
  ) {
    super(said.message)
  }
}

/** One table's figures on both sides. */
export interface TableFigures {
  table: string
  sourceRows: number
  targetRows: number
  sourceChecksum: string
  targetChecksum: string
  /**
   * Kept by the store's triggers: rebuilt in the target from the copied rows, compared with the
   * source's, then given the source's exact values (sums of reals may differ in the last bit between
   * SQLite's compensated sum() and PostgreSQL's).
   */
  rebuiltByTriggers: boolean
  /** Rows the target's triggers rebuilt differently from the source's (missing, extra, or a value off by more than a rounding error). */
  rebuiltRowsDiffering: number
  matches: boolean
}

export interface MoveReport {
  from: string
  to: string
  databaseId: string | null
  clinicName: string
  tables: TableFigures[]
  /** Tables whose next generated id differs between source and target (ids are never reused). */
  idSequencesDiffering: string[]
  /** The audit entry recording the move in the target. */
  auditEntryId: number | null
  matches: boolean
}

/** Ways for a test to change the target while moving, so that it can see the checks catch it. */
export interface MoveTestHooks {
  /** In the transaction, after the copy and before the figures are compared. */
  beforeVerifying?: (target: ClinicDb) => Promise<void>
  /** After the commit, before the target is read back. */
  afterCommit?: (target: ClinicStore) => Promise<void>
}

interface TableInfo {
  key: keyof ClinicTables
  name: string
  columns: { name: string; json: boolean }[]
  primaryKey: { name: string; text: boolean; index: number }
  /** Has a generated integer id (its sequence is carried over). */
  generatedId: boolean
  triggerKept: boolean
}

/** Every table of the schema, parents before children (foreign keys are checked on each statement). */
export function clinicTables(): TableInfo[] {
  const found = (Object.entries(schema) as [keyof ClinicTables, unknown][]).filter((entry): entry is [keyof ClinicTables, SQLiteTable] => is(entry[1], SQLiteTable))
  const infos = new Map<string, TableInfo & { parents: string[] }>()
  for (const [key, table] of found) {
    const config = getTableConfig(table)
    if (config.primaryKeys.length) throw new Error(`moving a clinic: ${config.name} has a composite primary key, which the move does not page through`)
    const keyColumn = config.columns.find((c) => c.primary)
    if (!keyColumn) throw new Error(`moving a clinic: ${config.name} has no primary key`)
    infos.set(config.name, {
      key,
      name: config.name,
      columns: config.columns.map((c) => ({ name: c.name, json: c.dataType === 'json' })),
      primaryKey: { name: keyColumn.name, text: keyColumn.dataType === 'string', index: config.columns.indexOf(keyColumn) },
      generatedId: keyColumn.name === 'id' && keyColumn.dataType === 'number' && (keyColumn as unknown as { autoIncrement?: boolean }).autoIncrement === true,
      triggerKept: (TRIGGER_KEPT_TABLES as readonly string[]).includes(key),
      parents: config.foreignKeys.map((fk) => getTableName(fk.reference().foreignTable)).filter((name) => name !== config.name),
    })
  }
  const ordered: TableInfo[] = []
  const placed = new Set<string>()
  while (placed.size < infos.size) {
    const ready = [...infos.values()].filter((t) => !placed.has(t.name) && t.parents.every((p) => placed.has(p)))
    if (!ready.length) throw new Error('moving a clinic: the foreign keys between tables form a cycle')
    // Trigger-kept tables last: their rows come from tables that may follow them in key order.
    ready.sort((a, b) => Number(a.triggerKept) - Number(b.triggerKept))
    for (const { parents: _parents, ...table } of ready.sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push(table)
      placed.add(table.name)
    }
  }
  return [...ordered.filter((t) => !t.triggerKept), ...ordered.filter((t) => t.triggerKept)]
}

const PAGE_ROWS = 5000
/** Parameters per insert statement, below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const PARAMETERS_PER_INSERT = 10_000

const columnsOf = (table: TableInfo) =>
  sql.join(
    table.columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  )
const keyOf = (db: ClinicDb, table: TableInfo) =>
  table.primaryKey.text ? inByteOrder(db, sql.identifier(table.primaryKey.name)) : sql.identifier(table.primaryKey.name)

/**
 * A table's rows in primary-key order (byte order for text keys, the same on both stores), page by page
 * (a keyset on the key, PAGE_ROWS at a time: memory stays bounded whatever the clinic's size), from
 * after the key `after` when given.
 */
async function* pagesOf(db: ClinicDb, table: TableInfo, after?: unknown): AsyncGenerator<unknown[][]> {
  const key = keyOf(db, table)
  for (;;) {
    const where = after === undefined ? sql`` : sql` where ${key} > ${after}`
    const page = await values<unknown[]>(db, sql`select ${columnsOf(table)} from ${sql.identifier(table.name)}${where} order by ${key} limit ${PAGE_ROWS}`)
    if (page.length) yield page
    if (page.length < PAGE_ROWS) return
    after = page[page.length - 1][table.primaryKey.index]
  }
}

/** A table's rows with a key after `after` (from the first when undefined) up to `last`, in key order. */
async function rowsUpTo(db: ClinicDb, table: TableInfo, after: unknown, last: unknown): Promise<unknown[][]> {
  const key = keyOf(db, table)
  const from = after === undefined ? sql`` : sql`${key} > ${after} and `
  return values<unknown[]>(db, sql`select ${columnsOf(table)} from ${sql.identifier(table.name)} where ${from}${key} <= ${last} order by ${key}`)
}

/** One value as the checksum reads it, whichever store it came from: numbers as numbers, flags as 0/1, JSON by its content. */
function normalised(value: unknown, json: boolean): unknown {
  if (value === null || value === undefined) return null
  if (json && typeof value === 'string') return JSON.parse(value) as unknown
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'bigint') return Number(value)
  if (Buffer.isBuffer(value)) return value.toString('base64')
  return value
}

/** Counts and checksums rows as they pass: SHA-256 over each row's normalised values as JSON, one line per row, in key order. */
class TableSum {
  private hash = createHash('sha256')
  rows = 0
  constructor(private readonly table: TableInfo) {}
  add(page: unknown[][], skipKey?: unknown) {
    for (const row of page) {
      if (skipKey !== undefined && row[this.table.primaryKey.index] === skipKey) continue
      this.hash.update(JSON.stringify(row.map((value, i) => normalised(value, this.table.columns[i].json))) + '\n')
      this.rows++
    }
  }
  digest = () => this.hash.digest('hex')
}

async function figuresOf(db: ClinicDb, table: TableInfo, skipKey?: unknown): Promise<{ rows: number; checksum: string }> {
  const sum = new TableSum(table)
  for await (const page of pagesOf(db, table)) sum.add(page, skipKey)
  return { rows: sum.rows, checksum: sum.digest() }
}

/** The same value up to a rounding error of a sum of reals (relative 1e-9); everything else exactly. */
function nearlyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
  return a === b
}

/** How many of the source's rows of a trigger-kept table (a page) the target's triggers rebuilt differently (by key and value). */
function rebuiltDiffering(table: TableInfo, source: unknown[][], target: unknown[][]): number {
  const key = table.primaryKey.index
  const rebuilt = new Map(target.map((row) => [row[key], row]))
  let differing = 0
  for (const row of source) {
    const other = rebuilt.get(row[key])
    rebuilt.delete(row[key])
    if (!other || row.some((value, i) => !nearlyEqual(value, other[i]))) differing++
  }
  return differing + rebuilt.size
}

async function rowCount(db: ClinicDb, name: string): Promise<number> {
  const [[count]] = await values<[number]>(db, sql`select count(*) from ${sql.identifier(name)}`)
  return Number(count)
}

/** Rows into the target, several per statement; `update` replaces rows of the same key that the target's migrations wrote (the default site). */
async function insertRows(db: ClinicDb, table: TableInfo, page: unknown[][], update: boolean): Promise<void> {
  const columns = sql.join(
    table.columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  )
  const others = table.columns.filter((c) => c.name !== table.primaryKey.name)
  const onConflict = update
    ? sql` on conflict (${sql.identifier(table.primaryKey.name)}) do update set ${sql.join(
        others.map((c) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`),
        sql`, `,
      )}`
    : sql``
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / table.columns.length))
  for (let i = 0; i < page.length; i += perStatement) {
    const tuples: SQL[] = page.slice(i, i + perStatement).map(
      (row) =>
        sql`(${sql.join(
          row.map((value) => sql`${value}`),
          sql`, `,
        )})`,
    )
    await run(db, sql`insert into ${sql.identifier(table.name)} (${columns}) values ${sql.join(tuples, sql`, `)}${onConflict}`)
  }
}

type TableWithId = Parameters<typeof firstFreeId>[1]
const withId = (db: ClinicDb, table: TableInfo): TableWithId => tablesOf(db)[table.key] as unknown as TableWithId

/** The same place: the same file (also through another path), or the same database on the same server. */
function sameLocation(a: StoreLocation, b: StoreLocation): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') {
    const real = (file: string) => (existsSync(file) ? realpathSync(file) : resolve(file))
    return real(a.file) === real(b.file)
  }
  if (a.kind === 'postgres' && b.kind === 'postgres') {
    const where = (url: string) => {
      const parsed = new URL(url)
      const host = parsed.hostname || new URLSearchParams(parsed.search).get('host') || 'localhost'
      return `${host.toLowerCase()}:${parsed.port || new URLSearchParams(parsed.search).get('port') || '5432'}/${decodeURIComponent(parsed.pathname.slice(1))}`
    }
    return where(a.url) === where(b.url)
  }
  return false
}

const journalLength = (folder: string) => (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length

/** How many schema migrations the source has had, read without changing it. */
async function appliedMigrations(location: StoreLocation): Promise<number> {
  if (location.kind === 'sqlite') {
    const sqlite = new Database(location.file, { readonly: true, fileMustExist: true })
    try {
      const present = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
      return present ? (sqlite.prepare('select count(*) as count from __drizzle_migrations').get() as { count: number }).count : 0
    } finally {
      sqlite.close()
    }
  }
  const client = new pg.Client({ connectionString: location.url })
  await client.connect()
  try {
    const { rows } = await client.query<{ count: number | null }>(
      "select case when to_regclass('drizzle.__drizzle_migrations') is null then 0 else (select count(*) from drizzle.__drizzle_migrations) end as count",
    )
    return Number(rows[0]?.count ?? 0)
  } finally {
    await client.end()
  }
}

/** Rows a freshly migrated database holds (the default site), per table: what an empty target may hold. */
async function rowsOfAFreshDatabase(tables: TableInfo[]): Promise<Map<string, number>> {
  const fresh = openSqliteStore({ file: ':memory:' })
  try {
    return new Map(await Promise.all(tables.map(async (t) => [t.name, await rowCount(fresh.db, t.name)] as const)))
  } finally {
    await fresh.close()
  }
}

/** The first table holding more rows than a fresh database's, if any. */
async function firstFilledTable(db: ClinicDb, tables: TableInfo[], fresh: Map<string, number>, present?: Set<string>) {
  for (const table of tables) {
    if (present && !present.has(table.name)) continue
    const count = await rowCount(db, table.name)
    if (count > (fresh.get(table.name) ?? 0)) return { table: table.name, rows: count }
  }
  return null
}

/** A server database is checked before it is migrated: a database with a clinic in it is not changed at all. */
async function refuseFilledServer(url: string, tables: TableInfo[], fresh: Map<string, number>): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string }>('select table_name as name from information_schema.tables where table_schema = current_schema()')
    const present = new Set(rows.map((r) => r.name))
    for (const table of tables) {
      if (!present.has(table.name)) continue
      const count = Number((await client.query<{ count: number }>(`select count(*) as count from "${table.name}"`)).rows[0].count)
      if (count > (fresh.get(table.name) ?? 0)) throw new MoveRefused(coded('move_target_not_empty', { database: describeLocation(url), table: table.name, rows: count }))
    }
  } finally {
    await client.end()
  }
}

/**
 * Moves the clinic from one store into an empty other: checks first (different places, a source of
 * this version's schema, an empty target), then copies every table in one transaction on the target,
 * compares row counts and checksums inside it (a difference rolls it back), records the move in the
 * target's audit trail, commits, and reads the target back to compare again. The source is only read.
 */
export async function moveClinic(options: { from: string; to: string; actor: string; hooks?: MoveTestHooks }): Promise<MoveReport> {
  const from = storeLocation(options.from)
  const to = storeLocation(options.to)
  const fromName = describeLocation(options.from)
  const toName = describeLocation(options.to)
  if (sameLocation(from, to)) throw new MoveRefused(coded('move_same_store', { database: toName }))
  if (from.kind === 'sqlite' && !existsSync(from.file)) throw new MoveRefused(coded('move_source_missing', { database: fromName }))
  if (to.kind === 'sqlite' && existsSync(to.file)) throw new MoveRefused(coded('move_target_exists', { database: toName }))

  // The writer locks of the files (db/lock.ts): no desk writes into the source while it is read (its later
  // writes would not move), nor opens the new file while it is being written.
  const locks: WriterLock[] = []
  /** The new file is this move's (it did not exist under the lock): removed again unless the clinic arrived in it. */
  let targetLocked = false
  let committed = false
  try {
    if (from.kind === 'sqlite') locks.push(movingLock(from.file))
    if (to.kind === 'sqlite') {
      locks.push(movingLock(to.file))
      // Checked again under the lock: no program created it meanwhile.
      if (existsSync(to.file)) throw new MoveRefused(coded('move_target_exists', { database: toName }))
      targetLocked = true
    }
    const moved = await moveLocked(options, from, to, fromName, toName)
    committed = true
    return moved
  } catch (error) {
    if (error instanceof MoveMismatch && error.committed) committed = true
    throw error
  } finally {
    for (const lock of locks) lock.release()
    // A new file that did not receive the clinic is removed again, with its lock file: a refused or undone move leaves nothing behind.
    if (!committed && targetLocked && to.kind === 'sqlite') for (const suffix of ['', '-wal', '-shm', '.lock']) rmSync(to.file + suffix, { force: true })
  }
}

/** The writer lock of a file the move reads or writes; a refusal (another program has it open) names the holder. */
function movingLock(file: string): WriterLock {
  try {
    return takeWriterLock(file, 'Backstride command line (move)')
  } catch (error) {
    if (error instanceof DatabaseInUse) throw new MoveRefused(error.said)
    throw error
  }
}

async function moveLocked(options: { from: string; to: string; actor: string; hooks?: MoveTestHooks }, from: StoreLocation, to: StoreLocation, fromName: string, toName: string): Promise<MoveReport> {
  const known = journalLength(from.kind === 'sqlite' ? migrationsFolder() : pgMigrationsFolder())
  const applied = await appliedMigrations(from)
  if (applied !== known) throw new MoveRefused(coded('move_source_version', { database: fromName, applied, known }))

  const tables = clinicTables()
  const fresh = await rowsOfAFreshDatabase(tables)
  if (to.kind === 'postgres') await refuseFilledServer(to.url, tables, fresh)

  const source = await openStore({ location: options.from, readonly: true })
  let target: ClinicStore | null = null
  try {
    target = await openStore({ location: options.to })
    const into = target
    const identity = await identityOfStore(source)
    const report: MoveReport = {
      from: fromName,
      to: toName,
      databaseId: identity.databaseId,
      clinicName: identity.clinicName,
      tables: [],
      idSequencesDiffering: [],
      auditEntryId: null,
      matches: false,
    }
    const sourceFigures = new Map<string, { rows: number; checksum: string }>()
    const nextIds = new Map<string, number>()
    const rebuilt = new Map<string, number>()

    await readSnapshot(source, (src) =>
      into.transaction(async (tx) => {
        // Checked again under the target's write lock: no desk wrote into it since.
        const filled = await firstFilledTable(tx, tables, fresh)
        if (filled) throw new MoveRefused(coded('move_target_not_empty', { database: toName, ...filled }))
        for (const table of tables) {
          const sum = new TableSum(table)
          if (table.triggerKept) {
            // Rebuilt by the target's triggers from the rows copied before; compared page by page (the target's
            // rows of the same key range), then given the source's exact values.
            let differing = 0
            let after: unknown = undefined
            for await (const page of pagesOf(src, table)) {
              const last = page[page.length - 1][table.primaryKey.index]
              differing += rebuiltDiffering(table, page, await rowsUpTo(tx, table, after, last))
              sum.add(page)
              await insertRows(tx, table, page, true)
              after = last
            }
            // Rows the triggers built beyond the source's last key: none in the source.
            for await (const page of pagesOf(tx, table, after)) differing += page.length
            rebuilt.set(table.name, differing)
          } else {
            const update = (fresh.get(table.name) ?? 0) > 0
            for await (const page of pagesOf(src, table)) {
              sum.add(page)
              await insertRows(tx, table, page, update)
            }
          }
          sourceFigures.set(table.name, { rows: sum.rows, checksum: sum.digest() })
          if (table.generatedId) {
            const next = await firstFreeId(src, withId(src, table))
            nextIds.set(table.name, next)
            await idsUsedUpTo(tx, withId(tx, table), next - 1)
          }
        }
        await options.hooks?.beforeVerifying?.(tx)
        report.tables = await compared(tx, tables, sourceFigures, rebuilt)
        for (const table of tables) {
          if (table.generatedId && (await firstFreeId(tx, withId(tx, table))) !== nextIds.get(table.name)) report.idSequencesDiffering.push(table.name)
        }
        const differing = [...report.tables.filter((t) => !t.matches).map((t) => t.table), ...report.idSequencesDiffering.map((t) => `${t} ids`)]
        if (differing.length) throw new MoveMismatch(coded('move_figures_differ', { tables: differing.join(', ') }), report, false)
        report.auditEntryId = await insertAudit(tx, {
          tableName: 'database',
          recordId: 0,
          action: 'create',
          before: { movedFrom: fromName, databaseId: identity.databaseId, clinicName: identity.clinicName },
          after: { movedTo: toName, tables: report.tables.length, rows: report.tables.reduce((n, t) => n + t.targetRows, 0) },
          reason: `moved from ${fromName}`,
          actor: options.actor,
        })
      }),
    )

    await options.hooks?.afterCommit?.(into)
    // Read back after the commit, the move's own audit entry left out.
    const auditLog = getTableName(schema.auditLog)
    report.tables = await compared(into.db, tables, sourceFigures, rebuilt, (t) => (t.name === auditLog ? report.auditEntryId : undefined))
    report.matches = report.tables.every((t) => t.matches)
    if (!report.matches) {
      const differing = report.tables.filter((t) => !t.matches).map((t) => t.table)
      throw new MoveMismatch(coded('move_figures_differ_after_commit', { database: toName, tables: differing.join(', ') }), report, true)
    }
    return report
  } finally {
    await source.close()
    await target?.close()
  }
}

async function compared(
  db: ClinicDb,
  tables: TableInfo[],
  sourceFigures: Map<string, { rows: number; checksum: string }>,
  rebuilt: Map<string, number>,
  skipKeyOf: (table: TableInfo) => unknown = () => undefined,
): Promise<TableFigures[]> {
  const result: TableFigures[] = []
  for (const table of tables) {
    const source = sourceFigures.get(table.name) ?? { rows: 0, checksum: '' }
    const target = await figuresOf(db, table, skipKeyOf(table) ?? undefined)
    result.push({
      table: table.name,
      sourceRows: source.rows,
      targetRows: target.rows,
      sourceChecksum: source.checksum,
      targetChecksum: target.checksum,
      rebuiltByTriggers: table.triggerKept,
      rebuiltRowsDiffering: rebuilt.get(table.name) ?? 0,
      matches: source.rows === target.rows && source.checksum === target.checksum && !rebuilt.get(table.name),
    })
  }
  return result
}
