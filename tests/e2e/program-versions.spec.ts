import type { Page } from '@playwright/test'
import type { HomeSheet, PatientRecord, ProgramVersionView } from '../../electron/clinic/contract'
import { test, expect, type BrowserModeClinic, E2E_ACCOUNT } from './fixtures'
import { enrollByApi } from './factories'

/*
 * The clinic lead publishes a new version of P1 through the visible Settings form:
 * copy the current version, change the single-leg squat's week 1 and the home
 * sessions a week, give the reason, publish. The runner enrolled before keeps the
 * old dosage; a runner enrolled afterwards gets the new one.
 * Set BACKSTRIDE_SHOTS to a folder to keep screenshots.
 */
const shot = async (page: Page, name: string) => {
  if (process.env.BACKSTRIDE_SHOTS) await page.screenshot({ path: `${process.env.BACKSTRIDE_SHOTS}/${name}.png`, fullPage: true })
}

async function value<T>(clinic: BrowserModeClinic, channel: Parameters<BrowserModeClinic['call']>[0], input: unknown = {}): Promise<T> {
  const result = await clinic.call<T>(channel, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const squatWeek1 = (program: ProgramVersionView) => program.exercises.find((e) => e.exercise.code === 'single-leg-squat')!.dosage[0]

test('publishes a new program version from the Settings form; runners enrolled before keep theirs', async ({ page, clinic }) => {
  const programs = await value<ProgramVersionView[]>(clinic, 'catalogue/programs')
  const p1 = programs.find((p) => p.code === 'P1')!
  const oldWeek1 = squatWeek1(p1)
  const early = await enrollByApi(clinic, { firstName: 'Erika', lastName: 'Früh' })

  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Programs and dosage' })
  await expect(section.getByRole('rowheader', { name: /Version 1/ })).toBeVisible()
  await section.getByRole('button', { name: 'Copy version 1 to change its dosage' }).click()
  const form = section.getByRole('form', { name: 'New version 2' })
  await expect(form).toBeVisible()

  await form.getByLabel('Home sessions a week').fill(String(p1.homeSessionsPerWeek - 1))
  await form.getByLabel('Exercise').selectOption({ label: 'Single-leg squat (Main part)' })
  await expect(form.getByLabel('Sets, week 1', { exact: true })).toHaveValue(String(oldWeek1.sets))
  await form.getByLabel('Sets, week 1', { exact: true }).fill(String(oldWeek1.sets + 1))
  await form.getByLabel('Repetitions, lowest, week 1', { exact: true }).fill('8')
  await form.getByLabel('Repetitions, highest, week 1', { exact: true }).fill('10')
  await expect(form.getByText('1 week changed so far')).toBeVisible()

  // Without a reason the clinic refuses, and says so at the field.
  await form.getByRole('button', { name: 'Publish version 2' }).click()
  await expect(form.getByLabel('Reason for the new version')).toHaveAttribute('aria-invalid', 'true')
  expect((await value<ProgramVersionView[]>(clinic, 'catalogue/programs')).find((p) => p.code === 'P1')!.version).toBe(1)

  await form.getByLabel('Reason for the new version').fill('Fewer repetitions with more control in week 1')
  await page.setViewportSize({ width: 1280, height: 800 })
  await shot(page, 'program-versions-editor')
  await form.getByRole('button', { name: 'Publish version 2' }).click()
  await expect(section.getByRole('status')).toContainText('version 2 published')
  await expect(section.getByRole('row', { name: /Version 2/ })).toContainText(`Published by ${E2E_ACCOUNT.username}`)
  await expect(section.getByRole('row', { name: /Version 2/ })).toContainText('Fewer repetitions with more control in week 1')
  await shot(page, 'program-versions-published')

  const now = (await value<ProgramVersionView[]>(clinic, 'catalogue/programs')).find((p) => p.code === 'P1')!
  expect(now).toMatchObject({ version: 2, homeSessionsPerWeek: p1.homeSessionsPerWeek - 1 })
  expect(squatWeek1(now)).toMatchObject({ sets: oldWeek1.sets + 1, repsMin: 8, repsMax: 10, note: oldWeek1.note })

  const late = await enrollByApi(clinic, { firstName: 'Lena', lastName: 'Spät' })
  const record = (patientId: number) => value<PatientRecord>(clinic, 'patients/get', { patientId })
  expect((await record(early.patientId)).assignment?.programVersion).toBe(1)
  expect((await record(late.patientId)).assignment?.programVersion).toBe(2)
  const sheetSquat = async (patientId: number) =>
    (await value<HomeSheet>(clinic, 'sheets/home', { patientId, week: 1, language: 'en' })).exercises.find((e) => e.code === 'single-leg-squat')!.dosage
  expect(await sheetSquat(early.patientId)).toMatchObject({ sets: oldWeek1.sets, repsMin: oldWeek1.repsMin })
  expect(await sheetSquat(late.patientId)).toMatchObject({ sets: oldWeek1.sets + 1, repsMin: 8, repsMax: 10 })
})
