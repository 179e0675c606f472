import { test, expect } from './fixtures'
import { enrollByApi, fillEnrollmentUpToProgram, next } from './factories'

test('an eligibility criterion that is not met needs a reason for the override', async ({ page, clinic }) => {
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Enroll new patient' }).first().click()
  await page.getByLabel('First name').fill('Nora')
  await page.getByLabel('Last name').fill('Schmid')
  await page.getByLabel('Date of birth').fill('1990-01-02')
  await page.getByLabel('Diverse').check()
  await next(page, 'Running profile')
  await page.getByLabel('Runs per week').fill('7')
  await page.getByLabel('Weekly distance (km)').fill('60')
  await page.getByLabel('Years running').fill('10')
  await next(page, 'Eligibility')

  // Nothing is answered in advance: Next names every criterion.
  for (const criterion of ['Recreational runner', 'Low back pain for more than 3 months', 'Runs 2–5 times a week']) {
    await expect(page.getByRole('group', { name: criterion }).getByRole('radio', { checked: true })).toHaveCount(0)
  }
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('group', { name: 'Recreational runner' })).toHaveAccessibleDescription(/Answer yes or no for this criterion/)
  await expect(page.getByRole('heading', { level: 2, name: 'Eligibility' })).toBeVisible()

  // Seven runs a week is outside the trial's 2–5: "No" asks for a reason.
  await expect(page.getByText('The running profile says 7 runs a week.')).toBeVisible()
  await page.getByRole('group', { name: 'Recreational runner' }).getByLabel('Yes').check()
  await page.getByRole('group', { name: 'Low back pain for more than 3 months' }).getByLabel('Yes').check()
  await page.getByRole('group', { name: 'Runs 2–5 times a week' }).getByLabel('No').check()
  await page.getByRole('button', { name: 'Next' }).click()
  const reason = page.getByLabel('Reason for override')
  await expect(reason).toHaveAccessibleDescription(/Give a reason for enrolling a runner who does not meet this criterion/)
  await expect(page.getByRole('heading', { level: 2, name: 'Eligibility' })).toBeVisible()

  await reason.fill('Marathon build-up; runs 7 short runs a week on the physician’s advice')
  await next(page, 'Red-flag screen')
})

test('a clinic ID already in use is shown at the clinic ID field on the details step', async ({ page, clinic }) => {
  await enrollByApi(clinic, { clinicId: 'K-100' })
  await page.goto(clinic.url)
  await fillEnrollmentUpToProgram(page, { firstName: 'Jonas', lastName: 'Brandt', clinicId: 'k-100' })
  await page.getByRole('radio', { name: /P3/ }).check()
  await page.getByRole('button', { name: 'Save enrollment' }).click()

  await expect(page.getByRole('heading', { level: 2, name: 'Details' })).toBeVisible()
  await expect(page.getByLabel('Clinic ID')).toHaveAccessibleDescription(/Clinic ID K-100 is already used by another patient/)
  await expect(page.getByRole('alert')).toContainText('Clinic ID K-100 is already used by another patient')
})

test('in German, the clinic’s refusal is said in German from its code, the clinic ID kept as sent', async ({ page, clinic }) => {
  await enrollByApi(clinic, { clinicId: 'K-200' })
  await page.goto(clinic.url)
  await fillEnrollmentUpToProgram(page, { firstName: 'Jonas', lastName: 'Brandt', clinicId: 'k-200' })
  await page.getByRole('radio', { name: /P3/ }).check()
  await page.getByRole('button', { name: 'Save enrollment' }).click()
  await expect(page.getByLabel('Clinic ID')).toHaveAccessibleDescription(/Clinic ID K-200 is already used by another patient/)

  // Switching the language re-says the message already shown: it is kept as a code with its values, not as a sentence.
  await page.getByRole('combobox', { name: 'Language' }).first().selectOption('de')
  await expect(page.getByLabel('Praxis-ID')).toHaveAccessibleDescription(/Die Praxis-ID K-200 gehört bereits zu einem anderen Patienten/)
  await expect(page.getByRole('alert')).toContainText('Die Praxis-ID K-200 gehört bereits zu einem anderen Patienten')
})
