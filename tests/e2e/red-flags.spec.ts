import { test, expect } from './fixtures'
import { todayLocal } from '../../electron/clinic/rules/calendar'
import type { PatientPage } from '../../electron/clinic/contract'
import { WARNING_SIGNS } from '../../electron/clinic/rules/warningSigns'
import { answerRedFlags, fillBaseline, fillDetailsToRedFlags, giveConsent, next } from './factories'

test('a red flag blocks the program until the physician clearance is recorded', async ({ page, clinic }) => {
  const runner = { firstName: 'Tom', lastName: 'Brandt' }
  await page.goto(clinic.url)
  await fillDetailsToRedFlags(page, runner)
  await answerRedFlags(page, ['Saddle numbness'])
  await expect(page.getByRole('alert').filter({ hasText: 'A doctor IMMEDIATELY: emergency department' })).toBeVisible()
  // The warning signs the runner will read on the sheet, one line each with what to do, the same list as the sheet's.
  const signs = page.getByTestId('enrollment-warning-signs')
  await signs.getByText('Warning signs to go through with the runner').click()
  await expect(signs.getByRole('listitem')).toHaveCount(WARNING_SIGNS.length)
  await expect(signs.getByRole('listitem').filter({ hasText: 'your foot drops or drags' })).toContainText('at once: emergency department')
  await expect(signs.getByRole('listitem').filter({ hasText: 'more than ten days' })).toContainText('see a doctor within the next few days')
  await next(page, 'Baseline')
  await fillBaseline(page, runner)
  await next(page, 'Program')

  await expect(page.getByTestId('program-blocked')).toContainText('Program blocked until clearance')
  await expect(page.getByRole('radio', { name: /P1/ })).toHaveCount(0)
  // Consent is taken at enrollment even while the program waits: the program later needs consent to treatment.
  await giveConsent(page)
  await page.getByRole('button', { name: 'Save enrollment without a program' }).click()

  await expect(page.getByRole('heading', { level: 1, name: /Tom Brandt/ })).toBeVisible()
  await expect(page.getByText('Awaiting clearance')).toBeVisible()
  await expect(page.getByText('Saddle numbness (buttocks, genitals, inner thighs)')).toBeVisible()
  // The patient page shows the same signs and the runner's advice, folded away until opened.
  const advice = page.getByTestId('patient-advice')
  await advice.getByRole('heading', { name: 'Warning signs and running advice' }).click()
  await expect(advice.getByTestId('warning-signs').getByRole('listitem')).toHaveCount(WARNING_SIGNS.length)
  await expect(advice.getByRole('heading', { name: 'If the pain flares up' })).toBeVisible()
  await expect(advice.getByText('After a back operation, or if you already have other back problems')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Assign program' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Record a session' })).toHaveCount(0)

  // The clinic refuses the assignment too, not only the screen.
  const list = await clinic.call<PatientPage>('patients/list', {})
  if (!list.ok) throw new Error(list.error.message)
  const refused = await clinic.call('assignments/assign', {
    enrollmentId: list.value.rows[0].enrollmentId,
    programCode: 'P2',
    startDate: todayLocal(),
  })
  expect(refused.ok).toBe(false)

  const clearance = page.getByRole('form', { name: 'Physician clearance' })
  await clearance.getByLabel('Physician').fill('Dr. Ilse Weber')
  await clearance.getByRole('button', { name: 'Record clearance' }).click()
  await expect(page.getByText(/Cleared by Dr. Ilse Weber/)).toBeVisible()

  await page.getByRole('radio', { name: /P2 · Lumbar extensors/ }).check()
  await page.getByRole('button', { name: 'Assign program' }).click()
  await expect(page.getByText('P2 · Lumbar extensors')).toBeVisible()
  await expect(page.getByTestId('program-week')).toHaveText('Week 1 of 8')
  await expect(page.getByRole('link', { name: 'Record a session' })).toBeVisible()
})
