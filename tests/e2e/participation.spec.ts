import { todayLocal } from '../../electron/clinic/rules/calendar'
import { test, expect } from './fixtures'
import { daysAgo, enrollByApi } from './factories'
import { comparisonFigure, disclose, downloadCsv, historyTable, openComparison, openPatient } from './screens'

/*
 * Withdrawal, its correction and re-admission, adverse events (recorded, corrected, voided) and a
 * consent change, each made through the visible forms of the patient page, then read back on the
 * patient page, in the history of changes, on the Compare programs screen and in a CSV downloaded
 * from the Data screen.
 */

const today = todayLocal()
/** A date as an English desk shows it: day first (dd/mm/yyyy), the clinic's default for English. */
const shown = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' })
const ATTENDANCE = 'Attendance and drop-out'

test('a therapist withdraws a runner, who counts as a drop-out, then re-admits her', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Anna', lastName: 'Meier', clinicId: 'W-1', enrolledOn: daysAgo(10) })
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
  const rows = (await historyTable(page)).getByRole('row')
  const withdrawn = rows.filter({ hasText: 'Withdrawn from the program' })
  await expect(withdrawn).toContainText('mara.lead')
  await expect(withdrawn).toContainText(`Withdrawn on: — → ${today}`)
  await expect(withdrawn).toContainText("Reason category: — → Patient's choice")
  await expect(withdrawn).toContainText('Moved to Hamburg')

  // The comparison counts her as the one drop-out of P1 (both runners do P1).
  await openComparison(page)
  await expect(await comparisonFigure(page, ATTENDANCE, 'P1', 'n')).toHaveText('2')
  await expect(await comparisonFigure(page, ATTENDANCE, 'P1', 'Dropped out')).toHaveText('1')

  // The wide CSV carries the withdrawal.
  const wide = await downloadCsv(page, 'Outcomes, wide form')
  expect(wide.find((r) => r.clinic_id === 'W-1')).toMatchObject({ withdrawn_on: today, withdrawal_category: 'patient_choice', withdrawal_reason: 'Moved to Hamburg' })
  expect(wide.find((r) => r.clinic_id === 'W-2')).toMatchObject({ withdrawn_on: '', withdrawal_category: '' })

  // The withdrawal was recorded with the wrong day and category: corrected, with the reason.
  await openPatient(page, 'Meier, Anna')
  await disclose(page, 'Correct the withdrawal')
  const correction = page.getByRole('form', { name: 'Correct the withdrawal' })
  await expect(correction.getByLabel('Reason (free text)')).toHaveValue('Moved to Hamburg')
  await correction.getByLabel('Date of withdrawal').fill(daysAgo(2))
  await correction.getByLabel('Reason category').selectOption({ label: 'Lost to contact' })
  await correction.getByRole('button', { name: 'Save correction' }).click()
  await expect(correction.getByLabel('Reason for the correction')).toHaveAccessibleDescription(/Enter the reason for the correction/)
  await correction.getByLabel('Reason for the correction').fill('She stopped answering two days ago')
  await correction.getByRole('button', { name: 'Save correction' }).click()
  await expect(correction).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'Withdrawn from the program on' })).toContainText(
    `Withdrawn from the program on ${shown.format(new Date(`${daysAgo(2)}T12:00:00`))}`,
  )
  await expect(page.getByRole('status').filter({ hasText: 'Withdrawn from the program on' })).toContainText('Lost to contact: Moved to Hamburg')
  const fixed = (await historyTable(page)).getByRole('row').filter({ hasText: 'She stopped answering two days ago' })
  await expect(fixed).toContainText('Enrollment · Corrected')
  await expect(fixed).toContainText('mara.lead')
  await expect(fixed).toContainText(`Withdrawn on: ${today} → ${daysAgo(2)}`)
  await expect(fixed).toContainText("Reason category: Patient's choice → Lost to contact")
  await openComparison(page)
  await expect(await comparisonFigure(page, ATTENDANCE, 'P1', 'Dropped out')).toHaveText('1')
  const corrected = await downloadCsv(page, 'Outcomes, wide form')
  expect(corrected.find((r) => r.clinic_id === 'W-1')).toMatchObject({ withdrawn_on: daysAgo(2), withdrawal_category: 'lost_to_contact' })

  // Re-admission with a reason: back in the program, no drop-out, the history keeps both.
  await openPatient(page, 'Meier, Anna')
  await disclose(page, 'Re-admit to the program')
  await page.getByLabel('Reason for re-admission').fill('Back from Hamburg')
  await page.getByRole('button', { name: 'Re-admit' }).click()
  await expect(page.getByRole('link', { name: 'Record a session' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Withdrawn from the program on' })).toHaveCount(0)
  const after = (await historyTable(page)).getByRole('row')
  await expect(after.filter({ hasText: 'Re-admitted' })).toContainText('Back from Hamburg')
  await expect(after.filter({ hasText: 'Re-admitted' })).toContainText(`Withdrawn on: ${daysAgo(2)} → —`)
  await openComparison(page)
  await expect(await comparisonFigure(page, ATTENDANCE, 'P1', 'Dropped out')).toHaveText('0')
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

  const rows = (await historyTable(page)).getByRole('row')
  await expect(rows.filter({ hasText: 'Adverse event · Recorded' })).toContainText('mara.lead')

  await openComparison(page)
  await expect(await comparisonFigure(page, 'Adverse events', 'P2', 'Events')).toHaveText('1')
  await expect(await comparisonFigure(page, 'Adverse events', 'P2', 'Serious')).toHaveText('1')
  await expect(await comparisonFigure(page, 'Adverse events', 'P2', 'Related to the program')).toHaveText('0')
  await expect(await comparisonFigure(page, ATTENDANCE, 'P2', 'Dropped out')).toHaveText('1')

  const exported = await downloadCsv(page, 'Adverse events')
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

  const change = (await historyTable(page)).getByRole('row').filter({ hasText: 'comparison consent withdrawn' })
  await expect(change).toContainText(`Consent withdrawn on: — → ${today}`)
  await expect(change).toContainText('mara.lead')

  await openComparison(page)
  const status = page.getByRole('status').filter({ hasText: 'The comparison includes' })
  await expect(status).toContainText('This analysis set leaves out 0 of the 2 runners who match the filter.')
  await page.getByLabel('Analysis set').selectOption({ label: 'Consented to the comparison (as in the exports and the group report)' })
  await expect(status).toContainText('This analysis set leaves out 1 of the 2 runners who match the filter.')
  await expect(status).toContainText('The comparison includes one patient with a program')

  const wide = await downloadCsv(page, 'Outcomes, wide form')
  expect(wide.map((r) => r.clinic_id)).toEqual(['C-2'])
})

test('an adverse event corrected to serious asks whether to withdraw; another, entered in error, is voided and restored', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Finn', lastName: 'Berg', clinicId: 'AE-2', program: 'P3', enrolledOn: daysAgo(10) })
  await page.goto(clinic.url)
  await openPatient(page, 'Berg, Finn')
  const record = async (occurredOn: string, description: string, severity: string) => {
    await disclose(page, 'Record an adverse event')
    const form = page.getByRole('form', { name: 'Record an adverse event' })
    await form.getByLabel('Date of the event').fill(occurredOn)
    await form.getByLabel('What happened').fill(description)
    await form.getByRole('group', { name: 'Severity' }).getByLabel(severity).check()
    await form.getByRole('group', { name: 'Related to the exercise program' }).getByLabel('No').check()
    await form.getByLabel('Action taken').fill('Rest for a week')
    await form.getByRole('button', { name: 'Save adverse event' }).click()
    await expect(form).toBeHidden()
  }
  await record(daysAgo(5), 'Twisted ankle on a trail run', 'Mild')
  await record(daysAgo(3), 'Knee pain (was another runner)', 'Moderate')
  const events = page.getByRole('table', { name: 'Adverse events' })
  await expect(events.getByRole('row')).toHaveCount(3)

  // The first was worse than written down: corrected to serious and related; the card asks whether to withdraw.
  await events.getByRole('button', { name: `Correct adverse event of ${shown.format(new Date(`${daysAgo(5)}T12:00:00`))}` }).click()
  const correction = page.getByRole('form', { name: /Correct the adverse event of/ })
  await expect(correction.getByLabel('What happened')).toHaveValue('Twisted ankle on a trail run')
  await correction.getByRole('group', { name: 'Severity' }).getByLabel('Serious').check()
  await correction.getByRole('group', { name: 'Related to the exercise program' }).getByLabel('Unclear').check()
  await correction.getByLabel('Reason for the correction').fill('Fracture found on the X-ray')
  await correction.getByRole('button', { name: 'Save correction' }).click()
  await expect(correction).toHaveCount(0)
  const question = page.getByRole('alertdialog', { name: /serious adverse event/ })
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Keep in the program' }).click()
  await expect(question).toHaveCount(0)
  const first = events.getByRole('row').filter({ hasText: 'Twisted ankle' })
  await expect(first).toContainText('corrected')
  await expect(first.getByRole('cell').nth(2)).toHaveText('Serious')

  // The second was entered on the wrong runner: voided with the reason, kept and marked.
  await events.getByRole('button', { name: `Void adverse event of ${shown.format(new Date(`${daysAgo(3)}T12:00:00`))}` }).click()
  const voiding = page.getByRole('form', { name: /Void the record of/ })
  await voiding.getByRole('button', { name: 'Void record' }).click()
  await expect(voiding.getByLabel('Reason')).toHaveAccessibleDescription(/Enter the reason for the correction/)
  await voiding.getByLabel('Reason').fill('Entered on the wrong runner')
  await voiding.getByRole('button', { name: 'Void record' }).click()
  await expect(voiding).toHaveCount(0)
  const second = events.getByRole('row').filter({ hasText: 'Knee pain' })
  await expect(second).toContainText('voided')
  await expect(second).toContainText('by mara.lead: Entered on the wrong runner')

  const history = await historyTable(page)
  const corrected = history.getByRole('row').filter({ hasText: 'Fracture found on the X-ray' })
  await expect(corrected).toContainText('Adverse event · Corrected')
  await expect(corrected).toContainText('mara.lead')
  await expect(corrected).toContainText('Severity: Mild → Serious')
  await expect(corrected).toContainText('Related to the exercise program: No → Unclear')
  const voided = history.getByRole('row').filter({ hasText: 'Entered on the wrong runner' })
  await expect(voided).toContainText('Adverse event · Voided')
  await expect(voided).toContainText('Voided: No → Yes')

  // The comparison and the export count the corrected event and leave the voided one out.
  await openComparison(page)
  await expect(await comparisonFigure(page, 'Adverse events', 'P3', 'Events')).toHaveText('1')
  await expect(await comparisonFigure(page, 'Adverse events', 'P3', 'Serious')).toHaveText('1')
  await expect(await comparisonFigure(page, 'Adverse events', 'P3', 'Related to the program')).toHaveText('0')
  expect((await downloadCsv(page, 'Adverse events')).map((r) => [r.clinic_id, r.occurred_on, r.severity, r.related, r.description])).toEqual([
    ['AE-2', daysAgo(5), 'serious', 'unclear', 'Twisted ankle on a trail run'],
  ])

  // Restored after all: counted again.
  await openPatient(page, 'Berg, Finn')
  await events.getByRole('button', { name: /^Restore adverse event of/ }).click()
  const restore = page.getByRole('form', { name: /Restore the voided record of/ })
  await restore.getByLabel('Reason').fill('It was his knee after all')
  await restore.getByRole('button', { name: 'Restore record' }).click()
  await expect(events.getByRole('row').filter({ hasText: 'Knee pain' })).not.toContainText('voided')
  await expect((await historyTable(page)).getByRole('row').filter({ hasText: 'It was his knee after all' })).toContainText('Restored (void undone)')
  await openComparison(page)
  await expect(await comparisonFigure(page, 'Adverse events', 'P3', 'Events')).toHaveText('2')
})

