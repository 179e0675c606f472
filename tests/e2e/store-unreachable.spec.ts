import pg from 'pg'
import { test, expect, type BrowserModeClinic } from './fixtures'
import { enrollByApi } from './factories'

/*
 * Issue 17, item 7: the clinic's PostgreSQL server stops while a therapist fills the session form.
 * The clinic is on a cluster of this test's own (ownCluster), stopped with `pg_ctl stop -m fast`
 * and started again; the other tests' cluster is not touched. Runs in the `postgres` project only.
 */
test.use({ ownCluster: true })

/** What the database holds, read straight from the server (not through the app). */
async function countRows(clinic: BrowserModeClinic, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: clinic.dbFile })
  await client.connect()
  try {
    const result = await client.query<{ n: string }>(sql)
    return Number(result.rows[0].n)
  } finally {
    await client.end()
  }
}

test('the server stops: a banner on the screen, Save fails keeping the form, and once the server is back the banner goes and one session is saved', async ({
  page,
  clinic,
}) => {
  const server = clinic.databaseServer
  if (!server) throw new Error('this test needs its own cluster')
  await enrollByApi(clinic, { firstName: 'Lea', lastName: 'Vogel', program: 'P3' })
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Vogel, Lea' }).click()
  await page.getByRole('link', { name: 'Record a session' }).click()
  await page.getByLabel('Pain before the session (0–10)').fill('5')
  await page.getByLabel('Pain after the session (0–10)').fill('3')
  const banner = page.getByTestId('connection-banner')
  await expect(banner).toBeHidden()

  server.stop()
  await page.getByRole('button', { name: 'Save session' }).click()
  await expect(banner).toHaveText(/The clinic server cannot be reached\. Your unsaved input is kept; retrying…/)
  await expect(page.getByRole('alert').filter({ hasText: 'nothing was saved' })).toContainText(
    'The clinic database server cannot be reached; nothing was saved.',
  )
  // The form is as it was, still on screen, and its Save can be pressed again.
  await expect(page.getByRole('heading', { name: /Record a session/ })).toBeVisible()
  await expect(page.getByLabel('Pain before the session (0–10)')).toHaveValue('5')
  await expect(page.getByLabel('Pain after the session (0–10)')).toHaveValue('3')
  await expect(page.getByRole('button', { name: 'Save session' })).toBeEnabled()
  // The API answers every call with the coded refusal, not an internal error.
  const refused = await clinic.call('patients/list', {})
  expect(refused.ok ? null : { kind: refused.error.kind, code: refused.error.code }).toEqual({ kind: 'unavailable', code: 'store_unreachable' })
  // The banner stays while the desk keeps asking.
  await page.waitForTimeout(4_000)
  await expect(banner).toBeVisible()

  server.start()
  await expect(banner).toBeHidden({ timeout: 15_000 })
  expect(await countRows(clinic, 'select count(*) as n from sessions')).toBe(0)
  await page.getByRole('button', { name: 'Save session' }).click()
  // Back on the patient page, the session in its table.
  await expect(page.getByRole('heading', { name: /Record a session/ })).toBeHidden()
  await expect(page.getByRole('table', { name: 'Supervised sessions', exact: true }).getByRole('row')).toHaveCount(2)

  expect(await countRows(clinic, 'select count(*) as n from sessions')).toBe(1)
  expect(await countRows(clinic, 'select count(*) as n from sessions where pain_before = 5 and pain_after = 3')).toBe(1)
  expect(await countRows(clinic, "select count(*) as n from audit_log where table_name = 'sessions'")).toBe(1)
})

test('the patient list with the server stopped says it cannot be read, not that the clinic has no patients', async ({ page, clinic }) => {
  const server = clinic.databaseServer
  if (!server) throw new Error('this test needs its own cluster')
  await enrollByApi(clinic, { firstName: 'Lea', lastName: 'Vogel', program: 'P3' })
  await page.goto(clinic.url)
  await expect(page.getByRole('link', { name: 'Vogel, Lea' })).toBeVisible()

  server.stop()
  // Searching asks the clinic again.
  await page.getByLabel('Search by name or clinic ID').fill('Vog')
  // The message in words (not the coded object), and no empty-clinic notice under it.
  await expect(page.getByRole('alert').filter({ hasText: 'database server' })).toHaveText(
    'The clinic database server cannot be reached; nothing was saved. Your input is kept: Backstride retries by itself, then save again.',
  )
  await expect(page.getByText('No patients yet')).toHaveCount(0)

  server.start()
  await expect(page.getByTestId('connection-banner')).toBeHidden({ timeout: 15_000 })
  await page.getByLabel('Search by name or clinic ID').fill('Voge')
  await expect(page.getByRole('link', { name: 'Vogel, Lea' })).toBeVisible()
})
