import type { Page } from '@playwright/test'
import type { BackupView, ClinicDetails } from '../../electron/clinic/contract'
import { test, expect, E2E_ACCOUNT, type BrowserModeClinic } from './fixtures'
import { enrollByApi } from './factories'
import { startServer, stop } from './browserMode'

/* Set BACKSTRIDE_SHOTS to a folder to keep screenshots of the settings screen. */
const shot = async (page: Page, name: string) => {
  if (process.env.BACKSTRIDE_SHOTS) await page.screenshot({ path: `${process.env.BACKSTRIDE_SHOTS}/${name}.png`, fullPage: true })
}

/** A small square logo, as a clinic would upload it. */
const LOGO_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#1f6f78"/><path d="M12 26 L20 10 L28 26 Z" fill="#fff"/></svg>',
)

async function openSettings(page: Page, clinic: BrowserModeClinic) {
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
}

async function clinicDetails(clinic: BrowserModeClinic) {
  const result = await clinic.call<ClinicDetails>('settings/clinic')
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

test('saves the clinic details with a logo and prints them at the top of a home-exercise sheet', async ({ page, clinic }) => {
  const { patientId } = await enrollByApi(clinic, { firstName: 'Jonas', lastName: 'Weber' })
  await openSettings(page, clinic)
  await page.getByLabel('Clinic name').fill('Laufwerk Physiotherapie')
  await page.getByLabel('Address').fill('Hauptstraße 12\n79098 Freiburg')
  await page.getByLabel('Phone').fill('0761 55 44 33')
  await page.getByLabel('E-mail').fill('team@laufwerk-physio.de')
  await page.getByLabel('Logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: LOGO_SVG })
  await expect(page.getByRole('img', { name: 'Logo preview' })).toBeVisible()
  await page.getByRole('button', { name: 'Save clinic details' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Clinic details saved.' })).toBeVisible()
  await shot(page, 'settings')

  const saved = await clinicDetails(clinic)
  expect(saved).toMatchObject({ clinicName: 'Laufwerk Physiotherapie', phone: '0761 55 44 33', email: 'team@laufwerk-physio.de' })
  expect(saved.logo).toMatch(/^data:image\/svg\+xml;base64,/)

  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await page.getByRole('link', { name: 'Home-exercise sheet' }).click()
  const header = page.getByTestId('home-sheet').locator('header')
  await expect(header).toContainText('Laufwerk Physiotherapie')
  await expect(header).toContainText('Hauptstraße 12')
  await expect(header).toContainText('0761 55 44 33')
  await expect(header).toContainText('team@laufwerk-physio.de')
  await expect
    .poll(() => header.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true)

  // Removing the logo takes it off the sheet.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Remove logo' }).click()
  await expect(page.getByRole('img', { name: 'Logo preview' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Save clinic details' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Clinic details saved.' })).toBeVisible()
  await expect.poll(async () => (await clinicDetails(clinic)).logo).toBeNull()
})

test('shows the message at the e-mail field for an invalid address and saves nothing', async ({ page, clinic }) => {
  await openSettings(page, clinic)
  const before = await clinicDetails(clinic)
  await page.getByLabel('Clinic name').fill('Laufwerk Physiotherapie')
  await page.getByLabel('E-mail').fill('team-at-laufwerk')
  await page.getByRole('button', { name: 'Save clinic details' }).click()
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('E-mail')).toHaveAccessibleDescription('⚠ Enter a valid e-mail address')
  await expect(page.getByLabel('Clinic name')).not.toHaveAttribute('aria-invalid', 'true')
  await shot(page, 'settings-email-error')
  expect(await clinicDetails(clinic)).toEqual(before)

  // The message goes as soon as the address is right.
  await page.getByLabel('E-mail').fill('team@laufwerk-physio.de')
  await expect(page.getByLabel('E-mail')).not.toHaveAttribute('aria-invalid', 'true')
})

test('backs up on request and lists the backup with its date, kind and size', async ({ page, clinic }) => {
  await openSettings(page, clinic)
  await expect(page.getByTestId('database-file')).toHaveText(clinic.dbFile)
  const rows = page.getByTestId('backups-table').locator('tbody tr')
  const before = await rows.count()
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Backup made' })).toBeVisible()
  await expect(rows).toHaveCount(before + 1)
  await expect(rows.filter({ hasText: 'Made by hand' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Made by hand' })).toContainText(/\d+ kB/)
  await shot(page, 'settings-backups')

  const list = await clinic.call<{ backups: BackupView[] }>('backups/list')
  expect(list.ok && list.value.backups.filter((b) => b.kind === 'manual')).toHaveLength(1)
})

test('restores a backup after confirming, with a safety copy of the current data made first', async ({ page, clinic }) => {
  await clinic.call('settings/updateClinic', { clinicName: 'Before the restore' })
  await openSettings(page, clinic)
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Backup made' })).toBeVisible()
  await clinic.call('settings/updateClinic', { clinicName: 'Changed after the backup' })

  const manual = page.getByTestId('backups-table').locator('tbody tr').filter({ hasText: 'Made by hand' })
  await manual.getByRole('button', { name: /^Restore/ }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('A safety copy of the current data is made first')
  await shot(page, 'settings-restore-dialog')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  expect((await clinicDetails(clinic)).clinicName).toBe('Changed after the backup')

  await manual.getByRole('button', { name: /^Restore/ }).click()
  await expect(page.getByRole('dialog')).toContainText('Everyone signs in again after a restore')
  await page.getByRole('dialog').getByRole('button', { name: 'Restore this backup' }).click()
  // Everyone is signed out: the desk signs in again, against the accounts in the restored data.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByLabel('Username').fill(E2E_ACCOUNT.username)
  await page.getByLabel('Password or PIN', { exact: true }).fill(E2E_ACCOUNT.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'was restored' })).toContainText('safety copy')
  expect((await clinicDetails(clinic)).clinicName).toBe('Before the restore')
  await expect(page.getByLabel('Clinic name')).toHaveValue('Before the restore')
  await expect(page.getByTestId('backups-table').locator('tbody tr').filter({ hasText: 'Safety copy before a restore' })).toHaveCount(1)
})

test('switches the screens to German from the settings, and remembers it after a reload', async ({ page, clinic }) => {
  await openSettings(page, clinic)
  await page.getByRole('combobox', { name: 'Language' }).last().selectOption('de')
  await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible()
})

test('moves the backups to another folder, where the next backup goes', async ({ page, clinic }) => {
  await openSettings(page, clinic)
  const folder = clinic.dbFile.replace(/clinic\.sqlite$/, 'offsite-backups')
  await page.getByLabel('Keep the backups in').fill('relative/folder')
  await page.getByRole('button', { name: 'Use this folder' }).click()
  await expect(page.getByText('Enter the full path of the folder')).toBeVisible()
  await page.getByLabel('Keep the backups in').fill(folder)
  await page.getByRole('button', { name: 'Use this folder' }).click()
  await expect(page.getByText('The backups now go to this folder.')).toBeVisible()
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByTestId('backups-table')).toBeVisible()
  const listed = await clinic.call<{ folder: string; backups: BackupView[] }>('backups/list')
  expect(listed).toMatchObject({ ok: true, value: { folder } })
  expect(listed.ok && listed.value.backups.length).toBe(1)
})

test("a backup of another clinic's database is marked, and restores only after choosing to replace this clinic's data and typing its name", async ({ page, clinic }) => {
  await clinic.call('settings/updateClinic', { clinicName: 'Physio am Park' })
  const folder = clinic.dbFile.replace(/clinic\.sqlite$/, 'backups')
  // Another clinic's database backs up into the same folder.
  const otherFile = clinic.dbFile.replace(/clinic\.sqlite$/, 'other.sqlite')
  const other = await startServer(otherFile)
  try {
    const { origin, hash } = new URL(other.url)
    const call = (channel: string, input: unknown = {}) =>
      fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-backstride-token': hash.replace('#token=', '') },
        body: JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ ok: boolean }>)
    await call('auth/setup', { username: 'nord.lead', displayName: 'Nord Lead', password: 'nord desk password' })
    await call('settings/updateClinic', { clinicName: 'Physio Nord' })
    await call('backups/setFolder', { folder })
    expect(await call('backups/create')).toMatchObject({ ok: true })
  } finally {
    await stop(other.child)
  }

  await openSettings(page, clinic)
  const row = page.getByTestId('backups-table').locator('tbody tr').filter({ hasText: 'Another clinic’s data (Physio Nord)' })
  await expect(row).toHaveCount(1)
  await row.getByRole('button', { name: /^Restore/ }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('other-clinic-warning')).toContainText('Physio Nord')
  const confirm = dialog.getByRole('button', { name: 'Restore this backup' })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel('Replace with another clinic’s data').check()
  await dialog.getByLabel('Type the name of this clinic, “Physio am Park”, to confirm').fill('Physio Nord')
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel('Type the name of this clinic, “Physio am Park”, to confirm').fill('Physio am Park')
  await confirm.click()
  // Signed out; this desk's account is not in the other clinic's data.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  expect(await clinic.call('auth/signIn', E2E_ACCOUNT)).toMatchObject({ ok: false })
  expect(await clinic.call('auth/signIn', { username: 'nord.lead', password: 'nord desk password' })).toMatchObject({ ok: true })
  expect((await clinicDetails(clinic)).clinicName).toBe('Physio Nord')
})
