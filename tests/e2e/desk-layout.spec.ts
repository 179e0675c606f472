import type { Locator, Page } from '@playwright/test'
import type { PatientPage } from '../../electron/clinic/contract'
import { expect, test } from './fixtures'

/** The German desk in the smaller window the issue was seen at (`npm run screenshots` takes the same size). */
test.use({ viewport: { width: 1024, height: 768 } })

async function speakGerman(page: Page, clinicOrigin: string) {
  await page.goto(`${clinicOrigin}/#/settings`)
  await page.getByRole('combobox', { name: 'Language' }).first().selectOption('de')
}

async function top(locator: Locator) {
  const box = await locator.boundingBox()
  if (!box) throw new Error('not on screen')
  return box.y
}

test('a date filter names its format once and sits level with the selects of its row', async ({ page, clinic }) => {
  await page.goto(clinic.url)
  await speakGerman(page, clinic.origin)
  await page.goto(`${clinic.origin}/#/comparison`)
  const filters = page.getByRole('search')
  const from = filters.getByLabel('Aufgenommen ab')
  const to = filters.getByLabel('Aufgenommen bis')
  // The format once: as the field's description below it, not again as a placeholder inside it.
  await expect(from).toHaveAccessibleDescription('TT.MM.JJJJ')
  await expect(filters.getByText('TT.MM.JJJJ', { exact: true })).toHaveCount(2)
  for (const field of [from, to]) expect(await field.getAttribute('placeholder')).toBeNull()
  // Three columns at 1024 px: both date fields and the out-of-window select in the first row.
  const windowTop = await top(filters.getByLabel('Außerhalb des Zeitfensters'))
  expect(Math.abs((await top(from)) - windowTop)).toBeLessThanOrEqual(2)
  expect(Math.abs((await top(to)) - windowTop)).toBeLessThanOrEqual(2)
})

test('the patient list’s search field and its two selects line up', async ({ page, clinic }) => {
  await page.goto(clinic.url)
  await speakGerman(page, clinic.origin)
  await page.goto(`${clinic.origin}/#/`)
  const filters = page.getByRole('search')
  const searchBox = await filters.getByLabel('Suche nach Name oder Praxis-ID').boundingBox()
  for (const label of ['Programm', 'Status']) {
    const select = await filters.getByLabel(label, { exact: true }).boundingBox()
    // The same top and the same height: a select is as tall as the text field beside it.
    expect(Math.abs((select?.y ?? 0) - (searchBox?.y ?? -10))).toBeLessThanOrEqual(2)
    expect(Math.abs((select?.height ?? 0) - (searchBox?.height ?? -10))).toBeLessThanOrEqual(2)
  }
})

test.describe('a runner through the whole program', () => {
  test.use({ demoCohort: true })

  test('the assessments table fits its card, actions included, and the chart shares its column with the follow-ups', async ({ page, clinic }) => {
    const list = await clinic.call<PatientPage>('patients/list', { search: '', programCode: null, status: 'completed' })
    if (!list.ok) throw new Error(list.error.message)
    const runner = list.value.rows[0]
    await page.goto(clinic.url)
    await speakGerman(page, clinic.origin)
    await page.goto(`${clinic.origin}/#/patients/${runner.patientId}`)

    const assessments = page.getByRole('region', { name: 'Erhebungen' })
    // Baseline and follow-ups, each follow-up with both of its actions.
    await expect(assessments.getByRole('button', { name: /^Stornieren/ }).first()).toBeVisible()
    const wrap = assessments.locator('.table-wrap')
    const overflow = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const wrapRight = await wrap.evaluate((el) => el.getBoundingClientRect().right)
    for (const button of await assessments.getByRole('button', { name: /^Stornieren/ }).all()) {
      expect(await button.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(wrapRight)
    }

    // Two columns that end near each other: the follow-ups sit under the chart, not under the program cards.
    const chart = page.getByRole('region', { name: 'Schmerz und Lauffähigkeit im Verlauf' })
    const followUps = page.getByRole('region', { name: 'Verlaufskontrollen' })
    const chartBox = await chart.boundingBox()
    const followUpsBox = await followUps.boundingBox()
    expect(followUpsBox?.x).toBe(chartBox?.x)
  })
})
