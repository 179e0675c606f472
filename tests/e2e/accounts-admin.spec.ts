import type { Page } from '@playwright/test'
import { E2E_ACCOUNT, expect, test } from './fixtures'

/* Set BACKSTRIDE_SHOTS to a folder to keep screenshots of the accounts section (English and German) and the therapist's settings. */
const shot = async (page: Page, name: string, testId?: string) => {
  const path = `${process.env.BACKSTRIDE_SHOTS}/${name}.png`
  if (!process.env.BACKSTRIDE_SHOTS) return
  if (testId) await page.getByTestId(testId).screenshot({ path })
  else await page.screenshot({ path, fullPage: true })
}

const THERAPIST = { displayName: 'Tom Becker', username: 'tom.becker', pin: '482913', newPin: '731905' }

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password or PIN', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
}

async function openSettings(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
}

test('a clinic lead adds a therapist, who sees settings read-only and changes their PIN; once archived they cannot sign in', async ({
  page,
  clinic,
}) => {
  await page.goto(clinic.url)
  await openSettings(page)
  const accounts = page.getByTestId('accounts')
  const rows = accounts.getByTestId('accounts-table').locator('tbody tr')
  // The lead's own account: listed, but not to be archived by themselves.
  await expect(rows.filter({ hasText: E2E_ACCOUNT.displayName })).toContainText('Clinic lead')
  await expect(rows.filter({ hasText: E2E_ACCOUNT.displayName }).getByRole('button', { name: /^Archive/ })).toHaveCount(0)

  // A username already in use: the clinic's message at the username field, nothing added.
  await accounts.getByLabel('Name', { exact: true }).fill(THERAPIST.displayName)
  await accounts.getByLabel('Username').fill(E2E_ACCOUNT.username)
  await accounts.getByLabel('Role').selectOption({ label: 'Therapist' })
  await accounts.getByLabel('Initial password or PIN').fill(THERAPIST.pin)
  await accounts.getByRole('button', { name: 'Add account' }).click()
  await expect(accounts.getByLabel('Username')).toHaveAccessibleDescription(`⚠ The username ${E2E_ACCOUNT.username} is taken`)
  await expect(rows).toHaveCount(1)

  await accounts.getByLabel('Username').fill(THERAPIST.username)
  await accounts.getByLabel('Initial password or PIN').fill(THERAPIST.pin)
  await accounts.getByRole('button', { name: 'Add account' }).click()
  await expect(accounts.getByRole('status')).toHaveText(`Account ${THERAPIST.username} added.`)
  await expect(rows.filter({ hasText: THERAPIST.displayName })).toContainText(/Therapist.*Active/)

  // The therapist at the desk: no accounts, no restore, clinic details read-only.
  await signOut(page)
  await signIn(page, THERAPIST.username, THERAPIST.pin)
  await expect(page.getByText(`Signed in as ${THERAPIST.displayName}`)).toBeVisible()
  await openSettings(page)
  // A therapist backs up, but only a clinic lead restores.
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Backup made' })).toBeVisible()
  await expect(page.getByTestId('backups-table').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByRole('button', { name: /^Restore/ })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Accounts' })).toHaveCount(0)
  await expect(page.getByLabel('Clinic name')).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Save clinic details' })).toHaveCount(0)
  await expect(page.getByTestId('clinic-lead-only')).toHaveText('Only a clinic lead can change this.')

  await shot(page, 'accounts-therapist-settings')

  // Their own PIN: the current one is checked first.
  await page.getByLabel('Current password or PIN').fill('000000')
  await page.getByLabel('New password or PIN').fill(THERAPIST.newPin)
  await page.getByRole('button', { name: 'Change password or PIN' }).click()
  await expect(page.getByLabel('Current password or PIN')).toHaveAccessibleDescription('⚠ The current password or PIN is not right')
  await page.getByLabel('Current password or PIN').fill(THERAPIST.pin)
  await page.getByRole('button', { name: 'Change password or PIN' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your password or PIN was changed.' })).toBeVisible()
  await signOut(page)
  await signIn(page, THERAPIST.username, THERAPIST.newPin)
  await expect(page.getByText(`Signed in as ${THERAPIST.displayName}`)).toBeVisible()
  await signOut(page)

  // The lead archives the account, after confirming.
  await signIn(page, E2E_ACCOUNT.username, E2E_ACCOUNT.password)
  await openSettings(page)
  await rows.filter({ hasText: THERAPIST.displayName }).getByRole('button', { name: `Archive ${THERAPIST.displayName}` }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(`${THERAPIST.displayName} will no longer be able to sign in`)
  await dialog.getByRole('button', { name: 'Archive account' }).click()
  await expect(accounts.getByRole('status').first()).toHaveText(`The account of ${THERAPIST.displayName} was archived: it can no longer sign in.`)
  await expect(rows.filter({ hasText: THERAPIST.displayName })).toContainText('Archived')
  await expect(rows).toHaveCount(2)
  await shot(page, 'accounts', 'accounts')
  if (process.env.BACKSTRIDE_SHOTS) {
    await page.getByLabel('Language').selectOption('de')
    await expect(page.getByRole('heading', { name: 'Konten' })).toBeVisible()
    await shot(page, 'accounts-de', 'accounts')
    await page.getByLabel('Sprache').selectOption('en')
  }

  await signOut(page)
  await signIn(page, THERAPIST.username, THERAPIST.newPin)
  await expect(page.getByRole('alert')).toContainText('Wrong username or password')
  await expect(page.getByText(`Signed in as ${THERAPIST.displayName}`)).toHaveCount(0)
})

test('a blinded assessor sees no Enroll, Compare programs or Accounts', async ({ page, clinic }) => {
  const assessor = { username: 'ines.assess', displayName: 'Ines Krause', role: 'assessor', password: '5629014' }
  expect(await clinic.call('users/create', assessor)).toMatchObject({ ok: true })
  await clinic.call('auth/signOut')
  expect(await clinic.call('auth/signIn', { username: assessor.username, password: assessor.password })).toMatchObject({ ok: true })

  await page.goto(clinic.url)
  const nav = page.getByRole('navigation')
  await expect(page.getByText(`Signed in as ${assessor.displayName}`)).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Patients' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Enroll new patient' })).toHaveCount(0)
  await expect(nav.getByRole('link', { name: 'Compare programs' })).toHaveCount(0)
  await openSettings(page)
  await expect(page.getByRole('heading', { name: 'Change my password or PIN' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Accounts' })).toHaveCount(0)
})
