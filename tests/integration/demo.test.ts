import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DemoCohortPresentError, writeDemoCohort } from '../../db/repositories/cohortWriter'
import { readCatalogue } from '../../db/seed'
import type { DeliveryResult, GroupComparisonResult, PatientRecord, PatientPage, ProgramVersionView } from '../../electron/clinic/contract'
import { generateCohort, programsFromCatalogue } from '../../electron/clinic/demo'
import { enrollment, tempClinic, type TempClinic } from './factories'
import { runBuilt } from './processes'

/** Row counts of every table: a refused write must leave them all unchanged. */
const rowCounts = (clinic: TempClinic): Promise<Record<string, number>> => clinic.rowCounts()

const PATIENTS = 84

let clinic: TempClinic
let programs: ProgramVersionView[]
beforeEach(async () => {
  clinic = await tempClinic()
  programs = await clinic.value<ProgramVersionView[]>('catalogue/programs')
})
afterEach(() => clinic.close())

const demoPlan = (seed = 1, patients = PATIENTS) => generateCohort({ patients, seed, programs })
const compare = (includeDemo: boolean) => clinic.value<GroupComparisonResult>('outcomes/compare', { includeDemo })
const baselineN = (result: GroupComparisonResult) =>
  (['P1', 'P2', 'P3'] as const).map((p) => result.comparison.measures.runningPain.scores[p].baseline.n)

describe('the demo cohort in a clinic database', () => {
  it("follows the database's program versions, which match the catalogue file the unit tests use", () => {
    expect(demoPlan()).toEqual(generateCohort({ patients: PATIENTS, seed: 1, programs: programsFromCatalogue(readCatalogue()) }))
  })

  it('is compared in three groups with every runner at baseline when demo data is included, and left out otherwise', async () => {
    const written = await writeDemoCohort(clinic.store, demoPlan())
    expect(written.patients).toBe(PATIENTS)

    const withDemo = await compare(true)
    expect(withDemo.patients).toBe(PATIENTS)
    expect(baselineN(withDemo).every((n) => n > 0)).toBe(true)
    expect(baselineN(withDemo).reduce((a, b) => a + b, 0)).toBe(PATIENTS)
    const week8 = withDemo.comparison.measures.runningPain.followUps.week_8
    for (const program of ['P1', 'P2', 'P3'] as const) expect(week8.change[program].mean!).toBeLessThan(-1.5)

    const withoutDemo = await compare(false)
    expect(withoutDemo.patients).toBe(0)
    expect(baselineN(withoutDemo)).toEqual([0, 0, 0])
  })

  it('shows demo patients as demo in the patient list, beside real ones that are not', async () => {
    await clinic.value('patients/enroll', enrollment())
    await writeDemoCohort(clinic.store, demoPlan())
    const list = (await clinic.value<PatientPage>('patients/list', {})).rows
    expect(list).toHaveLength(PATIENTS + 1)
    expect(list.filter((p) => p.isDemo)).toHaveLength(PATIENTS)
    expect(list.filter((p) => p.clinicId.startsWith('DEMO-')).every((p) => p.isDemo)).toBe(true)
    expect(list.find((p) => p.lastName === 'Meier' && p.clinicId.startsWith('BS-'))?.isDemo).toBe(false)
    const statuses = new Set(list.filter((p) => p.isDemo).map((p) => p.status))
    expect(statuses).toEqual(new Set(['completed', 'withdrawn']))
    const info = await clinic.value<{ hasDemoData: boolean }>('app/info')
    expect(info.hasDemoData).toBe(true)
  })

  it("keeps a demo runner's full record readable through the API", async () => {
    const plan = demoPlan()
    await writeDemoCohort(clinic.store, plan)
    const list = (await clinic.value<PatientPage>('patients/list', { search: 'DEMO-0001' })).rows
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: list[0].patientId })
    const planned = plan.runners[0]
    expect(record.patient.isDemo).toBe(true)
    expect(record.sessions.filter((s) => s.kind === 'supervised')).toHaveLength(planned.sessions.length)
    // Home sessions as the home log records them: date, week, done, pain noted.
    const home = (sessions: { kind: string; sessionDate: string; week: number; attended: boolean; painBefore: number | null }[]) =>
      sessions.filter((s) => s.kind === 'home').map((s) => [s.sessionDate, s.week, s.attended, s.painBefore])
    expect(planned.homeSessions.length).toBeGreaterThan(0)
    expect(home(record.sessions)).toEqual(home(planned.homeSessions))
    expect(record.assessments.map((a) => a.timePoint)).toEqual(planned.assessments.map((a) => a.timePoint))
    expect(record.followUps.filter((f) => f.status === 'done')).toHaveLength(planned.followUps.filter((f) => f.assessment !== null).length)
    expect(record.assignment?.programCode).toBe(planned.assignment.programCode)
  })

  it('writes home sessions without exercises, so each program shows a home adherence between 0 and 100 %', async () => {
    const plan = demoPlan()
    const written = await writeDemoCohort(clinic.store, plan)
    const planned = (list: 'sessions' | 'homeSessions') => plan.runners.reduce((n, r) => n + r[list].length, 0)
    expect(written.homeSessions).toBe(planned('homeSessions'))
    expect(written.sessions).toBe(planned('sessions') + planned('homeSessions'))
    expect(await clinic.scalar("select count(*) as n from sessions where kind = 'home'")).toBe(planned('homeSessions'))
    expect(
      await clinic.scalar("select count(*) as n from session_exercises inner join sessions on sessions.id = session_exercises.session_id where sessions.kind = 'home'"),
    ).toBe(0)

    const { programs } = await clinic.value<DeliveryResult>('outcomes/fidelity', { includeDemo: true })
    expect(programs.map((p) => p.programCode)).toEqual(['P1', 'P2', 'P3'])
    for (const p of programs) {
      expect(p.homeAdherence.n, p.programCode).toBe(p.patients)
      expect(p.homeAdherence.mean!, p.programCode).toBeGreaterThan(40)
      expect(p.homeAdherence.mean!, p.programCode).toBeLessThan(90)
      expect(p.homeAdherence.mean!, p.programCode).toBeLessThan(p.supervisedAdherence.mean!)
    }
    const withoutDemo = await clinic.value<DeliveryResult>('outcomes/fidelity', { includeDemo: false })
    expect(withoutDemo.programs.every((p) => p.homeAdherence.n === 0)).toBe(true)
  })

  it('refuses a second write without replace and changes nothing', async () => {
    await writeDemoCohort(clinic.store, demoPlan())
    const before = (await rowCounts(clinic))
    await expect(writeDemoCohort(clinic.store, demoPlan(2))).rejects.toBeInstanceOf(DemoCohortPresentError)
    await expect(writeDemoCohort(clinic.store, demoPlan(2))).rejects.toThrow(/already holds a demo cohort \(84 demo patients, seed 1/)
    expect((await rowCounts(clinic))).toEqual(before)
  })

  it('replaces an earlier demo cohort in one go and leaves real patients and their records untouched', async () => {
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', enrollment())
    const real = await clinic.value<PatientRecord>('patients/get', { patientId })
    await writeDemoCohort(clinic.store, demoPlan(1))
    const written = await writeDemoCohort(clinic.store, demoPlan(2, 30), { replace: true })
    expect(written.replacedPatients).toBe(PATIENTS)

    const list = (await clinic.value<PatientPage>('patients/list', {})).rows
    expect(list.filter((p) => p.isDemo)).toHaveLength(30)
    expect(await clinic.value<PatientRecord>('patients/get', { patientId })).toEqual(real)
    const marker = (await clinic.query("select value from settings where key = 'demo_data'"))[0] as { value: string }
    expect(JSON.parse(marker.value)).toMatchObject({ seed: 2, patients: 30 })
    expect(baselineN(await compare(false))).toEqual([1, 0, 0])
  })

  it('refuses, writing nothing, when a real patient already has one of the demo clinic IDs', async () => {
    await clinic.value('patients/enroll', enrollment({ patient: { ...enrollment().patient, clinicId: 'DEMO-0005' } }))
    const before = (await rowCounts(clinic))
    await expect(writeDemoCohort(clinic.store, demoPlan())).rejects.toThrow(/DEMO-0005 is already used/)
    expect((await rowCounts(clinic))).toEqual(before)
  })
})

/**
 * Every row of every table of a database file, read-only. sqlite_sequence is left out: opening a clinic
 * (the catalogue's upsert) advances the exercises' counter at every start, demo or not.
 */
function everyRow(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true })
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name != 'sqlite_sequence' order by name").all() as { name: string }[]
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`select * from "${name}"`).all()]))
  } finally {
    db.close()
  }
}

describe('npm run demo (the built out/main/demo.js)', () => {
  it('writes the cohort, then refuses a second one with exit code 1 and writes nothing: no backup, no row changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-demo-'))
    try {
      const db = join(dir, 'clinic.sqlite')
      const first = await runBuilt('demo', ['--db', db, '--patients', '5', '--seed', '3'])
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/Demo cohort written: 5 patients/)
      const before = { files: readdirSync(dir).sort(), rows: everyRow(db) }

      const refused = await runBuilt('demo', ['--db', db, '--patients', '5', '--seed', '4'])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/already holds a demo cohort .*--replace/)
      expect(readdirSync(dir).sort()).toEqual(before.files)
      expect(existsSync(join(dir, 'backups'))).toBe(false)
      expect(everyRow(db)).toEqual(before.rows)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
