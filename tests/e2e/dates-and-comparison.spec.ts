import type { Page } from '@playwright/test'
import { todayLocal } from '../../electron/clinic/rules/calendar'
import { daysAgo, enrollByApi } from './factories'
import { expect, test } from './fixtures'

/** A YYYY-MM-DD date written out by hand the German way (31.03.2026) and the English day-first way (31/03/2026). */
const german = (iso: string) => iso.split('-').reverse().join('.')
const british = (iso: string) => iso.split('-').reverse().join('/')

async function chooseLanguage(page: Page, clinicOrigin: string, language: 'de' | 'en') {
  await page.goto(`${clinicOrigin}/#/settings`)
  await page.getByRole('combobox', { name: /^(Language|Sprache)$/ }).first().selectOption(language)
}

test('a German desk shows and reads dates as DD.MM.YYYY in fields, tables and the sheet', async ({ page, clinic }) => {
  const start = daysAgo(10)
  const { patientId } = await enrollByApi(clinic, { firstName: 'Lena', lastName: 'Wolf', enrolledOn: start })
  await page.goto(clinic.url)
  await chooseLanguage(page, clinic.origin, 'de')
  // Until the desk chooses, the date format follows the language.
  await expect(page.getByRole('combobox', { name: 'Datumsformat' })).toHaveValue('language')
  await expect(page.getByRole('combobox', { name: 'Datumsformat' }).getByRole('option', { selected: true })).toHaveText(/\d{2}\.\d{2}\.\d{4}/)

  // Tables: the assessments on the patient page.
  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  const assessments = page.getByRole('region', { name: 'Erhebungen' })
  await expect(assessments.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(german(start))

  // Fields: the session date starts at today, in the German format, and reads what a German types.
  await page.goto(`${clinic.origin}/#/patients/${patientId}/sessions/new`)
  const sessionDate = page.getByLabel('Datum der Einheit')
  await expect(sessionDate).toHaveValue(german(todayLocal()))
  await expect(sessionDate).toHaveAccessibleDescription('TT.MM.JJJJ')
  await sessionDate.fill('31.02.2026')
  await expect(sessionDate).toHaveAccessibleDescription(/Datum als TT\.MM\.JJJJ eingeben, zum Beispiel 31\.03\.2026/)
  await sessionDate.fill(`${Number(start.slice(8))}.${Number(start.slice(5, 7))}.${start.slice(0, 4)}`)
  await sessionDate.blur()
  await expect(sessionDate).toHaveValue(german(start))
  await expect(sessionDate).toHaveAccessibleDescription('TT.MM.JJJJ')

  // The sheet: printed on today.
  await page.goto(`${clinic.origin}/#/patients/${patientId}/sheet`)
  await expect(page.getByRole('definition').filter({ hasText: german(todayLocal()) }).first()).toBeVisible()
  await expect(page.getByText(/\d{1,2}\/\d{1,2}\/\d{4}/)).toHaveCount(0)
})

test('an English desk writes the day first (DD/MM/YYYY), never the browser’s month first', async ({ page, clinic }) => {
  const start = daysAgo(3)
  const { patientId } = await enrollByApi(clinic, { firstName: 'Tom', lastName: 'Huber', enrolledOn: start })
  await page.goto(clinic.url)
  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await expect(page.getByRole('region', { name: 'Assessments' }).getByRole('row').nth(1).getByRole('cell').first()).toHaveText(british(start))

  // The desk may choose the German format while the screens stay English.
  await chooseLanguage(page, clinic.origin, 'en')
  await page.getByRole('combobox', { name: 'Date format' }).selectOption('de')
  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await expect(page.getByRole('region', { name: 'Assessments' }).getByRole('row').nth(1).getByRole('cell').first()).toHaveText(german(start))
})

test.describe('the comparison in words', () => {
  test.use({ demoCohort: true })

  test('says what the numbers mean and marks every p value of groups that were not randomised', async ({ page, clinic }) => {
    test.setTimeout(90_000)
    await page.goto(clinic.url)
    await page.goto(`${clinic.origin}/#/comparison`)
    // The comparison opens at the latest follow-up with data in every program; the sentences follow the one chosen.
    await page.getByRole('group', { name: 'Follow-up' }).getByRole('radio', { name: 'Week 8' }).click()
    const summary = page.getByRole('region', { name: 'In words' })
    await expect(summary.getByText(/^At week 8, the end of the program, running pain (improved|worsened) by \d+\.\d points \(95%\sCI\s-?\d+\.\d to -?\d+\.\d\) in P1, /)).toBeVisible()
    await expect(summary.getByText(/^At week 8, the end of the program, runability /)).toBeVisible()
    await expect(summary.getByText(/(It improved more in P\d than in P\d, by|the data are compatible with no difference)/).first()).toBeVisible()
    // All patients: programs chosen by hand, so no p value tests the programs, and no sentence says a program works.
    await expect(summary).not.toContainText(/because|caused|works better|effect of/)
    const caveat = 'These groups were not randomised'
    await expect(summary.getByRole('note')).toContainText(caveat)
    const differences = page.getByRole('region', { name: 'Between-group differences in mean change' })
    await expect(differences.getByRole('note')).toContainText(caveat)
    for (const table of await differences.getByRole('table').all()) {
      for (const row of (await table.getByRole('row').all()).slice(1)) {
        const cells = row.getByRole('cell')
        const last = cells.last()
        // A row whose test could not be computed shows the reason instead of a p value.
        if ((await cells.count()) >= 3) await expect(last).toContainText('†')
      }
    }

    // Another follow-up: the sentences follow.
    await page.getByRole('group', { name: 'Follow-up' }).getByRole('radio', { name: '6 months after' }).click()
    await expect(summary.getByText(/^Six months after the program, running pain /)).toBeVisible()

    // In German (the follow-up chosen stays chosen).
    await chooseLanguage(page, clinic.origin, 'de')
    await page.goto(`${clinic.origin}/#/comparison`)
    const worte = page.getByRole('region', { name: 'In Worten' })
    await expect(worte.getByText(/^Sechs Monate nach dem Programm hat sich der Schmerz beim Laufen in P1 um \d+,\d Punkte \(95.%.KI\s\S+ bis \S+\) (gebessert|verschlechtert)/)).toBeVisible()
    await expect(worte.getByRole('note')).toContainText('Diese Gruppen wurden nicht randomisiert')
  })
})
