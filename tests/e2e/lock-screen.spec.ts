import { E2E_ACCOUNT, expect, test } from './fixtures'
import { enrollByApi } from './factories'

/*
 * The inactivity lock takes the clinical page out of the document: while the
 * desk is locked, the page's HTML holds no patient name and no unsaved input; after the sign-in the page is back with the input kept (in
 * memory meanwhile, not in the DOM).
 *
 * The desk session lives in the clinic (15 minutes without a request); the
 * test ends it from outside, as the expiry does, and moves the page's clock
 * past the renderer's 30-second check, which then finds the desk locked.
 * Checked to fail: with the page kept in the document under a CSS cover (as
 * before), the first expectation on the locked HTML fails on "Quintessa".
 */

test('a locked desk has no patient name in its page; the unsaved input comes back after the sign-in', async ({ page, clinic }) => {
  const { patientId } = await enrollByApi(clinic, { firstName: 'Quintessa', lastName: 'Okonkwo-Lindqvist', program: 'P2' })
  await page.clock.install()
  await page.goto(clinic.url)
  await page.getByRole('link', { name: /Quintessa/ }).first().click()
  await expect(page).toHaveURL(new RegExp(`#/patients/${patientId}$`))
  await expect(page.getByRole('heading', { level: 1, name: /Quintessa Okonkwo-Lindqvist/ })).toBeVisible()
  const archive = page.getByRole('region', { name: 'Archive patient' })
  await archive.locator('summary').click()
  await archive.getByLabel('Reason').fill('Moved away, draft reason')

  expect(await clinic.call('auth/signOut')).toMatchObject({ ok: true })
  await page.clock.fastForward(31_000)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  const html = await page.content()
  for (const shown of ['Quintessa', 'Okonkwo-Lindqvist', 'Moved away, draft reason']) expect(html).not.toContain(shown)
  expect(await page.evaluate(() => document.body.innerText)).not.toContain('Quintessa')

  await page.getByLabel('Username').fill(E2E_ACCOUNT.username)
  await page.getByLabel('Password or PIN').fill(E2E_ACCOUNT.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Quintessa Okonkwo-Lindqvist/ })).toBeVisible()
  await expect(archive.getByLabel('Reason')).toHaveValue('Moved away, draft reason')
})
