import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HomeSheet } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

/** The catalogue file read directly, to check the sheets against the clinic's own dosage tables. */
const catalogue = JSON.parse(
  readFileSync(new URL('../../resources/catalogue/catalogue.json', import.meta.url), 'utf8'),
) as {
  exercises: { code: string; setting: string; name: { en: string; de: string } }[]
  programs: { code: string; exercises: { exercise: string; optional?: boolean; dosage: { fromWeek: number; toWeek: number; sets: number; repsMin?: number | null; repsMax?: number | null; holdSeconds?: number | null; durationSeconds?: number | null }[] }[] }[]
}

function expectedDosage(program: string, exercise: string, week: number) {
  const entry = catalogue.programs.find((p) => p.code === program)!.exercises.find((e) => e.exercise === exercise)!
  const range = entry.dosage.find((d) => d.fromWeek <= week && week <= d.toWeek)!
  return {
    sets: range.sets,
    repsMin: range.repsMin ?? null,
    repsMax: range.repsMax ?? null,
    holdSeconds: range.holdSeconds ?? null,
    durationSeconds: range.durationSeconds ?? null,
  }
}

let clinic: TempClinic
const patientIds: Record<string, number> = {}
beforeAll(async () => {
  clinic = await tempClinic()
  for (const code of ['P1', 'P2', 'P3'] as const) {
    const input = enrollment({
      program: { programCode: code, startDate: '2026-03-02', optionalExercises: code === 'P1' ? ['retro-walking'] : [] },
    })
    input.patient = { ...input.patient, firstName: `Runner ${code}` }
    patientIds[code] = (await clinic.value<{ patientId: number }>('patients/enroll', input)).patientId
  }
})
afterAll(() => clinic.close())

describe('home-exercise sheet', () => {
  for (const code of ['P1', 'P2', 'P3']) {
    it(`prints the catalogue's dosage for each week 1–8 of ${code}`, async () => {
      for (let week = 1; week <= 8; week++) {
        const sheet = await clinic.value<HomeSheet>('sheets/home', { patientId: patientIds[code], week })
        expect(sheet.week).toBe(week)
        expect(sheet.exercises.length).toBeGreaterThan(0)
        for (const exercise of sheet.exercises) {
          expect(exercise.dosage).toMatchObject(expectedDosage(code, exercise.code, week))
        }
      }
    })
  }

  it('leaves out machine exercises that need the clinic, and keeps switched-on optional ones', async () => {
    const sheet = await clinic.value<HomeSheet>('sheets/home', { patientId: patientIds.P1, week: 3 })
    const clinicOnly = catalogue.exercises.filter((e) => e.setting === 'clinic').map((e) => e.code)
    expect(sheet.exercises.map((e) => e.code).filter((c) => clinicOnly.includes(c))).toEqual([])
    expect(sheet.exercises.map((e) => e.code)).toContain('retro-walking')
    expect(sheet.warmUp.length).toBeGreaterThan(0)
    expect(sheet.coolDown.map((e) => e.code)).toEqual(expect.arrayContaining(['cat-cow', 'childs-pose']))
  })

  it("is in the patient's preferred language unless another is chosen", async () => {
    const german = await clinic.value<HomeSheet>('sheets/home', { patientId: patientIds.P2, week: 1 })
    expect(german.language).toBe('de')
    expect(german.program.name).toBe('Rückenstrecker')
    const english = await clinic.value<HomeSheet>('sheets/home', { patientId: patientIds.P2, week: 1, language: 'en' })
    expect(english.program.name).toBe('Lumbar extensors')
    expect(english.exercises[0].name).not.toBe(german.exercises[0].name)
  })

  it('defaults to the current program week', async () => {
    // The test clock is 2026-03-10: day 9 of a program that started on 2026-03-02, so week 2.
    const sheet = await clinic.value<HomeSheet>('sheets/home', { patientId: patientIds.P3 })
    expect(sheet.week).toBe(2)
  })

  it('refuses week 9 and a patient without a program', async () => {
    expect(await clinic.call('sheets/home', { patientId: patientIds.P3, week: 9 })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: 'week' }] },
    })
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', enrollment({ program: null }))
    expect(await clinic.call('sheets/home', { patientId })).toMatchObject({ ok: false, error: { kind: 'rule' } })
  })

  it('prints the clinic details set in settings', async () => {
    await clinic.value('settings/updateClinic', { clinicName: 'Physio am Park', address: 'Parkstraße 1, 10115 Berlin', phone: '030 123456' })
    const sheet = await clinic.value<HomeSheet>('sheets/home', { patientId: patientIds.P1 })
    expect(sheet.clinic).toMatchObject({ clinicName: 'Physio am Park', phone: '030 123456' })
    const refused = await clinic.call('settings/updateClinic', { clinicName: '', logo: 'javascript:alert(1)' })
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } })
  })
})
