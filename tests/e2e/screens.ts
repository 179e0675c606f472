import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import { expect } from './fixtures'

/*
 * Reading the screens as a user does: by the main navigation, headings, labels, table captions and
 * row and column headers, and by downloading a file from the Data screen.
 */

/** Moves through the app's own navigation (the address with the token is opened once, at the start). */
export const nav = (page: Page, link: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click()

/** Opens a patient from the patient list ("Meier, Anna"). */
export async function openPatient(page: Page, name: string) {
  await nav(page, 'Patients')
  await page.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name.split(', ').reverse().join(' ')) })).toBeVisible()
}

/** Opens a card's disclosure by its visible summary. */
export const disclose = (page: Page, summary: string) => page.getByText(summary, { exact: true }).click()

/** Opens "History of changes" on the patient page and returns its table. */
export async function historyTable(page: Page) {
  await disclose(page, 'History of changes')
  const table = page.getByRole('table', { name: 'History of changes' })
  await expect(table).toBeVisible()
  return table
}

/** Downloads a CSV from the Data screen with the button a user presses, and reads it as csv-parse does ({ bom: true }). */
export async function downloadCsv(page: Page, button: string): Promise<Record<string, string>[]> {
  await nav(page, 'Data')
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()])
  const text = await readFile((await file.path())!, 'utf8')
  return parse(text, { columns: true, bom: true }) as Record<string, string>[]
}

export async function openComparison(page: Page) {
  await nav(page, 'Compare programs')
  await expect(page.getByRole('heading', { level: 1, name: 'Compare programs' })).toBeVisible()
}

/**
 * The cell of a table at a row (found by its row header, e.g. "P1 Leg strength" by /^P1/) and a column
 * (found by its column header's text), as a reader finds a figure.
 */
export async function cellAt(table: Locator, row: string | RegExp, column: string): Promise<Locator> {
  // The screen may still be loading: wait for the column before reading the headers.
  await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible()
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim())
  const index = headers.indexOf(column)
  if (index < 0) throw new Error(`no column "${column}" among ${headers.join(' | ')}`)
  const line = table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: row }) })
  // The row header is the first cell of the row: column n is cell n - 1 of the data cells.
  return line.getByRole('cell').nth(index - 1)
}

/** A program's figure in a comparison table found by its caption, e.g. ("Attendance and drop-out", "P1", "Dropped out"). */
export const comparisonFigure = (page: Page, table: string, program: 'P1' | 'P2' | 'P3', column: string) =>
  cellAt(page.getByRole('table', { name: table, exact: true }), new RegExp(`^${program}\\b`), column)
