import type { Page } from '@playwright/test'
import { test, expect, type BrowserModeClinic } from './fixtures'
import type { PatientRecord } from '../../electron/clinic/contract'
import { addDaysTo } from '../../electron/clinic/rules/calendar'
import { answerRedFlags, daysAgo, enrollByApi, fillBaseline, fillDetailsToRedFlags, next } from './factories'

/*
 * Screenshots of each screen for a design review, not a check:
 * BACKSTRIDE_SHOTS=/tmp/shots npx playwright test screenshots
 */
const dir = process.env.BACKSTRIDE_SHOTS
test.skip(!dir, 'set BACKSTRIDE_SHOTS to a folder to take screenshots')

const shot = (page: Page, name: string) => page.screenshot({ path: `${dir}/${name}.png`, fullPage: true })

/** A runner 8 weeks into P1: sessions twice a week with falling pain, the week 4 assessment, one correction. */
async function runnerWithHistory(clinic: BrowserModeClinic) {
  const start = daysAgo(53)
  const { patientId, enrollmentId } = await enrollByApi(clinic, { firstName: 'Mara', lastName: 'Keller', enrolledOn: start })
  const record = await clinic.call<PatientRecord>('patients/get', { patientId })
  if (!record.ok) throw new Error(record.error.message)
  const activities = record.value.activities
  const pains = [6, 6, 5, 6, 5, 4, 4, 3, 4, 3, 3, 2, 2]
  for (const [i, pain] of pains.entries()) {
    const sessionDate = addDaysTo(start, 1 + Math.floor(i / 2) * 7 + (i % 2) * 3)
    const week4 = sessionDate >= addDaysTo(start, 26) && sessionDate <= addDaysTo(start, 30)
    await clinic.call('sessions/record', {
      enrollmentId,
      sessionDate,
      attended: i !== 5,
      missedReason: i === 5 ? 'Ill with a cold' : null,
      painBefore: i === 5 ? null : pain,
      painAfter: i === 5 ? null : Math.max(0, pain - 1),
      notes: i === 2 ? 'Leg press felt heavy on the left' : null,
      assessment: week4 ? { timePoint: 'week_4', runningPain: 4, ratings: activities.map((a) => ({ activityId: a.activityId, rating: 6 })) } : null,
    })
  }
  const sessions = (await clinic.call<PatientRecord>('patients/get', { patientId })) as { ok: true; value: PatientRecord }
  await clinic.call('sessions/correct', { sessionId: sessions.value.sessions[1].sessionId, painBefore: 5, reason: 'Typed 6 instead of 5' })
  return patientId
}

test('screens for review', async ({ page, clinic }) => {
  test.setTimeout(120_000)
  const patientId = await runnerWithHistory(clinic)
  await enrollByApi(clinic, { firstName: 'Jonas', lastName: 'Brandt', program: 'P2', enrolledOn: daysAgo(30) })
  await enrollByApi(clinic, { firstName: 'Lea', lastName: 'Vogel', program: null, flags: ['saddle_numbness'] })
  await enrollByApi(clinic, { firstName: 'Ben', lastName: 'Okafor', program: null })
  await enrollByApi(clinic, { firstName: 'Sofia', lastName: 'Ricci', program: 'P3', enrolledOn: daysAgo(40) })

  await page.goto(clinic.url)
  await expect(page.getByRole('row')).toHaveCount(6)
  await shot(page, '01-patient-list')

  await fillDetailsToRedFlags(page, { firstName: 'Tom', lastName: 'Huber', runsPerWeek: 6 }).catch(() => undefined)
  await page.getByRole('button', { name: 'Details' }).click()
  await shot(page, '02-enroll-1-details')
  await page.getByRole('button', { name: 'Running profile' }).click()
  await shot(page, '03-enroll-2-profile')
  await page.getByRole('button', { name: 'Eligibility' }).click()
  await page.getByRole('button', { name: 'Next' }).click()
  await shot(page, '04-enroll-3-eligibility-reason-needed')
  await page.getByLabel('Reason for override').fill('Trains for a marathon; six short runs')
  await next(page, 'Red-flag screen')
  await page.getByRole('button', { name: 'Next' }).click()
  await shot(page, '05-enroll-4-red-flags-unanswered')
  await answerRedFlags(page, ['Saddle numbness'])
  await shot(page, '06-enroll-4-red-flags-same-day')
  await next(page, 'Baseline')
  await fillBaseline(page, { firstName: 'Tom', lastName: 'Huber' })
  await page.getByRole('button', { name: '+ Add an activity' }).click()
  await page.getByLabel('Activity 4', { exact: true }).fill('Run on trails')
  await page.getByLabel('Rating of activity 4 (0–10)').fill('2')
  await shot(page, '07-enroll-5-baseline')
  await next(page, 'Program')
  await shot(page, '08-enroll-6-program-blocked')
  await page.getByRole('button', { name: 'Red-flag screen' }).click()
  await page.getByLabel('Physician clearance already received').check()
  await page.getByLabel('Physician', { exact: true }).fill('Dr. Ilse Weber')
  await page.getByRole('button', { name: 'Program', exact: true }).click()
  await page.getByRole('radio', { name: /P1/ }).check()
  await shot(page, '09-enroll-6-program')

  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await expect(page.getByRole('img', { name: /Line chart/ })).toBeVisible()
  await page.getByRole('button', { name: /^History/ }).nth(1).click()
  await expect(page.getByText('Typed 6 instead of 5')).toBeVisible()
  await shot(page, '10-patient-page')
  await page.getByRole('button', { name: /^Correct/ }).first().click()
  await shot(page, '11-patient-session-correction')

  await page.getByRole('link', { name: 'Record a session' }).click()
  await page.getByLabel('Date of the session').fill(daysAgo(0))
  await expect(page.getByRole('rowheader', { name: 'Main part' })).toBeVisible()
  await shot(page, '12-session-form')
  await page.getByLabel('Pain before the session (0–10)').fill('11')
  await page.getByRole('button', { name: 'Save session' }).click()
  await shot(page, '13-session-form-error')

  await page.getByRole('link', { name: 'Patients', exact: true }).click()
  await page.getByRole('link', { name: 'Vogel, Lea' }).click()
  await expect(page.getByText('Awaiting clearance')).toBeVisible()
  await shot(page, '14-patient-awaiting-clearance')

  await page.getByLabel('Language').selectOption('de')
  await page.getByRole('link', { name: 'Patienten', exact: true }).click()
  await shot(page, '15-patient-list-de')
  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await expect(page.getByRole('img')).toBeVisible()
  await shot(page, '16-patient-page-de')

  await page.emulateMedia({ colorScheme: 'dark' })
  await page.reload()
  await expect(page.getByRole('img')).toBeVisible()
  await shot(page, '17-patient-page-dark')
})
