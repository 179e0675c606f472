import type { PatientSummary } from '../../electron/clinic/contract'
import { test, expect } from './fixtures'

test.use({ demoCohort: true })

test('renders only a window of the 84 demo patients and scrolls to the last one', async ({ page, clinic }) => {
  const list = await clinic.call<PatientSummary[]>('patients/list', { search: '', programCode: null, status: null })
  if (!list.ok) throw new Error(list.error.message)
  const last = list.value.at(-1)!
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
