import { test, expect } from './fixtures'
import type { PatientRecord } from '../../electron/clinic/contract'
import { todayLocal } from '../../electron/clinic/rules/calendar'
import { enrollByApi } from './factories'

test('refuses a pain score of 11 with a message next to the field and writes nothing', async ({ page, clinic }) => {
  const { patientId, enrollmentId } = await enrollByApi(clinic, { firstName: 'Lea', lastName: 'Vogel', program: 'P3' })
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Vogel, Lea' }).click()
  await page.getByRole('link', { name: 'Record a session' }).click()

  const painBefore = page.getByLabel('Pain before the session (0–10)')
  await painBefore.fill('11')
  await page.getByRole('button', { name: 'Save session' }).click()

  await expect(painBefore).toHaveAccessibleDescription(/The score must be between 0 and 10/)
  await expect(page.getByRole('list', { name: 'Fields to correct' })).toContainText('The score must be between 0 and 10')
  await expect(page.getByRole('alert')).toContainText('Nothing was saved.')
  await expect(page.getByRole('heading', { name: /Record a session/ })).toBeVisible()

  // The clinic API refuses it at the same field, whoever sends it.
  const direct = await clinic.call('sessions/record', { enrollmentId, sessionDate: todayLocal(), attended: true, painBefore: 11 })
  expect(direct.ok).toBe(false)
  if (!direct.ok) {
    expect(direct.error.fields).toContainEqual({ path: 'painBefore', code: 'score_range', params: {}, message: 'The score must be between 0 and 10' })
  }

  const record = await clinic.call<PatientRecord>('patients/get', { patientId })
  expect(record.ok && record.value.sessions).toEqual([])
})
