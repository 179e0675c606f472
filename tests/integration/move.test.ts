import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { onDatabase } from './factories'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../db/dialect'
import { acquireWriterLock, lockFileFor } from '../../db/lock'
import { MoveMismatch, moveClinic, MoveRefused, type MoveReport } from '../../electron/clinic/moveClinic'
import { DatabaseInUse, takeWriterLock } from '../../electron/clinic/open'
import { runBuilt, type Run } from './processes'
// @ts-expect-error: a plain ES module without types (also run from the shell by .ci/run)
import { startCluster, stopCluster } from '../pg-cluster.mjs'

/*
 * `backstride move` between a real SQLite file and a real database on a PostgreSQL cluster (the one
 * BACKSTRIDE_TEST_PG_URL names, else a throwaway one started here: this file needs both stores at
 * once, so it runs in the sqlite project only; without PostgreSQL's binaries it fails, it does not skip).
 * Expected figures come from elsewhere than the move: the tables from SQLite's own catalogue, the
 * outputs of `stats --json` and of every export, byte for byte.
 * Checked to fail: with the comparison in moveClinic reduced to row counts, "a row changed in the
 * target during the move" fails (the move commits); with both emptiness checks removed, "refuses a
 * server database that holds a clinic" fails (the move then stops on a duplicate key, not on the refusal).
 */

let cluster: { url: string; dir: string } | null = null
let serverUrl = ''
const databases: string[] = []
const work = mkdtempSync(join(tmpdir(), 'backstride-move-'))

beforeAll(async () => {
  const given = process.env.BACKSTRIDE_TEST_PG_URL
  if (!given) cluster = (await startCluster()) as { url: string; dir: string }
  serverUrl = (given ?? cluster!.url).replace(/\/+$/, '')
}, 120_000)

afterAll(async () => {
  if (serverUrl) await onAdmin(async (admin) => { for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`) })
  if (cluster) stopCluster(cluster.dir)
  rmSync(work, { recursive: true, force: true })
}, 60_000)

const onAdmin = <T>(fn: (client: pg.Client) => Promise<T>) => onDatabase(`${serverUrl}/postgres`, fn)

/** A new, empty database on the cluster (as a server's administrator creates one); its URL. */
async function newServerDatabase(): Promise<string> {
  const name = `move_${process.pid}_${randomBytes(5).toString('hex')}`
  await onAdmin((admin) => admin.query(`create database ${name}`))
  databases.push(name)
  return `${serverUrl}/${name}`
}


const LONG = { timeoutMs: 120_000 }

function ok(run: Run): Run {
  expect(run.code, `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0)
  return run
}

const demo = (db: string) => runBuilt('demo', ['--patients', '84', '--seed', '1', '--db', db], LONG).then(ok)
const move = (from: string, to: string, json = true) => runBuilt('cli', ['move', '--from', from, '--to', to, ...(json ? ['--json'] : [])], LONG)
const stats = async (db: string, includeDemo: boolean) => ok(await runBuilt('cli', ['stats', '--json', '--db', db, ...(includeDemo ? ['--include-demo'] : [])], LONG)).stdout

/**
 * Every export of the clinic (CSV long, wide, sessions, doses, adverse events, dictionary; register; FHIR),
 * file name → SHA-256 of its bytes; the FHIR bundle's without its own time of export.
 */
async function exportsOf(db: string, folder: string): Promise<Record<string, string>> {
  for (const kind of ['csv', 'patients', 'fhir']) ok(await runBuilt('cli', ['export', kind, '--out', folder, '--include-demo', '--db', db], LONG))
  const content = (name: string) => {
    const bytes = readFileSync(join(folder, name))
    if (!name.endsWith('.json')) return bytes
    const { timestamp, ...bundle } = JSON.parse(bytes.toString('utf8')) as { timestamp: string }
    expect(Number.isNaN(Date.parse(timestamp))).toBe(false)
    return JSON.stringify(bundle)
  }
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, createHash('sha256').update(content(name)).digest('hex')]))
}

/**
 * The clinic's tables as SQLite's catalogue lists them (not the move's own list), but for the patient
 * search's indexes (FTS5 tables and their shadow tables, migrations 0014 and 0015): each store builds its
 * own indexes from the patients it receives (checked after the move back).
 */
function tablesInFile(file: string): string[] {
  const sqlite = new Database(file, { readonly: true })
  try {
    return (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[])
      .map((r) => r.name)
      .filter((name) => !['patients_search', 'patients_words'].some((index) => name === index || name.startsWith(`${index}_`)))
      .sort()
  } finally {
    sqlite.close()
  }
}

function fileRow<T>(file: string, query: string): T {
  const sqlite = new Database(file, { readonly: true })
  try {
    return sqlite.prepare(query).get() as T
  } finally {
    sqlite.close()
  }
}

describe('moving a clinic between a file and a server', () => {
  it('the demo clinic goes file → server → file with every table, the same stats and the same exports', async () => {
    const first = join(work, 'first.sqlite')
    const back = join(work, 'back.sqlite')
    await demo(first)
    const server = await newServerDatabase()

    const there = ok(await move(first, server))
    const report = JSON.parse(there.stdout) as MoveReport
    expect(report.tables.map((t) => t.table).sort()).toEqual(tablesInFile(first))
    expect(report.tables.filter((t) => !t.matches)).toEqual([])
    expect(report.idSequencesDiffering).toEqual([])
    const sessions = fileRow<{ n: number }>(first, 'select count(*) as n from sessions').n
    expect(report.tables.find((t) => t.table === 'sessions')?.targetRows).toBe(sessions)
    expect(report.tables.find((t) => t.table === 'session_doses')).toMatchObject({ rebuiltByTriggers: true, rebuiltRowsDiffering: 0 })

    // The same clinic (identity), the move in its audit trail, and ids continuing above the copied ones.
    const databaseId = fileRow<{ value: string }>(first, "select value from settings where key = 'database_id'").value
    await onDatabase(server, async (client) => {
      expect((await client.query("select value::text as value from settings where key = 'database_id'")).rows[0].value).toBe(databaseId)
      const audit = await client.query("select reason, table_name from audit_log where table_name = 'database'")
      expect(audit.rows).toEqual([{ reason: `moved from ${first}`, table_name: 'database' }])
      // The server's own word-start index of the patient search, filled by its triggers from the patients copied in.
      const demoPatients = fileRow<{ n: number }>(first, "select count(*) as n from patients where clinic_id like 'DEMO-%'").n
      const starting = await client.query("select count(distinct patient_id)::int as n from patient_word_starts where word_start = 'de'")
      expect(starting.rows[0].n).toBeGreaterThanOrEqual(demoPatients)
      const maxSession = fileRow<{ n: number }>(first, 'select max(id) as n from sessions').n
      const next = await client.query<{ id: number }>("insert into sessions (enrollment_id, session_date, kind, week, attended) select enrollment_id, session_date, kind, week, 0 from sessions limit 1 returning id")
      expect(next.rows[0].id).toBe(maxSession + 1)
      await client.query('delete from sessions where id = $1', [next.rows[0].id])
    })

    const home = JSON.parse(ok(await move(server, back)).stdout) as MoveReport
    expect(home.tables.filter((t) => !t.matches)).toEqual([])
    // The file the clinic came back into has its search index, filled by its triggers from the patients copied in.
    const demoPatients = fileRow<{ n: number }>(back, "select count(*) as n from patients where clinic_id like 'DEMO-%'").n
    expect(demoPatients).toBeGreaterThan(0)
    expect(fileRow<{ n: number }>(back, `select count(*) as n from patients_search where patients_search match '"demo-"'`).n).toBe(demoPatients)
    expect(fileRow<{ n: number }>(back, `select count(*) as n from patients_words where patients_words match '"de"*'`).n).toBeGreaterThanOrEqual(demoPatients)

    for (const includeDemo of [true, false]) {
      const expected = await stats(first, includeDemo)
      expect(await stats(server, includeDemo)).toBe(expected)
      expect(await stats(back, includeDemo)).toBe(expected)
    }
    const expectedFiles = await exportsOf(first, join(work, 'exports-first'))
    expect(Object.keys(expectedFiles)).toHaveLength(8)
    expect(await exportsOf(server, join(work, 'exports-server'))).toEqual(expectedFiles)
    expect(await exportsOf(back, join(work, 'exports-back'))).toEqual(expectedFiles)
  }, 300_000)

  it('npm run demo into a file and into a server database gives the same stats --json, number for number', async () => {
    const file = join(work, 'demo-file.sqlite')
    const server = await newServerDatabase()
    await demo(file)
    await demo(server)
    for (const includeDemo of [true, false]) expect(await stats(server, includeDemo)).toBe(await stats(file, includeDemo))
    expect(JSON.parse(await stats(file, true)).patients).toBe(84)
  }, 300_000)

  it('refuses a server database that holds a clinic, and writes nothing into it', async () => {
    const source = join(work, 'refuse-source.sqlite')
    await demo(source)
    const server = await newServerDatabase()
    await demo(server)
    const counts = (url: string) =>
      onDatabase(url, async (client) => {
        const { rows } = await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")
        const result: Record<string, number> = {}
        for (const { name } of rows) result[name] = Number((await client.query(`select count(*) as n from "${name}"`)).rows[0].n)
        return result
      })
    const before = await counts(server)
    const run = await move(source, server, false)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`The clinic is moved only into an empty database: ${server} holds data`)
    expect(await counts(server)).toEqual(before)
  }, 300_000)

  it('refuses an existing file, the same place twice, and a source of another schema version, changing none of them', async () => {
    const source = join(work, 'refusals.sqlite')
    await demo(source)
    const bytes = () => createHash('sha256').update(readFileSync(source)).digest('hex')
    const original = bytes()

    const existing = await move(join(work, 'first.sqlite'), source, false)
    expect(existing.code).toBe(1)
    expect(existing.stderr).toContain(`${source} exists already`)
    const same = await move(source, join(work, '.', 'refusals.sqlite'), false)
    expect(same.code).toBe(1)
    expect(same.stderr).toContain('cannot be moved onto itself')
    expect(bytes()).toBe(original)

    // A file written by a newer version: one migration more than this version knows.
    const sqlite = new Database(source)
    const known = (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
    sqlite.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-a-newer-version', Date.now() + 1e9)
    sqlite.close()
    const target = join(work, 'never.sqlite')
    const newer = await move(source, target, false)
    expect(newer.code).toBe(1)
    expect(newer.stderr).toContain(`has ${known + 1} schema migrations, this version of Backstride has ${known}`)
    expect(existsSync(target)).toBe(false)
  }, 300_000)

  it('a row changed in the target during the move is found: the move is undone and the server database left without data', async () => {
    const source = join(work, 'tamper-source.sqlite')
    await demo(source)
    const server = await newServerDatabase()
    const error = await moveClinic({
      from: source,
      to: server,
      actor: 'test',
      hooks: { beforeVerifying: (tx) => run(tx, sql`update patients set first_name = 'Changed' where id = (select min(id) from patients)`) },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MoveMismatch)
    expect((error as MoveMismatch).committed).toBe(false)
    expect((error as MoveMismatch).report.tables.filter((t) => !t.matches).map((t) => t.table)).toEqual(['patients'])
    await onDatabase(server, async (client) => expect(Number((await client.query('select count(*) as n from patients')).rows[0].n)).toBe(0))
    // Refused or undone, the target is still an empty database: the move goes through afterwards.
    ok(await move(source, server))
  }, 300_000)

  it('a row changed after the commit is found on reading back, and said loudly', async () => {
    const source = join(work, 'after-source.sqlite')
    await demo(source)
    const target = join(work, 'after-target.sqlite')
    const error = await moveClinic({
      from: source,
      to: target,
      actor: 'test',
      hooks: {
        afterCommit: async (store) => {
          if (store.kind !== 'sqlite') throw new Error('expected a file')
          store.sqlite.prepare('update sessions set notes = ? where id = (select max(id) from sessions)').run('changed after the commit')
        },
      },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MoveMismatch)
    expect((error as MoveMismatch).committed).toBe(true)
    expect((error as MoveMismatch).message).toContain('Do not use that copy')
  }, 300_000)

  /*
   * Checked to fail: with the target's lock left out of moveClinic, the second writer on the new file is let in
   * (the first expectation fails); with the source's left out, the same for the source.
   */
  it('holds the writer lock of both files while moving: no desk opens the new file half-written, nor writes the source meanwhile', async () => {
    const source = join(work, 'locked-source.sqlite')
    ok(await runBuilt('demo', ['--patients', '8', '--seed', '2', '--db', source], LONG))
    const target = join(work, 'locked-target.sqlite')
    const refusals: unknown[] = []
    await moveClinic({
      from: source,
      to: target,
      actor: 'test',
      hooks: {
        beforeVerifying: async () => {
          // As the desktop app and browser mode take it when they open a file (electron/clinic/open.ts).
          for (const file of [target, source]) {
            try {
              takeWriterLock(file, 'Backstride (desktop app)').release()
              refusals.push(`${file} was let in`)
            } catch (error) {
              refusals.push(error)
            }
          }
        },
      },
    })
    expect(refusals).toHaveLength(2)
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(DatabaseInUse)
      expect((refusal as DatabaseInUse).said).toMatchObject({ code: 'database_in_use', params: { program: 'Backstride command line (move)', pid: process.pid } })
    }
    // Released at the end: the moved clinic opens.
    takeWriterLock(target, 'Backstride (desktop app)').release()
  }, 120_000)

  it('refuses to move a file another program has open, and creates no target', async () => {
    const source = join(work, 'open-source.sqlite')
    ok(await runBuilt('demo', ['--patients', '3', '--seed', '3', '--db', source], LONG))
    const app = acquireWriterLock(source, 'Backstride (desktop app)')
    const target = join(work, 'open-target.sqlite')
    try {
      const error = await moveClinic({ from: source, to: target, actor: 'test' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MoveRefused)
      expect((error as MoveRefused).said).toMatchObject({ code: 'database_in_use', params: { program: 'Backstride (desktop app)' } })
    } finally {
      app.release()
    }
    expect(existsSync(target)).toBe(false)
    expect(existsSync(lockFileFor(target))).toBe(false)
  }, 120_000)
})
