import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { catalogueFile } from '../../db/catalogue-file'
import { seedCatalogue } from '../../db/seed'
import type {
  DeliveryResult,
  GroupComparisonResult,
  HomeSheet,
  PatientAdherence,
  PatientRecord,
  Prescription,
  ProgramVersionSummary,
  ProgramVersionView,
} from '../../electron/clinic/contract'
import { enrollment, tempClinic, TEST_ACCOUNT, type TempClinic } from './factories'

/*
 * Program versions the clinic lead publishes in Settings (catalogue/publish), on a
 * real SQLite file. The old dosage is read from the catalogue file itself, the new
 * one from what the test publishes, so neither comes from the code under test.
 */

const catalogue = catalogueFile.parse(JSON.parse(readFileSync(new URL('../../resources/catalogue/catalogue.json', import.meta.url), 'utf8')))
const p1File = catalogue.programs.find((p) => p.code === 'P1')!
const squatWeek1 = p1File.exercises.find((e) => e.exercise === 'single-leg-squat')!.dosage.find((d) => d.fromWeek <= 1 && d.toWeek >= 1)!

/** The published single-leg squat of week 1: one set more and more repetitions than the file's, with a load in words. */
const NEW_WEEK_1 = {
  exerciseCode: 'single-leg-squat',
  week: 1,
  sets: squatWeek1.sets + 1,
  repsMin: 15,
  repsMax: 15,
  holdSeconds: null,
  durationSeconds: null,
  load: { en: 'Light load: 15 easy repetitions.', de: 'Leichte Last: 15 lockere Wiederholungen.' },
}
const NOTE = 'Gentler start for the spring group; more repetitions at lighter load'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const p1 = async () => (await clinic.value<ProgramVersionView[]>('catalogue/programs')).find((p) => p.code === 'P1')!
const rows = async (table: string) => ((await clinic.query(`select count(*) as n from ${table}`))[0] as { n: number }).n
const counts = () => Promise.all(['program_versions', 'program_version_exercises', 'dosages', 'audit_log'].map(rows))

async function enrollRunner(firstName: string) {
  return clinic.value<{ patientId: number; enrollmentId: number }>(
    'patients/enroll',
    enrollment({ patient: { ...enrollment().patient, firstName, lastName: `${firstName}sen` } }),
  )
}

async function publish(basedOnVersionId: number, changes: unknown[] = [NEW_WEEK_1], homeSessionsPerWeek = p1File.homeSessionsPerWeek - 1) {
  return clinic.call<{ programVersionId: number; version: number }>('catalogue/publish', { basedOnVersionId, homeSessionsPerWeek, note: NOTE, changes })
}

describe('publishing a program version', () => {
  it('gives new runners the new dosage while runners enrolled before keep theirs, on the sheet and in fidelity', async () => {
    const before = await p1()
    expect(before).toMatchObject({ version: 1, origin: 'catalogue', publication: null })
    const early = await enrollRunner('Early')

    const published = await publish(before.programVersionId)
    expect(published).toMatchObject({ ok: true, value: { version: 2 } })
    const now = await p1()
    expect(now.version).toBe(2)
    expect(now.homeSessionsPerWeek).toBe(p1File.homeSessionsPerWeek - 1)
    expect(now.publication).toMatchObject({ by: TEST_ACCOUNT.username, note: NOTE, basedOnVersion: 1 })

    const late = await enrollRunner('Late')
    const assignmentOf = async (patientId: number) => (await clinic.value<PatientRecord>('patients/get', { patientId })).assignment
    expect((await assignmentOf(early.patientId))?.programVersion).toBe(1)
    expect((await assignmentOf(late.patientId))?.programVersion).toBe(2)

    // The sheet of week 1: each runner's own version.
    const squat = (sheet: HomeSheet) => [...sheet.exercises].find((e) => e.code === 'single-leg-squat')?.dosage
    const earlySheet = await clinic.value<HomeSheet>('sheets/home', { patientId: early.patientId, week: 1, language: 'en' })
    const lateSheet = await clinic.value<HomeSheet>('sheets/home', { patientId: late.patientId, week: 1, language: 'en' })
    expect(squat(earlySheet)).toMatchObject({ sets: squatWeek1.sets, repsMin: squatWeek1.repsMin, note: squatWeek1.note })
    expect(squat(lateSheet)).toMatchObject({ sets: NEW_WEEK_1.sets, repsMin: 15, repsMax: 15, note: NEW_WEEK_1.load })
    expect(earlySheet.homeSessionsPerWeek).toBe(p1File.homeSessionsPerWeek)
    expect(lateSheet.homeSessionsPerWeek).toBe(p1File.homeSessionsPerWeek - 1)

    // The session form's prescription and fidelity's prescribed dose: both runners do the file's week-1 dose.
    const prescribedSets = async (enrollmentId: number) =>
      (await clinic.value<Prescription>('sessions/prescription', { enrollmentId, sessionDate: '2026-03-03' })).exercises.find(
        (e) => e.exerciseCode === 'single-leg-squat',
      )?.dosage.sets
    expect(await prescribedSets(early.enrollmentId)).toBe(squatWeek1.sets)
    expect(await prescribedSets(late.enrollmentId)).toBe(NEW_WEEK_1.sets)
    for (const { enrollmentId } of [early, late]) {
      await clinic.value('sessions/record', {
        enrollmentId,
        sessionDate: '2026-03-03',
        attended: true,
        painBefore: 4,
        exercises: [{ exerciseCode: 'single-leg-squat', doneSets: squatWeek1.sets, doneReps: squatWeek1.repsMin }],
      })
    }
    const fidelity = async (enrollmentId: number) => (await clinic.value<PatientAdherence>('outcomes/adherence', { enrollmentId })).fidelity
    expect(await fidelity(early.enrollmentId)).toMatchObject({ exercises: 1, asPrescribedPercent: 100 })
    expect(await fidelity(late.enrollmentId)).toMatchObject({ exercises: 1, asPrescribedPercent: 0 })
  })

  it('marks the changed numbers as published by the clinic and keeps the sources of the rest', async () => {
    const base = await p1()
    const published = await publish(base.programVersionId)
    if (!published.ok) throw new Error(published.error.message)
    const version = await clinic.value<ProgramVersionView>('catalogue/version', { programVersionId: published.value.programVersionId })
    const squat = version.exercises.find((e) => e.exercise.code === 'single-leg-squat')!
    const fileSource = squatWeek1.source as string
    expect(squat.dosageSources[0]).toEqual({ sets: 'clinic-published', reps: 'clinic-published', load: 'clinic-published' })
    expect(squat.dosageSources[1]).toEqual({ sets: fileSource, reps: fileSource, load: fileSource })
    expect(version.sources).toEqual({ ...p1File.sources, homeSessionsPerWeek: 'clinic-published' })
    // Every number of every week of the published version has a source.
    for (const entry of version.exercises) {
      entry.dosage.forEach((d, i) => {
        const sources = entry.dosageSources[i]
        expect(sources?.sets, `${entry.exercise.code} week ${d.week}`).toBeTruthy()
        if (d.repsMin !== null) expect(sources?.reps).toBeTruthy()
        if (d.holdSeconds !== null) expect(sources?.holdSeconds).toBeTruthy()
        if (d.durationSeconds !== null) expect(sources?.durationSeconds).toBeTruthy()
      })
    }
  })

  it('writes the publication into the audit trail and lists the versions with their runners', async () => {
    const base = await p1()
    await enrollRunner('Early')
    const published = await publish(base.programVersionId)
    if (!published.ok) throw new Error(published.error.message)
    const audit = (await clinic.query("select actor, action, reason, after from audit_log where table_name = 'program_versions' and record_id = ?", published.value.programVersionId)) as { actor: string; action: string; reason: string; after: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: TEST_ACCOUNT.username, action: 'create', reason: NOTE })
    expect(JSON.parse(audit[0].after)).toMatchObject({ program: 'P1', version: 2, changes: [{ exerciseCode: 'single-leg-squat', week: 1, sets: NEW_WEEK_1.sets }] })

    const versions = (await clinic.value<ProgramVersionSummary[]>('catalogue/versions')).filter((v) => v.code === 'P1')
    expect(versions.map((v) => [v.version, v.current, v.assignedRunners, v.origin])).toEqual([
      [2, true, 0, 'clinic'],
      [1, false, 1, 'catalogue'],
    ])
  })

  it('is never changed afterwards: the database refuses updates and deletes of a published version', async () => {
    const published = await publish((await p1()).programVersionId)
    if (!published.ok) throw new Error(published.error.message)
    const id = published.value.programVersionId
    await expect(clinic.query('update program_versions set home_sessions_per_week = 1 where id = ?', id)).rejects.toThrow(/never changed/)
    await expect(clinic.query('delete from program_versions where id = ?', id)).rejects.toThrow(/never deleted/)
    await expect(
      clinic.query('update dosages set sets = 9 where program_version_exercise_id in (select id from program_version_exercises where program_version_id = ?)', id),
    ).rejects.toThrow(/never changed/)
    await expect(clinic.query('delete from program_version_exercises where program_version_id = ?', id)).rejects.toThrow(/never changed/)
  })

  it('survives a restart: the catalogue file loaded at start neither replaces nor duplicates it, even when the file changed', async () => {
    const published = await publish((await p1()).programVersionId)
    if (!published.ok) throw new Error(published.error.message)
    const before = (await counts())
    await clinic.restart()
    expect((await counts())).toEqual(before)
    expect(await p1()).toMatchObject({ version: 2, origin: 'clinic', programVersionId: published.value.programVersionId })

    // A newer app ships a changed file: P1 (published by the clinic) stays, P2 gets its new version.
    const changed = structuredClone(catalogue)
    for (const program of changed.programs) program.exercises[0].dosage[0].sets += 1
    const { created, kept } = await seedCatalogue(clinic.store, changed)
    expect(kept).toEqual([{ code: 'P1', version: 2 }])
    expect(created.map((c) => c.code).sort()).toEqual(['P2', 'P3'])
    expect(await p1()).toMatchObject({ version: 2, programVersionId: published.value.programVersionId })
  })
})

describe('sources of versions loaded before sources were kept', () => {
  it('are filled in from the catalogue file at the next start, once', async () => {
    // A database of the release before: the same versions, no sources.
    await clinic.query('update dosages set source = null')
    await clinic.query('update program_versions set sources = null')
    await clinic.restart()
    const p1Now = await p1()
    expect(p1Now).toMatchObject({ version: 1, sources: p1File.sources })
    const squat = p1Now.exercises.find((e) => e.exercise.code === 'single-leg-squat')!
    expect(squat.dosageSources[0]).toEqual({ sets: squatWeek1.source, reps: squatWeek1.source, load: squatWeek1.source })
    expect(await clinic.scalar('select count(*) as n from dosages where source is null')).toBe(0)
    expect(await rows('program_versions')).toBe(3)
  })
})

describe('refusing a publication', () => {
  it('refuses with a message code and writes nothing', async () => {
    const base = await p1()
    const before = (await counts())
    const refusal = async (changes: unknown[], home?: number) => {
      const result = await publish(base.programVersionId, changes, home)
      expect((await counts())).toEqual(before)
      return result.ok ? null : { kind: result.error.kind, code: result.error.code, path: result.error.fields[0]?.path }
    }
    const week1AsInFile = { ...NEW_WEEK_1, sets: squatWeek1.sets, repsMin: squatWeek1.repsMin, repsMax: squatWeek1.repsMax, load: squatWeek1.note }
    expect(await refusal([week1AsInFile], p1File.homeSessionsPerWeek)).toEqual({ kind: 'rule', code: 'dosage_unchanged', path: 'changes' })
    expect(await refusal([{ ...NEW_WEEK_1, repsMin: null, repsMax: null, holdSeconds: 30 }])).toEqual({
      kind: 'rule',
      code: 'dosage_unit_changed',
      path: 'changes.0.sets',
    })
    expect(await refusal([{ ...NEW_WEEK_1, exerciseCode: 'back-extension' }])).toEqual({
      kind: 'rule',
      code: 'exercise_not_in_program',
      path: 'changes.0.exerciseCode',
    })
    expect(await refusal([NEW_WEEK_1], 7 - p1File.supervisedSessionsPerWeek + 1)).toEqual({
      kind: 'rule',
      code: 'home_sessions_too_many',
      path: 'homeSessionsPerWeek',
    })
    expect(await refusal([NEW_WEEK_1, NEW_WEEK_1])).toEqual({ kind: 'validation', code: 'dosage_week_twice', path: 'changes.1.week' })
    expect(await refusal([{ ...NEW_WEEK_1, repsMin: 16 }])).toEqual({ kind: 'validation', code: 'dosage_reps_order', path: 'changes.0.repsMax' })
    expect(await refusal([{ ...NEW_WEEK_1, load: { en: 'Light', de: '' } }])).toEqual({
      kind: 'validation',
      code: 'dosage_load_both_languages',
      path: 'changes.0.load',
    })
  })

  it('refuses a copy of a version that is no longer current (another lead published meanwhile)', async () => {
    const base = await p1()
    expect((await publish(base.programVersionId)).ok).toBe(true)
    const before = (await counts())
    const again = await publish(base.programVersionId, [{ ...NEW_WEEK_1, sets: 5 }])
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'program_version_not_current', params: { program: 'P1', version: 1, current: 2 } } })
    expect((await counts())).toEqual(before)
  })

  it('is for the clinic lead only: a therapist is refused', async () => {
    await clinic.value('users/create', { username: 'maria', displayName: 'Maria Rossi', role: 'therapist', password: '318264' })
    await clinic.value('auth/signIn', { username: 'maria', password: '318264' })
    const before = (await counts())
    const result = await publish((await p1()).programVersionId)
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'clinic_lead_only' } })
    expect((await counts())).toEqual(before)
    // Therapists still read the versions (the comparison's version filter).
    expect((await clinic.value<ProgramVersionSummary[]>('catalogue/versions')).length).toBe(3)
  })
})

describe('the comparison by program version', () => {
  it('counts only the runners on the versions chosen', async () => {
    const base = await p1()
    await enrollRunner('Early')
    const published = await publish(base.programVersionId)
    if (!published.ok) throw new Error(published.error.message)
    await enrollRunner('Late')
    await enrollRunner('Later')
    const patients = async (programVersionIds?: number[]) =>
      (await clinic.value<GroupComparisonResult>('outcomes/compare', programVersionIds ? { programVersionIds } : {})).patients
    expect(await patients()).toBe(3)
    expect(await patients([base.programVersionId])).toBe(1)
    expect(await patients([published.value.programVersionId])).toBe(2)
    const delivery = await clinic.value<DeliveryResult>('outcomes/fidelity', { programVersionIds: [base.programVersionId] })
    expect(delivery.programs.find((p) => p.programCode === 'P1')).toMatchObject({ patients: 1 })
  })
})
