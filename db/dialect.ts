import { getTableColumns, getTableName, is, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { PgDatabase, PgDialect } from 'drizzle-orm/pg-core'
import pg from 'pg'
import type { ClinicDb } from './client'
import type { ClinicTables } from './tables'

/*
 * The few places where SQLite and PostgreSQL need different SQL, each a small helper; everything
 * else the repositories write is one neutral text for both stores (`||`, coalesce, `case when x = 1`,
 * lower(...) like ..., flags compared with 0/1). See docs/stores.md.
 */

/** Is this handle a PostgreSQL store's (or one of its transactions)? */
export function onServer(db: ClinicDb): boolean {
  return is(db, PgDatabase)
}

const pgDialect = new PgDialect()

function pgQuery(db: ClinicDb, query: SQL) {
  const { sql: text, params } = pgDialect.sqlToQuery(query)
  // A store's handle is a node-postgres Drizzle instance on the pool, a transaction's on its one connection.
  return { client: (db as unknown as { $client: pg.Pool | pg.PoolClient }).$client, text, values: params }
}

/** Runs a hand-written query; rows as objects keyed by the select list's names (quote mixed-case aliases: "enrollmentId"). */
export async function rows<T>(db: ClinicDb, query: SQL): Promise<T[]> {
  if (!onServer(db)) return db.all<T>(query)
  const { client, text, values } = pgQuery(db, query)
  return (await client.query<T & Record<string, unknown>>({ text, values })).rows
}

/** Runs a hand-written query; rows as arrays in the select list's order (no object per row; repeated names kept). */
export async function values<T extends unknown[]>(db: ClinicDb, query: SQL): Promise<T[]> {
  if (!onServer(db)) return db.values<T>(query)
  const { client, text, values: params } = pgQuery(db, query)
  return (await client.query<T>({ text, values: params, rowMode: 'array' })).rows
}

/**
 * Runs a hand-written query and hands each row, as an array in the select list's order, to onRow;
 * returns how many rows there were. On a server each row is handed on as it comes off the
 * connection and nothing is collected: 100,000 rows never wait in memory as arrays, which the
 * garbage collector would otherwise copy while the rest arrive (the comparison's 100,000 rows: 160
 * against 190 ms). An error thrown by onRow stops the rows being handed on and rejects once the
 * query has ended.
 */
export async function eachRow<T extends unknown[]>(db: ClinicDb, query: SQL, onRow: (row: T) => void): Promise<number> {
  if (!onServer(db)) {
    const rows = await values<T>(db, query)
    for (const row of rows) onRow(row)
    return rows.length
  }
  const { client, text, values: params } = pgQuery(db, query)
  // The pool lends a connection for the query; a transaction's handle already has its own.
  const connection = client instanceof pg.Pool ? await client.connect() : client
  let failed: unknown = null
  let broken: Error | undefined
  let count = 0
  try {
    await new Promise<void>((resolve, reject) => {
      const config: pg.QueryArrayConfig = { text, values: params, rowMode: 'array' }
      const submitted = new pg.Query<T>(config)
      submitted.on('row', (row: T) => {
        if (failed !== null) return
        try {
          onRow(row)
          count++
        } catch (error) {
          failed = error
        }
      })
      submitted.on('error', reject)
      submitted.on('end', () => (failed === null ? resolve() : reject(failed)))
      connection.query(submitted)
    })
  } catch (error) {
    // As the pool does after a failed query: the connection is dropped, not lent again (onRow's own errors leave it whole).
    if (error !== failed) broken = error instanceof Error ? error : new Error(String(error))
    throw error
  } finally {
    if (connection !== client) (connection as pg.PoolClient).release(broken)
  }
  return count
}

/** Whole days from one ISO date (YYYY-MM-DD, column or value) to a later one. */
export function daysBetween(db: ClinicDb, earlier: SQLWrapper | string, later: SQLWrapper | string): SQL<number> {
  return onServer(db)
    ? sql<number>`(cast(${later} as date) - cast(${earlier} as date))`
    : sql<number>`cast(julianday(${later}) - julianday(${earlier}) as integer)`
}

/**
 * The number a text column carries after a fixed prefix ('BS-' in BS-00012): `matches` picks the
 * values with a digit after the prefix, `value` reads their leading digits as a number.
 */
export function numberAfterPrefix(db: ClinicDb, column: SQLWrapper, prefix: string): { matches: SQL; value: SQL<number | null> } {
  if (/[^A-Za-z0-9-]/.test(prefix)) throw new Error(`numberAfterPrefix: letters, digits and '-' only (${prefix})`)
  return onServer(db)
    ? { matches: sql`${column} ~ ${`^${prefix}[0-9]`}`, value: sql<number | null>`cast(substring(${column} from ${`^${prefix}([0-9]+)`}) as numeric)` }
    : { matches: sql`${column} glob ${`${prefix}[0-9]*`}`, value: sql<number | null>`cast(substr(${column}, ${prefix.length + 1}) as integer)` }
}

/** The smaller of two values (SQLite's two-argument min, PostgreSQL's least), written the same on both. */
export const smaller = (a: SQLWrapper, b: SQLWrapper): SQL => sql`(case when ${a} < ${b} then ${a} else ${b} end)`

/** The larger of two values. */
export const larger = (a: SQLWrapper, b: SQLWrapper): SQL => sql`(case when ${a} > ${b} then ${a} else ${b} end)`

type TableWithId = SQLiteTable & { id: SQLiteColumn }

/**
 * The first id free for a table: above every id ever used (SQLite: sqlite_sequence, as AUTOINCREMENT
 * does; PostgreSQL: the identity column's sequence), for rows written with ids of their own.
 */
export async function firstFreeId(db: ClinicDb, table: TableWithId): Promise<number> {
  const name = getTableName(table)
  const [row] = onServer(db)
    ? await rows<{ next: number }>(
        db,
        sql`select greatest(coalesce(pg_sequence_last_value(cast(pg_get_serial_sequence(${name}, 'id') as regclass)), 0), coalesce((select max(${table.id}) from ${table}), 0)) + 1 as next`,
      )
    : await rows<{ next: number }>(
        db,
        sql`select max(
          coalesce((select seq from sqlite_sequence where name = ${name}), 0),
          coalesce((select max(${table.id}) from ${table}), 0)
        ) + 1 as next`,
      )
  return row.next
}

/**
 * After rows were written with ids of their own: the table's next generated id comes above them, and
 * above `upTo` when given (the ids another store had used, removed rows' too, so none is reused).
 * SQLite's AUTOINCREMENT follows the rows by itself (sqlite_sequence is raised to `upTo` here); a
 * PostgreSQL identity sequence is moved on here.
 */
export async function idsUsedUpTo(db: ClinicDb, table: TableWithId, upTo?: number): Promise<void> {
  const name = getTableName(table)
  if (!onServer(db)) {
    if (upTo === undefined || upTo < 1) return
    await run(db, sql`update sqlite_sequence set seq = ${upTo} where name = ${name} and seq < ${upTo}`)
    await run(db, sql`insert into sqlite_sequence (name, seq) select ${name}, ${upTo} where not exists (select 1 from sqlite_sequence where name = ${name})`)
    return
  }
  await rows(db, sql`select setval(cast(pg_get_serial_sequence(${name}, 'id') as regclass), max(${table.id})) from ${table} having max(${table.id}) is not null`)
  if (upTo !== undefined && upTo >= 1) {
    await rows(
      db,
      sql`select setval(cast(pg_get_serial_sequence(${name}, 'id') as regclass), ${upTo}) where ${upTo} > coalesce(pg_sequence_last_value(cast(pg_get_serial_sequence(${name}, 'id') as regclass)), 0)`,
    )
  }
}

/** Runs a hand-written statement that returns no rows (an insert, an update). */
export async function run(db: ClinicDb, query: SQL): Promise<void> {
  if (!onServer(db)) {
    db.run(query)
    return
  }
  const { client, text, values: params } = pgQuery(db, query)
  await client.query({ text, values: params })
}

/**
 * A text column as the key of an ordering the same on both stores: byte by byte (SQLite's BINARY,
 * PostgreSQL's "C" collation), whatever the server's own collation.
 */
export function inByteOrder(db: ClinicDb, column: SQLWrapper): SQL {
  return onServer(db) ? sql`${column} collate "C"` : sql`${column}`
}

/**
 * Writes many rows of a table on a PostgreSQL store (or transaction) in few statements: one array
 * parameter per column, `insert … select * from unnest($1::integer[], $2::text[], …)`, so a statement
 * carries 20,000 rows with as many parameters as the table has columns (a multi-row VALUES list would
 * need one per value, at most 65,535, and a long text for the server to parse). Rows given in one call
 * have the same keys. Values go through each column's own mapping (flags to 0/1, json to its text).
 */
export async function insertByColumns(db: ClinicDb, table: SQLiteTable, rowsToWrite: Record<string, unknown>[], rowsPerStatement = 20_000): Promise<void> {
  if (!onServer(db)) throw new Error('insertByColumns: for a PostgreSQL store; a SQLite file writes with prepared multi-row inserts')
  if (rowsToWrite.length === 0) return
  const columns = getTableColumns(table)
  const fields = Object.keys(rowsToWrite[0])
  const used = fields.map((field) => {
    const column = columns[field]
    if (!column) throw new Error(`insertByColumns: ${getTableName(table)} has no column ${field}`)
    return { field, column }
  })
  const text =
    `insert into "${getTableName(table)}" (${used.map(({ column }) => `"${column.name}"`).join(', ')}) ` +
    `select * from unnest(${used.map(({ column }, i) => `$${i + 1}::${column.getSQLType()}[]`).join(', ')})`
  const client = (db as unknown as { $client: pg.Pool | pg.PoolClient }).$client
  for (let start = 0; start < rowsToWrite.length; start += rowsPerStatement) {
    const part = rowsToWrite.slice(start, start + rowsPerStatement)
    const values = used.map(({ field, column }) =>
      part.map((row) => {
        const value = row[field]
        return value === null || value === undefined ? null : column.mapToDriverValue(value)
      }),
    )
    await client.query({ text, values })
  }
}

/** Searches shorter than this are looked up as the start of a word (a trigram needs three letters). */
const INDEXED_SEARCH_MIN = 3

/**
 * Whether a search is looked up as a part anywhere (three letters on), which usually finds few patients,
 * rather than as the start of a word (one or two letters), which often finds most of them.
 */
export function searchesPartAnywhere(search: string): boolean {
  return [...search.replace(/\0/g, '').replace(/\s+/g, ' ').trim()].length >= INDEXED_SEARCH_MIN
}

/**
 * The patients the search finds, undefined for an empty search; served by an index on either store,
 * both ignoring case and diacritics ("mull" and "MÜLL" find Müller):
 * - From three letters on, a part anywhere of "first last last first clinic-id" (spaces collapsed), so
 *   "anna mei", "Meier A", "eier" and "BS-0004" all match: a trigram index.
 * - One or two letters (or digits): the start of a word of a name or of the clinic ID, so "ma" finds
 *   Maier and Anna-Maria Roth (words anna, maria, roth) but not Thomas, and "00" finds BS-0004 (words bs
 *   and 0004). Words are split at anything that is not a letter or a digit (space, hyphen, apostrophe,
 *   period); the search's own such characters are left out ("O'" looks for words starting with o), and
 *   a search of none but them matches nobody.
 * Per store:
 * - SQLite: the FTS5 tables patients_search (trigram tokenizer, remove_diacritics 1; migration
 *   0014_patient_search) and patients_words (unicode61 tokenizer, remove_diacritics 2, prefix indexes of
 *   one and two letters; migration 0015_patient_word_starts), kept by triggers on every write of a patient.
 * - PostgreSQL: GIN indexes on patient_search_fold(names) (pg_trgm; migration 0002_patient_search),
 *   lower(unaccent(…)) with the search folded the same way; and the table patient_word_starts, the one-
 *   and two-letter starts of each folded word, a row per start and patient (patient_search_word_starts,
 *   kept by triggers; migration 0004_patient_word_starts), read by its index patient_word_starts_lookup.
 *   A table rather than an index over the function: the planner prices an index's recheck as the
 *   function run per row, so a search matching nearly everyone ("BS") worked out every patient's words
 *   (1.7–2 s at 100,000). Words are split there at ASCII non-letters and a few typographic marks (’ ‘ ‚ “ ” „ – — · no-break space);
 *   SQLite's tokenizer splits at every Unicode non-letter, so only a name with another Unicode
 *   punctuation mark inside a word reads differently on the two stores.
 * The condition reads the index as a set (patients.id in …, or the indexed expression itself): the list
 * decides whether to walk its name order or sort the matches (repositories/enrollments.ts patientListPage).
 */
export function patientsMatching(db: ClinicDb, patients: ClinicTables['patients'], search: string): SQL | undefined {
  // PostgreSQL text holds no NUL character (nor can a stored name): it is left out of the search on both stores.
  const needle = search.replace(/\0/g, '').replace(/\s+/g, ' ').trim()
  if (needle === '') return undefined
  const names = sql`${patients.firstName} || ' ' || ${patients.lastName} || ' ' || ${patients.lastName} || ' ' || ${patients.firstName} || ' ' || ${patients.clinicId}`
  if ([...needle].length < INDEXED_SEARCH_MIN) {
    const start = needle.replace(/[^\p{L}\p{N}]/gu, '')
    if (start === '') return sql`1 = 0`
    return onServer(db)
      ? sql`${patients.id} in (select ${sql.identifier('patient_id')} from ${sql.identifier('patient_word_starts')} where ${sql.identifier('word_start')} = patient_search_fold(${start}))`
      : sql`${patients.id} in (select ${sql.identifier('rowid')} from ${sql.identifier('patients_words')} where ${sql.identifier('patients_words')} match ${`"${start}"*`})`
  }
  if (onServer(db)) {
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    return sql`patient_search_fold(${names}) like patient_search_fold(${pattern}) escape '\\'`
  }
  const phrase = `"${needle.replaceAll('"', '""')}"`
  return sql`${patients.id} in (select ${sql.identifier('rowid')} from ${sql.identifier('patients_search')} where ${sql.identifier('patients_search')} match ${phrase})`
}
