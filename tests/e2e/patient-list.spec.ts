import { test, expect } from './fixtures'
import { enrollByApi } from './factories'

test('finds patients by name or clinic ID as the therapist types, and filters by program and status', async ({ page, clinic }) => {
  await enrollByApi(clinic, { firstName: 'Anna', lastName: 'Meier', program: 'P1' })
  await enrollByApi(clinic, { firstName: 'Jonas', lastName: 'Brandt', program: 'P2' })
  await enrollByApi(clinic, { firstName: 'Lea', lastName: 'Vögel', program: null, flags: ['history_of_cancer'] })
  await page.goto(clinic.url)

  const rows = page.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(4)
  await page.getByLabel('Search by name or clinic ID').fill('mei')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Meier, Anna')
  await page.getByLabel('Search by name or clinic ID').fill('BS-00002')
  await expect(rows.nth(1)).toContainText('Brandt, Jonas')
  // Case and umlauts ignored: "VOG" finds Vögel as "vög" would.
  await page.getByLabel('Search by name or clinic ID').fill('VOG')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Vögel, Lea')
  await page.getByLabel('Search by name or clinic ID').fill('')

  await page.getByLabel('Status').selectOption({ label: 'Awaiting clearance' })
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Vögel, Lea')
  await expect(rows.nth(1)).toContainText('Physician clearance')
  await page.getByLabel('Status').selectOption({ label: 'All statuses' })
  await page.getByLabel('Program').selectOption('P2')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Brandt, Jonas')

  await rows.nth(1).getByRole('cell').first().click()
  await expect(page.getByRole('heading', { level: 1, name: /Jonas Brandt/ })).toBeVisible()
})
