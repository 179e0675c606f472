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
import type { ExportFile, PatientRecord } from '../../electron/clinic/contract'
import { parse } from 'csv-parse/sync'

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

  it('upgrades an enrolled, withdrawn runner of the release before consent was asked: consent reads "not recorded", the runner waits outside the statistics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-upgrade-'))
    dirs.push(dir)
    const file = join(dir, 'clinic.sqlite')
    const sqlite = new Database(file)
    const before = journal.entries.findIndex((e) => e.tag === '0006_withdrawal_consent_adverse_events')
    expect(before).toBe(6)
    migrate(drizzle(sqlite), { migrationsFolder: earlierRelease(before) })
    sqlite.exec(`
      insert into patients (id, clinic_id, first_name, last_name, date_of_birth, sex, preferred_language) values (1, 'OLD-1', 'Olga', 'Older', '1980-01-01', 'female', 'de');
      insert into enrollments (id, patient_id, enrolled_on, withdrawn_on, withdrawal_reason) values (1, 1, '2025-06-02', '2025-07-01', 'Moved away');
      insert into running_profiles (enrollment_id, runs_per_week, weekly_distance_km, years_running) values (1, 3, 25, 5);
      insert into red_flag_screenings (id, enrollment_id, screened_on, outcome) values (1, 1, '2025-06-02', 'clear');
      insert into psfs_activities (id, enrollment_id, position, description) values (1, 1, 1, 'Run 10 km'), (2, 1, 2, 'Run downhill'), (3, 1, 3, 'Run uphill');
      insert into assessments (id, enrollment_id, time_point, assessed_on, running_pain, runability) values (1, 1, 'baseline', '2025-06-02', 6, 4);
    `)
    sqlite.close()

    const clinic = await openClinic({ file, authentication: 'none', mode: 'browser', version: 'test', automaticBackups: false })
    try {
      const columns = (table: string) => (clinic.store.sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
      expect(columns('enrollments')).toEqual(expect.arrayContaining(['withdrawal_category', 'consent_asked', 'treatment_consent_on', 'comparison_consent_withdrawn_on']))
      expect(columns('assessments')).toContain('deviation_reason')
      expect(columns('adverse_events')).toContain('severity')

      const get = await dispatch(clinic.handlers, 'patients/get', { patientId: 1 })
      if (!get.ok) throw new Error(get.error.message)
      const record = get.value as PatientRecord
      expect(record.withdrawal).toEqual({ withdrawnOn: '2025-07-01', category: null, reason: 'Moved away' })
      expect(record.consent).toEqual({
        treatment: null,
        enrolledBeforeConsentAsked: true,
        comparison: { answer: null, answeredOn: null, withdrawnOn: null },
        inComparison: false,
      })
      expect(record.assessments).toMatchObject([{ runningPain: 6, deviationReason: null }])
      const rows = async (form: string) => {
        const result = await dispatch(clinic.handlers, 'exports/csv', { form })
        if (!result.ok) throw new Error(result.error.message)
        return parse((result.value as ExportFile).content, { columns: true, bom: true }) as Record<string, string>[]
      }
      // Left out of the statistics until the comparison consent is recorded; the register keeps them.
      expect(await rows('wide')).toEqual([])
      expect((await rows('patients')).map((r) => r.clinic_id)).toEqual(['OLD-1'])
      expect(await dispatch(clinic.handlers, 'consent/answerComparison', { enrollmentId: 1, answer: 'given', answeredOn: '2025-06-02' })).toMatchObject({ ok: true })
      expect((await rows('wide')).map((r) => [r.clinic_id, r.withdrawn_on, r.withdrawal_category, r.withdrawal_reason])).toEqual([['OLD-1', '2025-07-01', '', 'Moved away']])
    } finally {
      clinic.close()
    }
  })
})
