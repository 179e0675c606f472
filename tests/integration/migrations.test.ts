import { fileStore } from '../../db/client'
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
import type { ExportFile, PatientPage, PatientRecord, SiteView } from '../../electron/clinic/contract'
import { enrollment } from './factories'
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
        const applied = fileStore(clinic.store).sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }
        expect(applied.n).toBe(journal.entries.length)
        expect(fileStore(clinic.store).sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(fileStore(clinic.store).sqlite.pragma('foreign_key_check')).toEqual([])
        const list = await dispatch(clinic.handlers, 'patients/list', {})
        expect(list).toMatchObject({ ok: true, value: { rows: [{ clinicId: 'OLD-1', status: 'not_enrolled' }], total: 1 } })
      } finally {
        clinic.close()
      }
    })
  }

  it('upgrades the patients of the release before the indexed search: the search index is filled from them and kept from then on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-upgrade-'))
    dirs.push(dir)
    const file = join(dir, 'clinic.sqlite')
    const sqlite = new Database(file)
    const before = journal.entries.findIndex((e) => e.tag === '0014_patient_search')
    expect(before).toBe(14)
    migrate(drizzle(sqlite), { migrationsFolder: earlierRelease(before) })
    sqlite.exec(`
      insert into patients (id, clinic_id, first_name, last_name, date_of_birth, sex, preferred_language) values
        (1, 'OLD-1', 'Jürgen', 'Müller', '1980-01-01', 'male', 'de'),
        (2, 'OLD-2', 'Anna', 'Meier', '1981-01-01', 'female', 'de'),
        (3, 'OLD-3', 'Anna', 'Meier', '1982-01-01', 'female', 'de');
    `)
    sqlite.close()

    const clinic = await openClinic({ file, authentication: 'none', mode: 'browser', version: 'test', automaticBackups: false })
    try {
      const list = async (input: object) => {
        const result = await dispatch(clinic.handlers, 'patients/list', input)
        if (!result.ok) throw new Error(result.error.message)
        return (result.value as PatientPage).rows.map((p) => p.patientId)
      }
      expect(await list({ search: 'MULL' })).toEqual([1])
      expect(await list({ search: 'anna mei' })).toEqual([2, 3])
      expect(await list({ search: 'old-3' })).toEqual([3])
      const plan = fileStore(clinic.store).sqlite.prepare(`explain query plan select rowid from patients_search where patients_search match '"mei"'`).all() as { detail: string }[]
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/)
      expect(await dispatch(clinic.handlers, 'patients/correct', { patientId: 3, lastName: 'Maier', reason: 'ID card checked' })).toMatchObject({ ok: true })
      expect(await list({ search: 'anna mei' })).toEqual([2])
      expect(await list({ search: 'anna mai' })).toEqual([3])
      expect(await list({ limit: 1, after: { lastName: 'Maier', firstName: 'Anna', patientId: 3 } })).toEqual([2])
    } finally {
      clinic.close()
    }
  })

  it('upgrades a runner of the release before leg strength and running advice: no sit-to-stand yet, the clinic default advice, and both can then be recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-upgrade-'))
    dirs.push(dir)
    const file = join(dir, 'clinic.sqlite')
    const sqlite = new Database(file)
    const before = journal.entries.findIndex((e) => e.tag === '0012_leg_strength_and_running_advice')
    expect(before).toBe(12)
    migrate(drizzle(sqlite), { migrationsFolder: earlierRelease(before) })
    sqlite.exec(`
      insert into patients (id, clinic_id, first_name, last_name, date_of_birth, sex, preferred_language) values (1, 'OLD-1', 'Olga', 'Older', '1980-01-01', 'female', 'de');
      insert into enrollments (id, patient_id, enrolled_on, consent_asked, site_id) values (1, 1, '2025-06-02', 1, 1);
      insert into running_profiles (enrollment_id, runs_per_week, weekly_distance_km, years_running) values (1, 3, 25, 5);
      insert into red_flag_screenings (id, enrollment_id, screened_on, outcome) values (1, 1, '2025-06-02', 'clear');
      insert into psfs_activities (id, enrollment_id, position, description) values (1, 1, 1, 'Run 10 km'), (2, 1, 2, 'Run downhill'), (3, 1, 3, 'Run uphill');
      insert into assessments (id, enrollment_id, time_point, assessed_on, running_pain, runability) values (1, 1, 'baseline', '2025-06-02', 6, 4);
      insert into psfs_ratings (assessment_id, activity_id, rating) values (1, 1, 3), (1, 2, 4), (1, 3, 5);
    `)
    sqlite.close()

    const clinic = await openClinic({ file, authentication: 'none', mode: 'browser', version: 'test', automaticBackups: false })
    try {
      const columns = (table: string) => (fileStore(clinic.store).sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
      expect(columns('assessments')).toContain('sit_to_stand_reps')
      expect(columns('enrollments')).toContain('running_advice')
      // The covering index of the comparison's query holds the new column too.
      const indexed = (fileStore(clinic.store).sqlite.prepare('pragma index_info(assessments_enrollment_scores)').all() as { name: string }[]).map((c) => c.name)
      expect(indexed).toEqual(['enrollment_id', 'time_point', 'running_pain', 'runability', 'voided_at', 'sit_to_stand_reps'])

      const get = async () => {
        const result = await dispatch(clinic.handlers, 'patients/get', { patientId: 1 })
        if (!result.ok) throw new Error(result.error.message)
        return result.value as PatientRecord
      }
      const record = await get()
      expect(record.runningAdvice).toEqual({ advice: 'keep_running', own: false })
      expect(record.assessments).toMatchObject([{ timePoint: 'baseline', runningPain: 6, sitToStandReps: null }])
      expect(await dispatch(clinic.handlers, 'assessments/correct', { assessmentId: 1, sitToStandReps: 13, reason: 'Test taken at baseline, entered late' })).toMatchObject({ ok: true })
      expect(await dispatch(clinic.handlers, 'enrollments/correct', { enrollmentId: 1, runningAdvice: 'pause_running', reason: 'Flare' })).toMatchObject({ ok: true })
      const after = await get()
      expect(after.assessments[0].sitToStandReps).toBe(13)
      expect(after.runningAdvice).toEqual({ advice: 'pause_running', own: true })
    } finally {
      clinic.close()
    }
  })

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
      const columns = (table: string) => (fileStore(clinic.store).sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
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

  it('upgrades a randomising single-site clinic of the release before sites: its runners get the default site, named after the clinic, and its sequences continue where they stood', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-upgrade-'))
    dirs.push(dir)
    const file = join(dir, 'clinic.sqlite')
    const sqlite = new Database(file)
    const before = journal.entries.findIndex((e) => e.tag === '0011_clinic_sites')
    expect(before).toBe(11)
    migrate(drizzle(sqlite), { migrationsFolder: earlierRelease(before) })
    // As the release before sites (migration 0010) left it: randomisation on, 4 women with pain below 6 and 1 man with
    // pain 6 or more allocated. The programs are those that release drew for this seed (computed with its
    // electron/clinic/rules/randomisation.ts): female:pain_below_6 P3 P1 P2 P1 | P2 P3 P3 P1 …, male:pain_6_or_more P2 | P2 P3 …
    const seed = '00112233445566778899aabbccddeeff'
    const earlier: [sex: string, pain: number, stratum: string, position: number, program: string][] = [
      ['female', 3, 'female:pain_below_6', 1, 'P3'],
      ['female', 4, 'female:pain_below_6', 2, 'P1'],
      ['male', 7, 'male:pain_6_or_more', 1, 'P2'],
      ['female', 2, 'female:pain_below_6', 3, 'P2'],
      ['female', 5, 'female:pain_below_6', 4, 'P1'],
    ]
    sqlite.exec(`
      insert into settings (key, value) values ('randomisation', '{"enabled":true,"switchedOnAt":"2026-01-05T08:00:00.000Z"}'),
        ('randomisation_seed', '"${seed}"'), ('clinic_details', '{"clinicName":"Physio am Park","address":null,"phone":null,"email":null,"logo":null}');
    `)
    earlier.forEach(([sex, pain, stratum, position, program], i) => {
      const id = i + 1
      sqlite.exec(`
        insert into patients (id, clinic_id, first_name, last_name, date_of_birth, sex, preferred_language) values (${id}, 'OLD-${id}', 'Old', 'Runner${id}', '1985-01-01', '${sex}', 'de');
        insert into enrollments (id, patient_id, enrolled_on, consent_asked, treatment_consent_on, comparison_consent, comparison_consent_on) values (${id}, ${id}, '2026-01-10', 1, '2026-01-10', 'given', '2026-01-10');
        insert into running_profiles (enrollment_id, runs_per_week, weekly_distance_km, years_running) values (${id}, 3, 25, 5);
        insert into red_flag_screenings (id, enrollment_id, screened_on, outcome) values (${id}, ${id}, '2026-01-10', 'clear');
        insert into assessments (enrollment_id, time_point, assessed_on, running_pain, runability) values (${id}, 'baseline', '2026-01-10', ${pain}, 4);
        insert into allocations (enrollment_id, stratum, position, program_code, allocated_at, allocated_by) values (${id}, '${stratum}', ${position}, '${program}', '2026-01-10T09:00:00.000Z', 'therapist');
      `)
    })
    sqlite.close()

    const clinic = await openClinic({ file, authentication: 'none', mode: 'browser', version: 'test', automaticBackups: false, now: () => new Date('2026-03-10T09:00:00') })
    try {
      const sites = await dispatch(clinic.handlers, 'sites/list', {})
      expect(sites).toEqual({ ok: true, value: [{ siteId: 1, code: 'MAIN', name: 'Physio am Park', active: true } satisfies SiteView] })
      expect(fileStore(clinic.store).sqlite.prepare('select id, site_id from enrollments order by id').all()).toEqual(earlier.map((_, i) => ({ id: i + 1, site_id: 1 })))
      expect(fileStore(clinic.store).sqlite.pragma('foreign_key_check')).toEqual([])

      // The next runners of each stratum take the next positions of the same sequences.
      const next: [sex: 'female' | 'male', pain: number, stratum: string, position: number, program: string][] = [
        ['female', 1, 'female:pain_below_6', 5, 'P2'],
        ['male', 9, 'male:pain_6_or_more', 2, 'P2'],
        ['female', 5, 'female:pain_below_6', 6, 'P3'],
        ['female', 0, 'female:pain_below_6', 7, 'P3'],
        ['male', 6, 'male:pain_6_or_more', 3, 'P3'],
      ]
      for (const [i, [sex, pain]] of next.entries()) {
        const base = enrollment({
          program: null,
          allocation: { startDate: '2026-03-02' },
          patient: { firstName: 'New', lastName: `Runner${i}`, dateOfBirth: '1990-02-02', sex, preferredLanguage: 'en' },
        })
        const result = await dispatch(clinic.handlers, 'patients/enroll', { ...base, baseline: { ...base.baseline, runningPain: pain } })
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true })
      }
      const allocated = fileStore(clinic.store).sqlite.prepare('select stratum, position, program_code as program from allocations where enrollment_id > 5 order by id').all()
      expect(allocated).toEqual(next.map(([, , stratum, position, program]) => ({ stratum, position, program })))
    } finally {
      clinic.close()
    }
  })
})
