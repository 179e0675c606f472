import type { Page } from '@playwright/test'
import type { HomeSheet, PatientRecord } from '../../electron/clinic/contract'
import { test, expect, type BrowserModeClinic } from './fixtures'
import { daysAgo, enrollByApi, enrollInput } from './factories'

/*
 * Issue 16 on the patient page, through the visible forms (labels and roles): the runner's advice on running
 * during the program changed with a reason (the history of changes shows it, the sheet prints it), and the
 * optional sit-to-stand test entered in an assessment's correction (refused outside 0–60, then listed).
 */

async function openPatient(page: Page, clinic: BrowserModeClinic, name: string) {
  await page.goto(clinic.url)
  await page.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible()
}

async function value<T>(clinic: BrowserModeClinic, channel: Parameters<BrowserModeClinic['call']>[0], input: unknown): Promise<T> {
  const result = await clinic.call<T>(channel, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

test('the therapist changes a runner’s advice on running on the patient page: shown in the runner’s language, in the history, on the sheet', async ({ page, clinic }) => {
  // A German-speaking runner; the screen stays English.
  const input = enrollInput({ firstName: 'Lena', lastName: 'Brandt', program: 'P1', enrolledOn: daysAgo(10) })
  input.patient = { ...input.patient, preferredLanguage: 'de' }
  const enrolled = await clinic.call<{ patientId: number }>('patients/enroll', input)
  if (!enrolled.ok) throw new Error(enrolled.error.message)
  const { patientId } = enrolled.value
  await openPatient(page, clinic, 'Brandt, Lena')

  const card = page.getByRole('region', { name: 'Running during the program' })
  await expect(card).toContainText('Keep running, reduced and guided by pain')
  await expect(card).toContainText('Clinic default')
  await expect(card.getByTestId('running-advice-words')).toContainText('Laufen Sie weiter, solange es die Schmerzen zulassen')

  await card.getByRole('button', { name: 'Change advice' }).click()
  const form = page.getByRole('form', { name: 'Change the advice on running during the program' })
  await form.getByLabel('Advice on running for this runner').selectOption({ label: 'Pause running; Nordic walking or swimming instead' })
  // The reason is required.
  await form.getByRole('button', { name: 'Save advice' }).click()
  await expect(form.getByLabel('Reason for the correction')).toHaveAccessibleDescription(/Enter the reason for the correction/)
  await form.getByLabel('Reason for the correction').fill('Flare after the long run')
  await form.getByRole('button', { name: 'Save advice' }).click()
  await expect(form).toHaveCount(0)
  await expect(card).toContainText('Pause running; Nordic walking or swimming instead')
  await expect(card).toContainText('Chosen for this runner')
  await expect(card.getByTestId('running-advice-words')).toContainText('Legen Sie vorerst eine Laufpause ein.')
  await expect(card.getByTestId('running-advice-words')).not.toContainText('Laufen Sie weiter')

  await page.getByText('History of changes', { exact: true }).click()
  const entry = page.getByRole('table', { name: 'History of changes' }).getByRole('row').filter({ hasText: 'Flare after the long run' })
  await expect(entry).toContainText('mara.lead')
  await expect(entry).toContainText('Running during the program: Clinic default → Pause running; Nordic walking or swimming instead')

  expect((await value<PatientRecord>(clinic, 'patients/get', { patientId })).runningAdvice).toEqual({ advice: 'pause_running', own: true })
  expect((await value<HomeSheet>(clinic, 'sheets/home', { patientId, week: 2 })).runningAdvice).toBe('pause_running')
  // The sheet's advice page, in the runner's language.
  await page.getByRole('link', { name: 'Home-exercise sheet' }).click()
  await expect(page.getByLabel('Sheet language')).toHaveValue('de')
  const advice = page.getByTestId('home-sheet').getByTestId('runner-advice')
  await expect(advice).toContainText('Legen Sie vorerst eine Laufpause ein.')
  await expect(advice).not.toContainText('Laufen Sie weiter')
})

test('the sit-to-stand test is entered in an assessment’s correction: refused outside 0–60, then listed beside the chart', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Cem', lastName: 'Yilmaz', enrolledOn: daysAgo(20) })
  await openPatient(page, clinic, 'Yilmaz, Cem')
  const table = page.getByRole('region', { name: 'Assessments' })
  await table.getByRole('button', { name: /^Correct Baseline/ }).click()
  const form = page.getByRole('form', { name: /Correct the assessment of/ })
  const reps = form.getByLabel('Sit-to-stand: repetitions in 30 s (optional)')
  await reps.fill('70')
  await form.getByLabel('Reason for the correction').fill('Test taken at baseline, entered late')
  await form.getByRole('button', { name: 'Save correction' }).click()
  await expect(reps).toHaveAccessibleDescription(/Enter the sit-to-stand repetitions in 30 seconds as a whole number from 0 to 60, or leave it empty/)
  await reps.fill('13')
  await form.getByRole('button', { name: 'Save correction' }).click()
  await expect(form).toHaveCount(0)

  await expect(table.getByRole('row').filter({ hasText: 'Baseline' }).filter({ has: page.getByRole('cell') })).toContainText('corrected')
  const legs = page.getByRole('region', { name: 'Leg strength: sit-to-stand test (30 s)' })
  await expect(legs.getByRole('row', { name: /^Baseline/ })).toContainText('13')
  await page.getByText('History of changes', { exact: true }).click()
  await expect(page.getByRole('table', { name: 'History of changes' }).getByRole('row').filter({ hasText: 'Test taken at baseline, entered late' })).toContainText(
    'Sit-to-stand (repetitions in 30 s): — → 13',
  )
})
