import type { Page } from '@playwright/test'
import type { PatientRecord } from '../../electron/clinic/contract'
import { test, expect, type BrowserModeClinic } from './fixtures'
import { daysAgo, enrollByApi } from './factories'
import { comparisonFigure, downloadCsv, historyTable, openComparison, openPatient as openFromList } from './screens'

/*
 * Correcting and voiding the record through the visible forms (labels and roles),
 * then reading the patient page, the history of changes (who, when, before, after,
 * why), the Compare programs screen and a CSV downloaded from the Data screen.
 * The runners are seeded through the API; every change under test is made on screen.
 */

async function openPatient(page: Page, clinic: BrowserModeClinic, name: string) {
  await page.goto(clinic.url)
  await page.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible()
}

const openHistory = historyTable
const sessionsTable = (page: Page) => page.getByRole('table', { name: 'Supervised sessions', exact: true })
/** Mean supervised sessions attended of a program, as the Compare programs screen shows it ("1.0 of 16"). */
async function meanAttended(page: Page, program: 'P1' | 'P2' | 'P3') {
  await openComparison(page)
  return comparisonFigure(page, 'Attendance and drop-out', program, 'Mean sessions attended')
}

test('a session entered twice asks first, then is voided: marked on the page, in the history, out of the comparison and the sessions export', async ({ page, clinic }) => {
  const { enrollmentId } = await enrollByApi(clinic, { firstName: 'Ben', lastName: 'Okafor', program: 'P2', enrolledOn: daysAgo(10) })
  expect((await clinic.call('sessions/record', { enrollmentId, sessionDate: daysAgo(3), attended: true, painBefore: 6, painAfter: 5 })).ok).toBe(true)
  await openPatient(page, clinic, 'Okafor, Ben')

  // The same visit entered again from the session form: the form asks before recording another.
  await page.getByRole('link', { name: 'Record a session' }).click()
  await page.getByLabel('Date of the session').fill(daysAgo(3))
  await page.getByRole('group', { name: 'Did the runner attend?' }).getByLabel('Yes').check()
  await page.getByLabel('Pain before the session (0–10)').fill('6')
  await page.getByRole('button', { name: 'Save session' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'already recorded' })).toContainText('A supervised session is already recorded on')
  await page.getByRole('button', { name: 'Yes, record another session on this day' }).click()
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible()
  const rows = sessionsTable(page).getByRole('row')
  await expect(rows).toHaveCount(3)
  // Attendance counts days: the visit entered twice is one.
  await expect(await meanAttended(page, 'P2')).toHaveText(/^1\.0 of/)
  expect(await downloadCsv(page, 'Sessions')).toHaveLength(2)

  await openFromList(page, 'Okafor, Ben')
  await sessionsTable(page).getByRole('button', { name: /^Void/ }).nth(1).click()
  const form = page.getByRole('form', { name: /Void the record of/ })
  await form.getByRole('button', { name: 'Void record' }).click()
  await expect(form.getByLabel('Reason')).toHaveAccessibleDescription(/Enter the reason for the correction/)
  await form.getByLabel('Reason').fill('Entered twice')
  await form.getByRole('button', { name: 'Void record' }).click()
  await expect(form).toHaveCount(0)
  const voided = rows.nth(2)
  await expect(voided).toContainText('voided')
  await expect(voided).toContainText('by mara.lead: Entered twice')
  await expect(sessionsTable(page).getByRole('button', { name: /^Restore/ })).toHaveCount(1)

  const history = await openHistory(page)
  const entry = history.getByRole('row').filter({ hasText: 'Voided' })
  await expect(entry).toContainText('mara.lead')
  await expect(entry).toContainText('Session · Voided')
  await expect(entry).toContainText('Voided: No → Yes')
  await expect(entry).toContainText('Entered twice')
  await expect(await meanAttended(page, 'P2')).toHaveText(/^1\.0 of/)
  expect((await downloadCsv(page, 'Sessions')).map((r) => r.session_date)).toEqual([daysAgo(3)])
})

test('a session corrected in date, pain and notes: the page, the history and the sessions export show the corrected values', async ({ page, clinic }) => {
  const { enrollmentId } = await enrollByApi(clinic, { firstName: 'Ben', lastName: 'Okafor', program: 'P2', enrolledOn: daysAgo(10) })
  await clinic.call('sessions/record', { enrollmentId, sessionDate: daysAgo(4), attended: true, painBefore: 6, painAfter: 5 })
  await openPatient(page, clinic, 'Okafor, Ben')
  await sessionsTable(page).getByRole('button', { name: /^Correct/ }).click()
  const form = page.getByRole('form', { name: /Correct the session/ })
  await form.getByLabel('Date', { exact: true }).fill(daysAgo(3))
  await form.getByLabel('Pain before the session (0–10)').fill('4')
  await form.getByLabel(/^Notes/).fill('Felt better after the warm-up')
  await form.getByLabel('Reason for the correction').fill('Paper form read wrongly')
  await form.getByRole('button', { name: 'Save correction' }).click()
  await expect(form).toHaveCount(0)
  const row = sessionsTable(page).getByRole('row').nth(1)
  await expect(row).toContainText('corrected')
  await expect(row.getByRole('cell').nth(3)).toHaveText('4')
  await expect(row).toContainText('Felt better after the warm-up')

  const history = await openHistory(page)
  const entry = history.getByRole('row').filter({ hasText: 'Paper form read wrongly' })
  await expect(entry).toContainText('mara.lead')
  await expect(entry).toContainText(`Date: ${daysAgo(4)} → ${daysAgo(3)}`)
  await expect(entry).toContainText('Pain before: 6 → 4')
  expect((await downloadCsv(page, 'Sessions')).map((r) => [r.session_date, r.pain_before])).toEqual([[daysAgo(3), '4']])
})

test('a home-log day corrected under the home log, then the week voided', async ({ page, clinic }) => {
  const { enrollmentId } = await enrollByApi(clinic, { firstName: 'Ida', lastName: 'Home', enrolledOn: daysAgo(3) })
  const days = [0, 1, 2].map((d) => ({ date: daysAgo(3 - d), done: d !== 1, pain: d !== 1 ? 3 : null }))
  expect((await clinic.call('sessions/recordHomeWeek', { enrollmentId, week: 1, days })).ok).toBe(true)
  await openPatient(page, clinic, 'Home, Ida')
  await page.getByText('Logged days: correct or void one').click()
  const table = page.getByRole('region', { name: 'Logged days' })
  await table.getByRole('button', { name: /^Correct/ }).nth(1).click()
  const form = page.getByRole('form', { name: /Correct the home-log day/ })
  await form.getByLabel('Done').check()
  await form.getByLabel('Pain before the session (0–10)').fill('2')
  await form.getByLabel('Reason for the correction').fill('Runner forgot to tick the day')
  await form.getByRole('button', { name: 'Save correction' }).click()
  await expect(form).toHaveCount(0)
  const row = table.getByRole('row').nth(2)
  await expect(row).toContainText('Attended')
  await expect(row).toContainText('corrected')
  const history = await openHistory(page)
  await expect(history.getByRole('row').filter({ hasText: 'Runner forgot to tick the day' })).toContainText('Attended: No → Yes')
  const home = (await downloadCsv(page, 'Sessions')).filter((r) => r.kind === 'home')
  expect(home.map((r) => r.attended)).toEqual(['true', 'true', 'true'])
  await openFromList(page, 'Home, Ida')
  await page.getByText('Logged days: correct or void one').click()

  // The week's log was of another runner after all: voided as a whole.
  const weeks = page.getByRole('table', { name: 'Home exercise log' })
  await weeks.getByRole('button', { name: 'Void Week 1' }).click()
  const voidForm = page.getByRole('form', { name: /Void the record of/ })
  await voidForm.getByLabel('Reason').fill('Sheet of another runner')
  await voidForm.getByRole('button', { name: 'Void record' }).click()
  await expect(voidForm).toHaveCount(0)
  await expect(table.getByText('voided', { exact: true })).toHaveCount(3)
  await expect((await openHistory(page)).getByRole('row').filter({ hasText: 'Sheet of another runner' })).toHaveCount(3)
  expect((await downloadCsv(page, 'Sessions')).filter((r) => r.kind === 'home')).toEqual([])
})

test('an assessment corrected, then voided and restored: the page, the history, the comparison and the outcomes export follow', async ({ page, clinic }) => {
  const { patientId, enrollmentId } = await enrollByApi(clinic, { firstName: 'Cem', lastName: 'Yilmaz', enrolledOn: daysAgo(20) })
  const record = await clinic.call<PatientRecord>('patients/get', { patientId })
  if (!record.ok) throw new Error(record.error.message)
  const ratings = record.value.activities.map((a) => ({ activityId: a.activityId, rating: 6 }))
  await clinic.call('assessments/record', { enrollmentId, assessedOn: daysAgo(1), timePoint: 'unscheduled', runningPain: 4, ratings })
  await openPatient(page, clinic, 'Yilmaz, Cem')
  const table = page.getByRole('region', { name: 'Assessments' })

  await table.getByRole('button', { name: /^Correct Baseline/ }).click()
  const form = page.getByRole('form', { name: /Correct the assessment of/ })
  await form.getByLabel('Running pain (0–10)').fill('7')
  await form.getByLabel('Run downhill (0–10)').fill('1')
  await form.getByLabel('Reason for the correction').fill('Scores swapped with the next runner')
  await form.getByRole('button', { name: 'Save correction' }).click()
  await expect(form).toHaveCount(0)
  // The baseline's row (the header row names baseline too, in its change columns, but holds no cells).
  const baseline = table.getByRole('row').filter({ hasText: 'Baseline' }).filter({ has: page.getByRole('cell') })
  await expect(baseline).toContainText('corrected')
  await expect(baseline.getByRole('cell').nth(2)).toHaveText('7')
  // Runability is the mean of 4, 1 and 5.
  await expect(baseline.getByRole('cell').nth(4)).toHaveText('3.3')
  const long = async () => (await downloadCsv(page, 'Outcomes, long form')).map((r) => [r.time_point, r.assessed_on, r.running_pain, r.runability])
  expect(await long()).toContainEqual(['baseline', daysAgo(20), '7', '3.33'])
  await openFromList(page, 'Yilmaz, Cem')

  await table.getByRole('button', { name: /^Void Unscheduled/ }).click()
  const voidForm = page.getByRole('form', { name: /Void the record of/ })
  await voidForm.getByLabel('Reason').fill('Recorded on the wrong runner')
  await voidForm.getByRole('button', { name: 'Void record' }).click()
  await expect(voidForm).toHaveCount(0)
  await expect(table.getByRole('row').filter({ hasText: 'Unscheduled' })).toContainText('voided')

  const history = await openHistory(page)
  const corrected = history.getByRole('row').filter({ hasText: 'Scores swapped with the next runner' })
  await expect(corrected).toContainText('Assessment · Corrected')
  await expect(corrected).toContainText('Running pain: 6 → 7')
  await expect(corrected).toContainText('mara.lead')
  await expect(history.getByRole('row').filter({ hasText: 'Recorded on the wrong runner' })).toContainText('Assessment · Voided')
  expect((await long()).map(([timePoint]) => timePoint)).not.toContain('unscheduled')
  await openFromList(page, 'Yilmaz, Cem')

  await table.getByRole('button', { name: /^Restore Unscheduled/ }).click()
  const restore = page.getByRole('form', { name: /Restore the voided record of/ })
  await restore.getByLabel('Reason').fill('It was this runner after all')
  await restore.getByRole('button', { name: 'Restore record' }).click()
  await expect(table.getByRole('row').filter({ hasText: 'Unscheduled' })).not.toContainText('voided')
  await expect((await openHistory(page)).getByRole('row').filter({ hasText: 'It was this runner after all' })).toContainText('Restored (void undone)')
  expect((await long()).map(([timePoint]) => timePoint)).toContain('unscheduled')
  await openComparison(page)
  await expect(page.getByRole('status').filter({ hasText: 'The comparison includes' })).toContainText('The comparison includes one patient with a program')
})

test('patient details and enrollment answers corrected; a red flag added puts the program on hold', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Dana', lastName: 'Roth', enrolledOn: daysAgo(5) })
  await openPatient(page, clinic, 'Roth, Dana')

  await page.getByText('Correct patient details').click()
  const details = page.getByRole('form', { name: 'Correct patient details' })
  await details.getByLabel('Last name').fill('Rothe')
  await details.getByLabel('Date of birth').fill('1985-03-15')
  await details.getByLabel('Sex').selectOption({ label: 'Diverse' })
  await details.getByLabel('Reason for the correction').fill('Checked against the ID card')
  await details.getByRole('button', { name: 'Save correction' }).click()
  await expect(details.getByRole('status')).toHaveText('Correction saved.')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rothe')
  expect((await downloadCsv(page, 'Outcomes, wide form')).map((r) => r.sex)).toEqual(['diverse'])
  await openFromList(page, 'Rothe, Dana')

  await page.getByText('Correct the enrollment answers').click()
  const answers = page.getByRole('form', { name: 'Correct the enrollment answers' })
  await answers.getByLabel('Runs per week').fill('4')
  await answers.getByLabel('History of cancer').check()
  await answers.getByLabel('Reason for the correction').fill('Told us at the second visit')
  await answers.getByRole('button', { name: 'Save correction' }).click()
  await expect(answers.getByRole('alert')).toContainText('the program is on hold until the physician’s clearance is recorded')
  // The patient page: on hold, the red flag listed with the clearance form.
  await expect(page.getByText('Awaiting clearance').first()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Red flags' })).toContainText('History of cancer')

  const history = await openHistory(page)
  await expect(history.getByRole('row').filter({ hasText: 'Checked against the ID card' })).toContainText('Last name: Roth → Rothe')
  const flag = history.getByRole('row').filter({ hasText: 'Red-flag screen · Corrected' })
  await expect(flag).toContainText('History of cancer: No → Yes')
  await expect(flag).toContainText('Told us at the second visit')
  await expect(history.getByRole('row').filter({ hasText: 'Enrollment · Corrected' })).toContainText('Runs per week: 3 → 4')
})
