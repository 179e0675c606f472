import { test, expect } from './fixtures'
import { daysAgo, enrollByApi } from './factories'

/*
 * Every main screen, opened as a therapist goes through the day, with the demo cohort
 * in the database. The page fixture (tests/e2e/fixtures.ts) fails the test on any
 * uncaught script error or console error.
 */
test.use({ demoCohort: true })

test('no script or console error on any main screen, in English and German', async ({ page, clinic }) => {
  test.setTimeout(90_000)
  // The demo runners have finished their programs; one runner is in week 2.
  await enrollByApi(clinic, { firstName: 'Lea', lastName: 'Vogel', clinicId: 'BS-IN-WEEK-2', enrolledOn: daysAgo(10) })
  for (const language of ['en', 'de'] as const) {
    await page.goto(clinic.url)
    await page.getByLabel(/Language|Sprache/).selectOption(language)
    const nav = page.getByRole('navigation', { name: /Main|Haupt/ })
    const links = nav.getByRole('link')
    const count = await links.count()
    for (let i = 0; i < count; i++) {
      await links.nth(i).click()
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    }
    // A demo runner's page (a full program), then the runner in the program: the home-log form,
    // the session form, the sheet, the progress report.
    await nav.getByRole('link').nth(1).click()
    await page.getByRole('link', { name: 'Becker, Lena' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await nav.getByRole('link').nth(1).click()
    await page.getByRole('searchbox').fill('BS-IN-WEEK-2')
    await page.getByRole('searchbox').press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: /Lea Vogel/ })).toBeVisible()
    await page.getByRole('button', { name: /Record home log|Heimprotokoll|Protokoll/ }).click()
    await expect(page.getByRole('form')).toBeVisible()
    await page.getByRole('link', { name: /Record a session|Einheit erfassen/ }).first().click()
    await expect(page.getByRole('button', { name: /Save session|Einheit speichern/ })).toBeVisible()
    await page.goBack()
    await page.getByRole('link', { name: /Home-exercise sheet|Heimübungsblatt|Übungsblatt/ }).click()
    await expect(page.getByLabel(/Program week|Programmwoche/)).toBeVisible()
    await page.goBack()
    await page.getByRole('link', { name: /Progress report|Verlaufsbericht|Bericht/ }).first().click()
    await expect(page.getByRole('heading').first()).toBeVisible()
  }
})
