import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrationsFolder } from '../../db/paths'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic } from '../../electron/clinic/open'

interface Journal {
  entries: { idx: number; tag: string }[]
}
const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal
const snapshots = readdirSync(join(migrationsFolder(), 'meta'))
  .filter((f) => f.endsWith('_snapshot.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(migrationsFolder(), 'meta', f), 'utf8')) as { tables: Record<string, { columns: Record<string, unknown> }> })

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A migrations folder holding only the first `count` migrations: the schema of an earlier release. */
function earlierRelease(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'backstride-migrations-'))
  dirs.push(dir)
  cpSync(migrationsFolder(), dir, { recursive: true })
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }))
  return dir
}

describe('migrations', () => {
  it('never drop a table or a column that held patient records (additive-only schema)', () => {
    expect(snapshots.length).toBe(journal.entries.length)
    for (let i = 1; i < snapshots.length; i++) {
      for (const [table, { columns }] of Object.entries(snapshots[i - 1].tables)) {
        expect(snapshots[i].tables[table], `table ${table} dropped by ${journal.entries[i].tag}`).toBeDefined()
        for (const column of Object.keys(columns)) {
          expect(snapshots[i].tables[table].columns[column], `${table}.${column} dropped by ${journal.entries[i].tag}`).toBeDefined()
        }
      }
    }
  })

  for (let release = 1; release < journal.entries.length; release++) {
    it(`upgrade a database of the release with ${release} migration(s), keeping its records`, async () => {
      // The file as the earlier release left it, with a record in it; then this version opens it.
      const dir = mkdtempSync(join(tmpdir(), 'backstride-upgrade-'))
      dirs.push(dir)
      const file = join(dir, 'clinic.sqlite')
      const sqlite = new Database(file)
      migrate(drizzle(sqlite), { migrationsFolder: earlierRelease(release) })
      sqlite
        .prepare(
          "insert into patients (clinic_id, first_name, last_name, date_of_birth, sex, preferred_language) values ('OLD-1', 'Olga', 'Older', '1980-01-01', 'female', 'de')",
        )
        .run()
      sqlite.close()

      const clinic = await openClinic({ file, authentication: 'none', mode: 'browser', version: 'test', automaticBackups: false })
      try {
        const applied = clinic.store.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }
        expect(applied.n).toBe(journal.entries.length)
        expect(clinic.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(clinic.store.sqlite.pragma('foreign_key_check')).toEqual([])
        const list = await dispatch(clinic.handlers, 'patients/list', {})
        expect(list).toMatchObject({ ok: true, value: [{ clinicId: 'OLD-1', status: 'not_enrolled' }] })
      } finally {
        clinic.close()
      }
    })
  }
})
