import type { PatientImportResult, PatientPage } from '../../electron/clinic/contract'
import { test, expect } from './fixtures'

test.describe('the demo cohort', () => {
  test.use({ demoCohort: true })

  test('renders only a window of the 84 demo patients and scrolls to the last one', async ({ page, clinic }) => {
    const list = await clinic.call<PatientPage>('patients/list', { search: '', programCode: null, status: null })
    if (!list.ok) throw new Error(list.error.message)
    const last = list.value.rows.at(-1)!
    await page.goto(clinic.url)
    await expect(page.getByText('84 patients')).toBeVisible()

    const rows = page.getByRole('table').getByRole('row')
    await expect(rows.nth(1)).toBeVisible()
    const rendered = await rows.count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(60)
    await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', '85')

    const lastLink = page.getByRole('link', { name: `${last.lastName}, ${last.firstName}` })
    await expect(lastLink).toHaveCount(0)
    const scroller = page.getByTestId('patient-list-scroller')
    await scroller.hover()
    for (let i = 0; i < 30 && !(await lastLink.isVisible()); i++) await page.mouse.wheel(0, 600)
    await expect(lastLink).toBeVisible()
    await expect(rows.last()).toHaveAttribute('aria-rowindex', '85')
    expect(await rows.count()).toBeLessThan(60)

    await lastLink.click()
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${last.firstName} ${last.lastName}`) })).toBeVisible()
  })
})

test('fetches the pages after the first as the therapist scrolls, to the last of 250 patients', async ({ page, clinic }) => {
  // 250 patients: the list asks for 100 at a time, so the last ones come with the third page.
  const csv = [
    'first_name;last_name;date_of_birth;sex;preferred_language',
    ...Array.from({ length: 250 }, (_, i) => `Runner${String(i).padStart(3, '0')};Zeile${String(i).padStart(3, '0')};1980-01-${String(1 + (i % 28)).padStart(2, '0')};f;de`),
  ].join('\n')
  const imported = await clinic.call<PatientImportResult>('imports/patients', { csv })
  expect(imported).toMatchObject({ ok: true, value: { counts: { created: 250 } } })
  const first = await clinic.call<PatientPage>('patients/list', {})
  if (!first.ok) throw new Error(first.error.message)
  expect(first.value.rows).toHaveLength(100)
  expect(first.value.total).toBe(250)

  await page.goto(clinic.url)
  await expect(page.getByText('250 patients')).toBeVisible()
  const table = page.getByRole('table')
  await expect(table).toHaveAttribute('aria-rowcount', '251')
  const rows = table.getByRole('row')
  await expect(rows.nth(1)).toContainText('Zeile000, Runner000')

  const lastLink = page.getByRole('link', { name: 'Zeile249, Runner249' })
  await expect(lastLink).toHaveCount(0)
  await page.getByTestId('patient-list-scroller').hover()
  for (let i = 0; i < 60 && !(await lastLink.isVisible()); i++) await page.mouse.wheel(0, 800)
  await expect(lastLink).toBeVisible()
  await expect(rows.last()).toHaveAttribute('aria-rowindex', '251')
  expect(await rows.count()).toBeLessThan(60)
  // Every row in view is a patient by now: none is still waiting for its page.
  await expect(page.getByText('Loading…')).toHaveCount(0)
  await expect(page.getByText('250 patients')).toBeVisible()

  // Searching starts from the first page again.
  await page.getByLabel('Search by name or clinic ID').fill('zeile12')
  await expect(page.getByText('10 patients')).toBeVisible()
  await expect(rows.nth(1)).toContainText('Zeile120, Runner120')
})
