import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { answerRedFlags, daysAgo, enrollByApi, fillBaseline, fillDetailsFromFirstStep, next } from './factories'

/*
 * axe-core (WCAG 2 A and AA) on every main screen, in light and dark. No rule is
 * disabled: a serious or critical finding is fixed in the component or the stylesheet.
 */

async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n  ')}`)
  expect(severe, `${screen}:\n${severe.join('\n')}`).toEqual([])
}

/** A runner a few weeks into P1 with sessions, so the patient page shows its chart. */
async function runnerWithSessions(clinic: Parameters<typeof enrollByApi>[0]) {
  const start = daysAgo(20)
  const { patientId, enrollmentId } = await enrollByApi(clinic, { firstName: 'Mara', lastName: 'Keller', enrolledOn: start })
  for (const [i, pain] of [6, 5, 5, 4].entries()) {
    await clinic.call('sessions/record', {
      enrollmentId,
      sessionDate: daysAgo(18 - i * 4),
      attended: true,
      missedReason: null,
      painBefore: pain,
      painAfter: pain - 1,
      notes: null,
      assessment: null,
    })
  }
  return patientId
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${scheme}`, () => {
    test.beforeEach(async ({ page }) => {
      // Reduced motion: no fading transition is caught half-way when colours are measured.
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    })

    test.describe('before signing in', () => {
      test.use({ signedIn: false })
      test('first start has no serious accessibility violations', async ({ page, clinic }) => {
        await page.goto(clinic.url)
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
        await expectAccessible(page, 'first start')
      })
    })

    test('patient list, enrollment steps, patient page, session form and sheet have no serious violations', async ({ page, clinic }) => {
      test.setTimeout(90_000)
      const patientId = await runnerWithSessions(clinic)
      await enrollByApi(clinic, { firstName: 'Lea', lastName: 'Vogel', program: null, flags: ['saddle_numbness'] })
      await page.goto(clinic.url)
      await expect(page.getByRole('table').getByRole('row')).toHaveCount(3)
      await expectAccessible(page, 'patient list')

      await page.getByRole('link', { name: 'Enroll new patient' }).first().click()
      await expect(page.getByLabel('First name')).toBeVisible()
      await expectAccessible(page, 'enrollment: details')
      await fillDetailsFromFirstStep(page, { firstName: 'Tom', lastName: 'Huber' })
      await expect(page.getByText(/^Not answered yet: \d+$/)).toBeVisible()
      await expectAccessible(page, 'enrollment: red flags, unanswered')
      await answerRedFlags(page, ['Saddle numbness'])
      await expectAccessible(page, 'enrollment: red flags, referral')
      await next(page, 'Baseline')
      await fillBaseline(page, { firstName: 'Tom', lastName: 'Huber' })
      await expectAccessible(page, 'enrollment: baseline')
      await next(page, 'Program')
      await expectAccessible(page, 'enrollment: program, blocked')

      await page.goto(`${clinic.origin}/#/patients/${patientId}`)
      await expect(page.getByRole('img', { name: /Line chart/ })).toBeVisible()
      await expectAccessible(page, 'patient page')

      await page.getByRole('link', { name: 'Record a session' }).click()
      await page.getByLabel('Date of the session').fill(daysAgo(0))
      await expect(page.getByRole('rowheader', { name: 'Main part' })).toBeVisible()
      await expectAccessible(page, 'session form')
      await page.getByLabel('Pain before the session (0–10)').fill('11')
      await page.getByRole('button', { name: 'Save session' }).click()
      await expect(page.locator('.field__error').first()).toBeVisible()
      await expectAccessible(page, 'session form with errors')

      await page.goto(`${clinic.origin}/#/patients/${patientId}/sheet`)
      await expect(page.locator('.sheet-compact, .sheet-page, article').first()).toBeVisible()
      await expectAccessible(page, 'home-exercise sheet')

      await page.goto(`${clinic.origin}/#/settings`)
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
      await expectAccessible(page, 'settings')
    })

    test.describe('with the demo cohort', () => {
      test.use({ demoCohort: true })
      test('comparison view has no serious violations', async ({ page, clinic }) => {
        await page.goto(`${clinic.url}`)
        await page.getByRole('link', { name: 'Compare programs' }).first().click()
        await expect(page.locator('.comparison-chart').first()).toBeVisible()
        await expectAccessible(page, 'comparison')
      })
    })
  })
}
