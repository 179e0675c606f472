import { test, expect } from './fixtures'
import { daysAgo, enrollByApi, enrollInput } from './factories'

test('shots', async ({ page, clinic }) => {
  test.setTimeout(180_000)
  const { enrollmentId, patientId } = await enrollByApi(clinic, { firstName: 'Lena', lastName: 'Wolf', clinicId: 'BS-00003', enrolledOn: daysAgo(27) })
  await enrollByApi(clinic, { firstName: 'Jonas', lastName: 'Albrecht', clinicId: 'BS-00007', program: null, flags: ['history_of_cancer'] })
  await enrollByApi(clinic, { firstName: 'Maximilian', lastName: 'Schneider-Hoffmann', clinicId: 'BS-00012', enrolledOn: daysAgo(9) })
  for (const [d, kg] of [[24, 40], [20, 45], [17, 50]] as const) {
    await clinic.call('sessions/record', { enrollmentId, sessionDate: daysAgo(d), attended: true, painBefore: 5, painAfter: 4,
      exercises: [{ exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: kg }, { exerciseCode: 'wall-sit', doneSets: 2, doneHoldSeconds: 30 }, { exerciseCode: 'bridge', notDone: true, notDoneReason: 'hip' }] })
  }
  await clinic.call('sessions/record', { enrollmentId, sessionDate: daysAgo(13), attended: false, missedReason: 'ill' })
  const week = (w: number) => Array.from({ length: 7 }, (_, i) => ({ date: daysAgo(27 - 7 * (w - 1) - i), done: i % 2 === 0, pain: i % 2 === 0 ? 3 + (i % 3) : null }))
  await clinic.call('sessions/recordHomeWeek', { enrollmentId, week: 1, days: week(1) })
  await clinic.call('sessions/recordHomeWeek', { enrollmentId, week: 2, days: week(2) })
  for (const lang of ['en', 'de'] as const) {
    for (const [w, h] of [[1280, 800], [1024, 768]] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.goto(clinic.url)
      await page.getByLabel(/Language|Sprache/).selectOption(lang)
      const tag = `${lang}-${w}`
      await page.goto(clinic.url.replace('#token', `#/today?x=1&token`).split('#')[0] + '#/today')
      await page.waitForTimeout(800)
      await page.screenshot({ path: `/tmp/shots/today-${tag}.png`, fullPage: true })
      await page.goto(clinic.url.split('#')[0] + `#/patients/${patientId}`)
      await page.waitForTimeout(1200)
      await page.screenshot({ path: `/tmp/shots/patient-${tag}.png`, fullPage: true })
      await page.goto(clinic.url.split('#')[0] + `#/patients/${patientId}/sessions/new`)
      await page.waitForTimeout(1000)
      await page.getByRole('checkbox', { name: /Bridge|Brücke/ }).uncheck()
      await page.getByRole('button', { name: /Save session|Einheit speichern/ }).click()
      await page.waitForTimeout(400)
      await page.screenshot({ path: `/tmp/shots/session-${tag}.png`, fullPage: true })
      await page.getByRole('button', { name: /Cancel|Abbrechen/ }).first().click()
      await page.getByRole('dialog').getByRole('button').last().click()
      await page.goto(clinic.url.split('#')[0] + `#/patients/${patientId}/sheet`)
      await page.waitForTimeout(1200)
      await page.screenshot({ path: `/tmp/shots/sheet-${tag}.png`, fullPage: false })
    }
  }
  expect(true).toBe(true)
})
