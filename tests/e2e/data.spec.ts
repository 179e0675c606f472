import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import type { PatientImportResult } from '../../electron/clinic/contract'
import { test, expect, type BrowserModeClinic } from './fixtures'
import { enrollByApi } from './factories'

/* Set BACKSTRIDE_SHOTS to a folder to keep screenshots of the Data screen. */
const shot = async (page: Page, name: string) => {
  if (process.env.BACKSTRIDE_SHOTS) await page.screenshot({ path: `${process.env.BACKSTRIDE_SHOTS}/${name}.png`, fullPage: true })
}

async function openData(page: Page, clinic: BrowserModeClinic) {
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Data', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible()
}

/** Clicks an export button and returns the saved file's name and text. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  return { name: file.suggestedFilename(), text: await readFile(await pathOf(file), 'utf8') }
}

async function pathOf(file: Download): Promise<string> {
  const path = await file.path()
  if (!path) throw new Error(`the download of ${file.suggestedFilename()} failed`)
  return path
}

/** A clinic's spreadsheet as Excel saves it: two patients to import and one row with a sex the import does not know. */
const SPREADSHEET = Buffer.from(
  [
    'clinic_id,first_name,last_name,date_of_birth,sex,phone,email,preferred_language,notes',
    ',Lena,Vogel,12.05.1990,w,,lena.vogel@example.org,deutsch,first visit in May',
    'IMP-2,Tom,Becker,1978-11-02,m,0761 123456,,en,',
    ',Jana,Roth,1985-02-14,x,,,de,',
    '',
  ].join('\r\n'),
)

const chooseSpreadsheet = (page: Page, buffer = SPREADSHEET) =>
  page.getByLabel('CSV file').setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer })

test('exports the outcomes in long form with one row per assessment, and warns that the register names the patients', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Jonas', lastName: 'Weber', clinicId: 'RUN-1' })
  await enrollByApi(clinic, { firstName: 'Eva', lastName: 'Brandt', clinicId: 'RUN-2', program: 'P2' })
  await openData(page, clinic)
  // Without simulated demo patients in the clinic there is nothing to include.
  await expect(page.getByLabel('Include demo patients')).toHaveCount(0)

  const long = await download(page, 'Outcomes, long form')
  expect(long.name).toBe('backstride-outcomes-long.csv')
  const [header, ...rows] = long.text.trim().split(/\r?\n/)
  expect(header.split(',').slice(0, 5)).toEqual(['clinic_id', 'enrolled_on', 'program', 'site', 'time_point'])
  // Each runner has one assessment so far, the baseline taken at enrollment.
  expect(rows).toHaveLength(2)
  expect(rows.map((row) => row.split(',')[0]).sort()).toEqual(['RUN-1', 'RUN-2'])
  expect(rows.every((row) => row.split(',')[4] === 'baseline')).toBe(true)
  expect(long.text).not.toContain('Weber')
  await expect(page.getByRole('status').filter({ hasText: 'backstride-outcomes-long.csv' })).toHaveText('backstride-outcomes-long.csv saved: 2 rows')

  const identifying = page.getByTestId('identifying-exports')
  await expect(identifying.getByRole('note')).toContainText('These files name the patients')
  const register = await download(page, 'Patient register (identifying data: names, dates of birth, contacts)')
  expect(register.name).toBe('backstride-patients.csv')
  expect(register.text).toContain('Weber')
  await shot(page, 'data-export')
})

test('previews a spreadsheet row by row, imports its new patients, and finds them as duplicates the second time', async ({ page, clinic }) => {
  await openData(page, clinic)
  await page.getByText('Columns the file needs').click()
  await expect(page.getByText('preferred_language', { exact: true })).toBeVisible()

  await chooseSpreadsheet(page)
  const preview = page.getByTestId('import-preview')
  await expect(preview.getByTestId('count-new')).toHaveText('2')
  await expect(preview.getByTestId('count-duplicates')).toHaveText('0')
  await expect(preview.getByTestId('count-invalid')).toHaveText('1')
  await expect(preview.getByTestId('ignored-columns')).toHaveText('Columns not read: notes')
  const invalid = preview.locator('tr[data-line="4"]')
  await expect(invalid).toContainText('Invalid')
  await expect(invalid).toContainText('sex: Choose the sex')
  await expect(invalid).toContainText('Accepted: f, m, d; female, male, diverse')
  await shot(page, 'data-import-preview')

  await page.getByRole('button', { name: 'Import 2 new patients' }).click()
  const result = page.getByTestId('import-result')
  await expect(result).toContainText('2 patients were created.')
  await expect(result.getByRole('link', { name: 'IMP-2' })).toBeVisible()
  await expect(result.getByTestId('skipped-invalid')).toContainText('Skipped one invalid row (line 4)')
  await shot(page, 'data-import-result')

  // The same file again: both patients are now in the clinic.
  await page.getByRole('button', { name: 'Import another file' }).click()
  await chooseSpreadsheet(page)
  await expect(preview.getByTestId('count-new')).toHaveText('0')
  await expect(preview.getByTestId('count-duplicates')).toHaveText('2')
  await expect(preview.locator('tr[data-line="2"]')).toContainText('Already in the clinic: Lena Vogel')
  await expect(preview.locator('tr[data-line="3"]')).toContainText('same clinic ID')
  await expect(page.getByRole('button', { name: 'No new patients to import' })).toBeDisabled()
  const again = await clinic.call<PatientImportResult>('imports/patients', { csv: SPREADSHEET.toString('utf8') })
  expect(again.ok && again.value.counts).toEqual({ created: 0, duplicates: 2, invalid: 1 })
})

test('shows what is wrong with a file that lacks a column next to the file picker', async ({ page, clinic }) => {
  await openData(page, clinic)
  await chooseSpreadsheet(page, Buffer.from('first_name;last_name;date_of_birth\nLena;Vogel;12.05.1990\n'))
  await expect(page.getByTestId('file-error')).toContainText('The header row has no column sex, preferred_language')
  await expect(page.getByTestId('import-preview')).toHaveCount(0)
})

test('a blinded assessor has no Data item and sees no export buttons', async ({ page, clinic }) => {
  const assessor = { username: 'ines.assess', displayName: 'Ines Krause', role: 'assessor', password: '5629014' }
  expect(await clinic.call('users/create', assessor)).toMatchObject({ ok: true })
  await clinic.call('auth/signOut')
  expect(await clinic.call('auth/signIn', { username: assessor.username, password: assessor.password })).toMatchObject({ ok: true })

  await page.goto(clinic.url)
  await expect(page.getByText(`Signed in as ${assessor.displayName}`)).toBeVisible()
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Data', exact: true })).toHaveCount(0)
  await page.goto(`${clinic.origin}/#/data`)
  await expect(page.getByRole('note')).toContainText('closed to blinded assessors')
  await expect(page.getByRole('button', { name: 'Outcomes, long form' })).toHaveCount(0)
})
