import type { Locator, Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { daysAgo, enrollByApi, fillEnrollmentUpToProgram } from './factories'
import { expect, test } from './fixtures'

/*
 * A second site, added in Settings through the visible form; a runner enrolled at it;
 * the comparison filtered by it. A clinic with one site sees no site anywhere else.
 * Set BACKSTRIDE_SHOTS to a folder to keep screenshots (1280×800 and 1024×768, English and German).
 */
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const

async function shots(page: Page, name: string, target: Locator) {
  const folder = process.env.BACKSTRIDE_SHOTS
  if (!folder) return
  mkdirSync(folder, { recursive: true })
  for (const language of ['en', 'de'] as const) {
    await setLanguage(page, language)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await target.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${folder}/${name}-${size.width}x${size.height}-${language}.png` })
    }
  }
  await setLanguage(page, 'en')
  await page.setViewportSize(SIZES[0])
}

/** The desk's language, as chosen in Settings (kept by the desk); returns to the page it was on. */
async function setLanguage(page: Page, language: 'en' | 'de') {
  const back = page.url()
  await page.getByRole('link', { name: /^(Settings|Einstellungen)$/ }).click()
  await page.getByRole('combobox', { name: /^(Language|Sprache)$/ }).first().selectOption(language)
  await page.goto(back)
}

test('a second site is added in Settings, a runner enrolled at it, and the comparison filtered by it', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Lena', lastName: 'Wolf', enrolledOn: daysAgo(20) })
  await enrollByApi(clinic, { firstName: 'Jonas', lastName: 'Weber', enrolledOn: daysAgo(18) })
  await page.setViewportSize(SIZES[0])
  await page.goto(clinic.url)

  // One site: no site filter, no site choice at enrollment.
  await page.getByRole('link', { name: 'Compare programs' }).click()
  await expect(page.getByTestId('comparison-count')).toHaveText('The comparison includes 2 patients with a program')
  await expect(page.getByRole('combobox', { name: 'Site' })).toHaveCount(0)
  await page.getByRole('link', { name: 'Enroll new patient' }).first().click()
  await expect(page.getByRole('heading', { level: 2, name: 'Details', exact: true })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Site' })).toHaveCount(0)

  // Settings: the default site, and a second one added through the form.
  await page.getByRole('link', { name: 'Settings' }).click()
  const sites = page.getByRole('region', { name: 'Sites' })
  await expect(sites.getByRole('row')).toHaveCount(2) // header + the default site
  await expect(sites.getByRole('row').nth(1)).toContainText('MAIN')
  await sites.getByLabel('Site code').fill('M 1')
  await sites.getByLabel('Name', { exact: true }).fill('München Schwabing')
  await sites.getByRole('button', { name: 'Add site' }).click()
  await expect(sites.getByText('Use 2 to 8 letters (A–Z) or digits, e.g. MUC')).toBeVisible()
  await sites.getByLabel('Site code').fill('muc')
  await sites.getByRole('button', { name: 'Add site' }).click()
  await expect(sites.getByRole('status')).toHaveText('Site MUC added.')
  await expect(sites.getByRole('row').nth(2)).toContainText('MUC')
  await expect(sites.getByRole('row').nth(2)).toContainText('München Schwabing')
  await shots(page, 'settings-sites', page.getByRole('region', { name: /^(Sites|Standorte)$/ }))

  // Enrollment: the site is asked now, and a runner is enrolled at München Schwabing.
  await fillEnrollmentUpToProgram(page, { firstName: 'Mara', lastName: 'Keller', enrolledOn: daysAgo(14), runningPain: 8 })
  await page.getByRole('radio', { name: /P1 · Leg strength/ }).check()
  await page.getByLabel('Start date').fill(daysAgo(14))
  await page.getByRole('button', { name: 'Save enrollment' }).click()
  // Not chosen: the details step shows what is missing.
  await expect(page.getByRole('heading', { level: 2, name: 'Details', exact: true })).toBeVisible()
  const siteChoice = page.getByRole('combobox', { name: 'Site' })
  await expect(page.getByText('Choose the site the runner is treated at', { exact: true })).toBeVisible()
  await siteChoice.selectOption({ label: 'München Schwabing (MUC)' })
  await shots(page, 'enrollment-site', page.getByRole('combobox', { name: /^(Site|Standort)$/ }))
  for (const step of ['Running profile', 'Eligibility', 'Red-flag screen', 'Baseline', 'Program']) {
    await page.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByRole('heading', { level: 2, name: step, exact: true })).toBeVisible()
  }
  await page.getByRole('button', { name: 'Save enrollment' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Mara Keller/ })).toBeVisible()
  await expect(page.getByTestId('patient-site')).toContainText('München Schwabing (MUC)')

  // The comparison (visited before: its filters must still ask the clinic): every site, then München Schwabing alone.
  await page.getByRole('link', { name: 'Compare programs' }).click()
  await expect(page.getByTestId('comparison-count')).toHaveText('The comparison includes 3 patients with a program')
  await page.getByRole('combobox', { name: 'Site' }).selectOption({ label: 'München Schwabing (MUC)' })
  await expect(page.getByTestId('comparison-count')).toHaveText('The comparison includes one patient with a program')
  await shots(page, 'comparison-site', page.getByRole('combobox', { name: /^(Site|Standort)$/ }))
  await page.getByRole('combobox', { name: 'Site' }).selectOption({ label: 'All sites' })
  await expect(page.getByTestId('comparison-count')).toHaveText('The comparison includes 3 patients with a program')
})
