import { E2E_ACCOUNT, expect, test } from './fixtures'

test.use({ signedIn: false })

test('first start sets up the clinic lead account; sign-out hides the records until the next sign-in', async ({ page, clinic }) => {
  await page.goto(clinic.url)
  await expect(page.getByRole('heading', { name: 'Set up Backstride' })).toBeVisible()
  // Nothing clinical is reachable before an account exists.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Enroll new patient' })).toHaveCount(0)

  await page.getByLabel('Your name').fill(E2E_ACCOUNT.displayName)
  await page.getByLabel('Username').fill(E2E_ACCOUNT.username)
  await page.getByLabel('Password or PIN').fill('short')
  await page.getByRole('button', { name: 'Create account and sign in' }).click()
  await expect(page.getByText('Use a password of at least 8 characters, or a PIN of at least 6 digits')).toBeVisible()
  await page.getByLabel('Password or PIN').fill(E2E_ACCOUNT.password)
  await page.getByRole('button', { name: 'Create account and sign in' }).click()

  await expect(page.getByText(`Signed in as ${E2E_ACCOUNT.displayName}`)).toBeVisible()
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Enroll new patient' })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Enroll new patient' })).toHaveCount(0)
  expect(await clinic.call('patients/list')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })

  await page.getByLabel('Username').fill(E2E_ACCOUNT.username)
  await page.getByLabel('Password or PIN').fill('not my password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong username or password')

  await page.getByLabel('Password or PIN').fill(E2E_ACCOUNT.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText(`Signed in as ${E2E_ACCOUNT.displayName}`)).toBeVisible()
})
