import { test, expect } from './fixtures'
import { todayLocal } from '../../electron/clinic/rules/calendar'
import { enrollByApi } from './factories'

test('a corrected session keeps its earlier pain score and the reason in its history', async ({ page, clinic }) => {
  const { enrollmentId } = await enrollByApi(clinic, { firstName: 'Ben', lastName: 'Okafor', program: 'P2' })
  const recorded = await clinic.call('sessions/record', { enrollmentId, sessionDate: todayLocal(), attended: true, painBefore: 6, painAfter: 5 })
  expect(recorded.ok).toBe(true)
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Okafor, Ben' }).click()

  await page.getByRole('table', { name: 'Supervised sessions', exact: true }).getByRole('button', { name: /^Correct/ }).click()
  const form = page.getByRole('form', { name: /Correct the session/ })
  await form.getByLabel('Pain before the session (0–10)').fill('5')
  await form.getByRole('button', { name: 'Save correction' }).click()
  await expect(form.getByLabel('Reason for the correction')).toHaveAccessibleDescription(/Enter the reason for the correction/)

  await form.getByLabel('Reason for the correction').fill('Typed 6 instead of 5')
  await form.getByRole('button', { name: 'Save correction' }).click()
  await expect(form).toHaveCount(0)
  const row = page.getByRole('table', { name: 'Supervised sessions', exact: true }).getByRole('row').nth(1)
  await expect(row).toContainText('corrected')
  await expect(row.getByRole('cell').nth(3)).toHaveText('5')

  await page.getByRole('button', { name: /^History/ }).click()
  const history = page.getByRole('region', { name: /History of the session/ })
  await expect(history).toContainText('Typed 6 instead of 5')
  await expect(history).toContainText('Pain before: 6 → 5')
})
