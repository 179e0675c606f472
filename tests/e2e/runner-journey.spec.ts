import { test, expect } from './fixtures'
import { daysAgo, fillEnrollmentUpToProgram } from './factories'
import type { Page } from '@playwright/test'

async function recordSession(page: Page, date: string, painBefore: number, painAfter: number) {
  await page.getByRole('link', { name: 'Record a session' }).click()
  await expect(page.getByRole('heading', { name: /Record a session/ })).toBeVisible()
  await page.getByLabel('Date of the session').fill(date)
  // The week's prescription is pre-filled, grouped warm-up / main part / cool-down.
  await expect(page.getByRole('rowheader', { name: 'Main part' })).toBeVisible()
  await expect(page.getByLabel('Leg press', { exact: true })).toBeChecked()
  await page.getByLabel('Pain before the session (0–10)').fill(String(painBefore))
  await page.getByLabel('Pain after the session (0–10)').fill(String(painAfter))
  await page.getByRole('button', { name: 'Save session' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Mara Keller/ })).toBeVisible()
}

/** The chart's canvas has pixels drawn on it (not a blank element). */
const canvasIsDrawn = (page: Page) =>
  page.getByRole('img', { name: /Line chart of running pain/ }).evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')
    if (!context || canvas.width === 0) return false
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++
    return painted > 500
  })

async function expectPainBeforePoints(page: Page) {
  const rows = page.getByTestId('chart-table').getByRole('row').filter({ hasText: 'Pain before session' })
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0).getByRole('cell').last()).toHaveText('6')
  await expect(rows.nth(1).getByRole('cell').last()).toHaveText('4')
}

test('enrolls a runner with baseline scores and P1, records two sessions, and keeps them after a restart', async ({
  page,
  clinic,
}) => {
  await page.goto(clinic.url)
  await fillEnrollmentUpToProgram(page, { firstName: 'Mara', lastName: 'Keller', enrolledOn: daysAgo(14) })
  await page.getByRole('radio', { name: /P1 · Leg strength/ }).check()
  await page.getByLabel('Start date').fill(daysAgo(14))
  await page.getByLabel('Retro walking on the treadmill (optional)').check()
  await page.getByRole('button', { name: 'Save enrollment' }).click()

  await expect(page.getByRole('heading', { level: 1, name: /Mara Keller/ })).toBeVisible()
  await expect(page.getByTestId('program-week')).toHaveText('Week 3 of 8')
  await expect(page.getByText('In program').first()).toBeVisible()

  await recordSession(page, daysAgo(10), 6, 5)
  await recordSession(page, daysAgo(7), 4, 3)

  const sessions = page.getByRole('table', { name: 'Supervised sessions', exact: true }).getByRole('row')
  await expect(sessions).toHaveCount(3) // header + two sessions
  await expectPainBeforePoints(page)
  // The baseline assessment's running pain (6) and runability (mean of 4, 3, 5 = 4) are plotted too.
  await expect(page.getByTestId('chart-table').getByRole('row').filter({ hasText: 'Runability' })).toContainText('4')
  await expect.poll(() => canvasIsDrawn(page)).toBe(true)

  await clinic.restart()
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Keller, Mara' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Mara Keller/ })).toBeVisible()
  await expect(sessions).toHaveCount(3)
  await expectPainBeforePoints(page)
  await expect.poll(() => canvasIsDrawn(page)).toBe(true)
})
