import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { is, type SQL } from 'drizzle-orm'
import { getTableConfig as pgConfig, PgDialect, PgTable, type PgColumn } from 'drizzle-orm/pg-core'
import { getTableConfig as sqliteConfig, SQLiteSyncDialect, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as pgSchema from '../../db/pg/schema'
import * as sqliteSchema from '../../db/schema'

/*
 * The PostgreSQL schema (db/pg/schema.ts, migrations in db/migrations-pg) is kept in step with the
 * SQLite one (db/schema.ts, db/migrations): the same tables, columns (name, TypeScript key, null or not,
 * default or not, type family, allowed values), primary and foreign keys, unique constraints and
 * indexes (columns, unique, partial condition), and the same hand-written views and trigger-kept
 * tables. A change to one schema without the other fails here.
 */

/** The storage families the two schemas map onto each other (docs/stores.md). */
const SQLITE_FAMILY: Record<string, string> = {
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'flag',
  SQLiteText: 'text',
  SQLiteTextJson: 'json',
  SQLiteReal: 'real',
}
const PG_FAMILY: Record<string, string> = { PgInteger: 'integer', PgText: 'text', PgJson: 'json', PgDoublePrecision: 'real' }

type AnyColumn = SQLiteColumn | PgColumn

function family(column: AnyColumn): string {
  if (column.columnType === 'PgCustomColumn') return column.getSQLType() === 'integer' ? 'flag' : `custom ${column.getSQLType()}`
  return (column.columnType.startsWith('Pg') ? PG_FAMILY : SQLITE_FAMILY)[column.columnType] ?? `unmapped ${column.columnType}`
}

interface Described {
  name: string
  columns: Record<string, { key: string; notNull: boolean; hasDefault: boolean; autoIncrement: boolean; family: string; enumValues: string[] | null; primary: boolean }>
  primaryKeys: string[][]
  foreignKeys: string[]
  uniqueColumns: string[]
  indexes: string[]
}

function describeTable(
  table: SQLiteTable | PgTable,
  key: (column: AnyColumn) => string,
  render: (where: SQL) => string,
): Described {
  const config = is(table, PgTable) ? pgConfig(table) : sqliteConfig(table as SQLiteTable)
  const columns: Described['columns'] = {}
  for (const column of config.columns as AnyColumn[]) {
    columns[column.name] = {
      key: key(column),
      notNull: column.notNull,
      // SQLite's integer primary key is the rowid: an insert may leave it out even without AUTOINCREMENT
      // (only the trigger-kept tables have such a key; their rows are written by the triggers alone).
      hasDefault: column.hasDefault || (column.primary && family(column) === 'integer'),
      // Ids never reused: AUTOINCREMENT on SQLite, an identity column on PostgreSQL.
      autoIncrement: 'autoIncrement' in column ? column.autoIncrement === true : 'generatedIdentity' in column && column.generatedIdentity !== undefined,
      family: family(column),
      enumValues: column.enumValues ?? null,
      primary: column.primary,
    }
  }
  return {
    name: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference()
        const foreignTable = is(ref.foreignTable, PgTable) ? pgConfig(ref.foreignTable).name : sqliteConfig(ref.foreignTable as SQLiteTable).name
        return `${ref.columns.map((c) => c.name).join(',')} -> ${foreignTable}(${ref.foreignColumns.map((c) => c.name).join(',')}) on delete ${fk.onDelete ?? 'no action'}`
      })
      .sort(),
    uniqueColumns: [
      ...(config.columns as AnyColumn[]).filter((c) => c.isUnique).map((c) => c.name),
      ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name).join(',')),
    ].sort(),
    indexes: config.indexes
      .map((i) => {
        const c = i.config
        const on = c.columns.map((col) => ('name' in col ? col.name : '?')).join(',')
        return `${c.name}${c.unique ? ' unique' : ''} on (${on})${c.where ? ` where ${render(c.where)}` : ''}`
      })
      .sort(),
  }
}

function describeSchema(schema: Record<string, unknown>, dialect: 'sqlite' | 'pg'): Record<string, Described> {
  const sqliteDialect = new SQLiteSyncDialect()
  const pgDialect = new PgDialect()
  const tables: Record<string, Described> = {}
  for (const [exportName, value] of Object.entries(schema)) {
    if (!(is(value, SQLiteTable) || is(value, PgTable))) continue
    const columnKeys = new Map(Object.entries(value as unknown as Record<string, AnyColumn>).map(([k, c]) => [c, k]))
    const render = (where: SQL) => (dialect === 'pg' ? pgDialect.sqlToQuery(where).sql : sqliteDialect.sqlToQuery(where).sql)
    tables[exportName] = describeTable(value as SQLiteTable | PgTable, (column) => columnKeys.get(column) ?? '?', render)
  }
  return tables
}

/** Views and the triggers' names as the migrations leave them (created, minus dropped). */
function viewsAndTriggers(folder: string) {
  const views = new Set<string>()
  const triggers = new Set<string>()
  const files = readdirSync(folder).filter((f) => f.endsWith('.sql')).sort()
  for (const file of files) {
    const text = readFileSync(join(folder, file), 'utf8')
    for (const m of text.matchAll(/\b(CREATE|DROP) (VIEW|TRIGGER) [`"](\w+)[`"]/g)) {
      const set = m[2] === 'VIEW' ? views : triggers
      if (m[1] === 'CREATE') set.add(m[3])
      else set.delete(m[3])
    }
  }
  return { views: [...views].sort(), triggers: [...triggers].sort() }
}

describe('the PostgreSQL schema is kept in step with the SQLite one', () => {
  const sqlite = describeSchema(sqliteSchema, 'sqlite')
  const pg = describeSchema(pgSchema, 'pg')

  it('has the same tables under the same names', () => {
    expect(Object.keys(sqlite).length).toBeGreaterThan(20)
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort())
    for (const name of Object.keys(sqlite)) expect(pg[name].name, name).toBe(sqlite[name].name)
  })

  it.each(Object.keys(sqlite))('%s: same columns, keys, unique constraints and indexes', (name) => {
    expect(pg[name]).toEqual(sqlite[name])
  })

  it('has the same views and triggers, written by hand into its migrations', () => {
    const fromSqlite = viewsAndTriggers(join(__dirname, '..', '..', 'db', 'migrations'))
    const fromPg = viewsAndTriggers(join(__dirname, '..', '..', 'db', 'migrations-pg'))
    expect(fromSqlite.views).toEqual(['scheduled_scores', 'session_dose_totals', 'supervised_attendance_counts'])
    // SQLite's search indexes are tables of their own that these triggers keep; PostgreSQL's trigram index is an
    // index on patients, its word starts a table its own triggers keep (a patient's delete empties it by its foreign key).
    const keepSqliteSearch = ['patients_search', 'patients_words'].flatMap((table) => ['delete', 'insert', 'update'].map((event) => `${table}_after_${event}`))
    const keepPgSearch = ['patient_word_starts_after_insert', 'patient_word_starts_after_update']
    expect(fromSqlite.triggers).toEqual(expect.arrayContaining(keepSqliteSearch))
    expect(fromPg).toEqual({ ...fromSqlite, triggers: [...fromSqlite.triggers.filter((t) => !keepSqliteSearch.includes(t)), ...keepPgSearch].sort() })
  })

  it('keeps enrollment_scores from the same view on both stores', () => {
    const view = (folder: string, file: string) => {
      const text = readFileSync(join(__dirname, '..', '..', 'db', folder, file), 'utf8')
      return text.slice(text.indexOf('CREATE VIEW'), text.indexOf('GROUP BY')).replaceAll('`', '"')
    }
    const sqlite = view('migrations', '0016_enrollment_scores.sql')
    expect(sqlite).toContain('"scheduled_scores"')
    expect(view('migrations-pg', '0005_enrollment_scores.sql')).toBe(sqlite)
  })

  it('serves the patient search from a trigram index and a word-start index on each store, over the same names', () => {
    const text = (folder: string) =>
      readdirSync(join(__dirname, '..', '..', 'db', folder))
        .filter((f) => f.endsWith('.sql'))
        .map((f) => readFileSync(join(__dirname, '..', '..', 'db', folder, f), 'utf8'))
        .join('\n')
    const names = (column: (name: string) => string) =>
      ['first_name', 'last_name', 'last_name', 'first_name', 'clinic_id'].map(column).join(" || ' ' || ")
    const sqlite = text('migrations')
    expect(sqlite).toContain("CREATE VIRTUAL TABLE `patients_search` USING fts5(`names`, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1')")
    expect(sqlite).toContain(`SELECT \`id\`, ${names((c) => `\`${c}\``)} FROM \`patients\``)
    expect(sqlite).toContain("CREATE VIRTUAL TABLE `patients_words` USING fts5(`names`, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2')")
    expect(sqlite.split(`SELECT \`id\`, ${names((c) => `\`${c}\``)} FROM \`patients\``)).toHaveLength(3) // each table filled once
    expect(sqlite.split(`VALUES (NEW.\`id\`, ${names((c) => `NEW.\`${c}\``)})`)).toHaveLength(5) // each table after insert and after update
    const pg = text('migrations-pg')
    expect(pg).toContain(`CREATE INDEX "patients_search" ON "patients" USING gin (\n  patient_search_fold(${names((c) => `"${c}"`)}) gin_trgm_ops\n)`)
    expect(pg).toContain(`SELECT "id", patient_search_word_starts(${names((c) => `"${c}"`)}) FROM "patients"`)
    expect(pg).toContain(`SELECT NEW.id, patient_search_word_starts(${names((c) => `NEW.${c}`)})`)
  })
})
