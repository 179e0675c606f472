import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { todayLocal } from '../../electron/clinic/rules/calendar'
import { test, expect, type BrowserModeClinic } from './fixtures'
import { enrollByApi } from './factories'

/*
 * Withdrawal, re-admission, an adverse event and a consent change, each made
 * through the visible forms of the patient page, then read back on the patient
 * page, in the history of changes, in the comparison and in a CSV export.
 */

const today = todayLocal()
/** Today as the English screens write a date (the history's "before → after" shows the stored value). */
/** A date as an English desk shows it: day first (dd/mm/yyyy), the clinic's default for English. */
const shown = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' })

/** Moves through the app's own navigation (the address with the token is opened once, at the start). */
const nav = (page: Page, link: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click()

async function openPatient(page: Page, name: string) {
  await nav(page, 'Patients')
  await page.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name.split(', ').reverse().join(' ')) })).toBeVisible()
}

/** Opens a card's disclosure by its visible summary. */
const disclose = (page: Page, summary: string) => page.getByText(summary, { exact: true }).click()

async function historyRows(page: Page) {
  await disclose(page, 'History of changes')
  return page.getByRole('table', { name: 'History of changes' }).getByRole('row')
}

/** Downloads a statistics CSV from the Data screen and returns its rows as objects. */
async function exportCsv(page: Page, button: string): Promise<Record<string, string>[]> {
  await nav(page, 'Data')
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()])
  const text = await readFile((await file.path())!, 'utf8')
  const [header, ...lines] = text.trim().split('\r\n')
  const columns = header.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])))
}

async function openComparison(page: Page) {
  await nav(page, 'Compare programs')
  await expect(page.getByRole('heading', { level: 1, name: 'Compare programs' })).toBeVisible()
}

test('a therapist withdraws a runner, who counts as a drop-out, then re-admits her', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Anna', lastName: 'Meier', clinicId: 'W-1' })
  await enrollByApi(clinic, { firstName: 'Ben', lastName: 'Okafor', clinicId: 'W-2' })
  await page.goto(clinic.url)
  await openPatient(page, 'Meier, Anna')

  await disclose(page, 'Withdraw from the program')
  const card = page.getByRole('region', { name: 'Withdraw from the program' })
  await card.getByRole('button', { name: 'Save the withdrawal' }).click()
  // Nothing chosen yet: the form says what is missing, at each field.
  await expect(card.getByLabel('Reason category')).toHaveAccessibleDescription(/Choose the reason category/)
  await expect(card.getByLabel('Reason (free text)')).toHaveAccessibleDescription(/Enter the reason$/)
  await card.getByLabel('Date of withdrawal').fill(today)
  await card.getByLabel('Reason category').selectOption({ label: "Patient's choice" })
  await card.getByLabel('Reason (free text)').fill('Moved to Hamburg')
  await card.getByRole('button', { name: 'Save the withdrawal' }).click()

  // The patient page: withdrawn, with the date and reason, no session button, follow-ups still listed.
  await expect(page.getByRole('status').filter({ hasText: 'Withdrawn from the program on' })).toContainText("Patient's choice: Moved to Hamburg")
  await expect(page.getByText('Withdrawn', { exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Record a session' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Follow-up schedule' }).getByRole('row')).toHaveCount(5)

  // The history: who, when, before → after, why.
  const rows = await historyRows(page)
  const withdrawn = rows.filter({ hasText: 'Withdrawn from the program' })
  await expect(withdrawn).toContainText('mara.lead')
  await expect(withdrawn).toContainText(`Withdrawn on: — → ${today}`)
  await expect(withdrawn).toContainText("Reason category: — → Patient's choice")
  await expect(withdrawn).toContainText('Moved to Hamburg')

  // The comparison counts her as the one drop-out of P1 (both runners do P1).
  await openComparison(page)
  const p1 = page.getByTestId('attendance-table').locator('tr[data-program="P1"]')
  await expect(p1.locator('[data-stat=n]')).toHaveText('2')
  await expect(p1.locator('[data-stat=droppedOut]')).toHaveText('1')

  // The wide CSV carries the withdrawal.
  const wide = await exportCsv(page, 'Outcomes, wide form')
  expect(wide.find((r) => r.clinic_id === 'W-1')).toMatchObject({ withdrawn_on: today, withdrawal_category: 'patient_choice', withdrawal_reason: 'Moved to Hamburg' })
  expect(wide.find((r) => r.clinic_id === 'W-2')).toMatchObject({ withdrawn_on: '', withdrawal_category: '' })

  // Re-admission with a reason: back in the program, no drop-out, the history keeps both.
  await openPatient(page, 'Meier, Anna')
  await disclose(page, 'Re-admit to the program')
  await page.getByLabel('Reason for re-admission').fill('Back from Hamburg')
  await page.getByRole('button', { name: 'Re-admit' }).click()
  await expect(page.getByRole('link', { name: 'Record a session' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Withdrawn from the program on' })).toHaveCount(0)
  const after = await historyRows(page)
  await expect(after.filter({ hasText: 'Re-admitted' })).toContainText('Back from Hamburg')
  await expect(after.filter({ hasText: 'Re-admitted' })).toContainText(`Withdrawn on: ${today} → —`)
  await openComparison(page)
  await expect(page.getByTestId('attendance-table').locator('tr[data-program="P1"] [data-stat=droppedOut]')).toHaveText('0')
})

test('a serious adverse event is recorded, asks whether to withdraw, and is counted and exported', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Carla', lastName: 'Nowak', clinicId: 'AE-1', program: 'P2' })
  await page.goto(clinic.url)
  await openPatient(page, 'Nowak, Carla')

  await disclose(page, 'Record an adverse event')
  const form = page.getByRole('form', { name: 'Record an adverse event' })
  await form.getByLabel('Date of the event').fill(today)
  await form.getByLabel('What happened').fill('Sharp back pain with numbness in the left leg after the session')
  await form.getByRole('group', { name: 'Severity' }).getByLabel('Serious').check()
  await form.getByRole('group', { name: 'Related to the exercise program' }).getByLabel('Unclear').check()
  await form.getByLabel('Action taken').fill('Sent to the GP the same day')
  await form.getByRole('button', { name: 'Save adverse event' }).click()

  // Listed on the patient page; a serious one asks whether to withdraw.
  const events = page.getByRole('region', { name: 'Adverse events' })
  await expect(events.getByRole('row').nth(1)).toContainText('Sharp back pain with numbness')
  await expect(events.getByRole('row').nth(1)).toContainText('Serious')
  const question = page.getByRole('alertdialog', { name: /serious adverse event/ })
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Withdraw the runner' }).click()
  // The withdrawal form opens filled in from the event; the therapist confirms it.
  const withdrawal = page.getByRole('region', { name: 'Withdraw from the program' })
  await expect(withdrawal.getByLabel('Reason category')).toHaveValue('adverse_event')
  await expect(withdrawal.getByLabel('Reason (free text)')).toHaveValue('Sharp back pain with numbness in the left leg after the session')
  await withdrawal.getByRole('button', { name: 'Save the withdrawal' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Withdrawn from the program on' })).toContainText('Adverse event')

  const rows = await historyRows(page)
  await expect(rows.filter({ hasText: 'Adverse event · Recorded' })).toContainText('mara.lead')

  await openComparison(page)
  const p2 = page.getByTestId('adverse-events-table').locator('tr[data-program="P2"]')
  await expect(p2.locator('[data-stat=events]')).toHaveText('1')
  await expect(p2.locator('[data-stat=serious]')).toHaveText('1')
  await expect(p2.locator('[data-stat=related]')).toHaveText('0')
  await expect(page.getByTestId('attendance-table').locator('tr[data-program="P2"] [data-stat=droppedOut]')).toHaveText('1')

  const exported = await exportCsv(page, 'Adverse events')
  expect(exported).toEqual([
    expect.objectContaining({ clinic_id: 'AE-1', program: 'P2', occurred_on: today, severity: 'serious', related: 'unclear' }),
  ])
})

test('a runner withdraws the comparison consent: left out of the consented set and the statistics export', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Dora', lastName: 'Sommer', clinicId: 'C-1' })
  await enrollByApi(clinic, { firstName: 'Emil', lastName: 'Winter', clinicId: 'C-2' })
  await page.goto(clinic.url)
  await openPatient(page, 'Sommer, Dora')

  const consent = page.getByRole('region', { name: 'Consent' })
  await expect(consent).toContainText(`Given on ${shown.format(new Date(`${today}T12:00:00`))}`)
  await disclose(page, 'Record or change the comparison consent')
  const form = page.getByRole('form', { name: 'Record or change the comparison consent' })
  await form.getByRole('group', { name: 'Does the runner consent to take part in the program comparison?' }).getByLabel('Consent withdrawn').check()
  await form.getByLabel('Date of the answer').fill(today)
  await form.getByRole('button', { name: 'Save the answer' }).click()
  await expect(consent).toContainText('Withdrawn on')
  await expect(consent).toContainText('The runner is left out of the statistics exports and the group report')

  const rows = await historyRows(page)
  const change = rows.filter({ hasText: 'comparison consent withdrawn' })
  await expect(change).toContainText(`Consent withdrawn on: — → ${today}`)
  await expect(change).toContainText('mara.lead')

  await openComparison(page)
  await expect(page.getByTestId('left-out')).toHaveText('This analysis set leaves out 0 of the 2 runners who match the filter.')
  await page.getByLabel('Analysis set').selectOption({ label: 'Consented to the comparison (as in the exports and the group report)' })
  await expect(page.getByTestId('left-out')).toHaveText('This analysis set leaves out 1 of the 2 runners who match the filter.')
  await expect(page.getByTestId('comparison-count')).toHaveText('The comparison includes one patient with a program')

  const wide = await exportCsv(page, 'Outcomes, wide form')
  expect(wide.map((r) => r.clinic_id)).toEqual(['C-2'])
})
