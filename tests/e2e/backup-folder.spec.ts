import type { Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiResult, BackupStatus } from '../../electron/clinic/contract'
import { startServer, stop } from './browserMode'
import { expect, test, E2E_ACCOUNT } from './fixtures'

/*
 * A backup folder problem never stops the clinic: browser mode starts on a
 * database whose backup folder is read-only, full or gone, and every screen
 * (Settings too) says why the backup failed.
 */

function client(url: string) {
  const { origin, hash } = new URL(url)
  return async <T>(channel: string, input: unknown = {}): Promise<ApiResult<T>> => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-backstride-token': hash.replace('#token=', '') },
      body: JSON.stringify(input),
    })
    return (await response.json()) as ApiResult<T>
  }
}

/** A clinic whose backups go to <dir>/disk/backups, closed again: the database with its account and one backup. */
async function clinicWithBackupFolder(dir: string): Promise<{ dbFile: string; folder: string }> {
  const dbFile = join(dir, 'clinic.sqlite')
  const folder = join(dir, 'disk', 'backups')
  const server = await startServer(dbFile)
  const call = client(server.url)
  await call('auth/setup', E2E_ACCOUNT)
  const moved = await call('backups/setFolder', { folder })
  if (!moved.ok) throw new Error(moved.error.message)
  await stop(server.child)
  return { dbFile, folder }
}

const isRoot = process.getuid?.() === 0

/** Makes a folder read-only: root is not stopped by file modes, so there a read-only tmpfs is mounted over it. */
function makeReadOnly(folder: string): () => void {
  if (isRoot) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', folder])
    return () => execFileSync('umount', [folder])
  }
  chmodSync(folder, 0o555)
  return () => chmodSync(folder, 0o755)
}

async function expectWarning(page: Page, url: string, reason: RegExp) {
  const call = client(url)
  await call('auth/signIn', E2E_ACCOUNT)
  await page.goto(url)
  const warning = page.getByTestId('backup-warning')
  await expect(warning).toContainText('The last backup failed')
  await expect(warning).toContainText(reason)
  // On every screen, Settings too (where its own card says it as well).
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(warning).toContainText(reason)
  await expect(page.getByTestId('backup-problem')).toContainText(reason)
  // The clinic works on: the desk records as usual.
  expect(await call('settings/updateClinic', { clinicName: 'Still working' })).toMatchObject({ ok: true })
}

let dir: string
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backstride-e2e-folder-'))
})
test.afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('a removed backup folder (an unplugged disk): the app starts and warns on every screen', async ({ page }) => {
  const { dbFile, folder } = await clinicWithBackupFolder(dir)
  rmSync(join(dir, 'disk'), { recursive: true, force: true })
  const server = await startServer(dbFile)
  try {
    await expectWarning(page, server.url, new RegExp(`The backup folder ${folder} is not there`))
  } finally {
    await stop(server.child)
  }
})

test('a read-only backup folder: the app starts and warns on every screen', async ({ page }) => {
  const { dbFile, folder } = await clinicWithBackupFolder(dir)
  const undo = makeReadOnly(folder)
  try {
    const server = await startServer(dbFile)
    try {
      await expectWarning(page, server.url, new RegExp(`may not write into the backup folder ${folder}`))
    } finally {
      await stop(server.child)
    }
  } finally {
    undo()
  }
})

test('a full backup folder (no file may grow past half the database): the app starts and warns on every screen', async ({ page }) => {
  const { dbFile, folder } = await clinicWithBackupFolder(dir)
  mkdirSync(folder, { recursive: true })
  // The database exists already; only its log and the backup grow, and the backup, as large as the database, does not fit.
  const limitKb = Math.floor(statSync(dbFile).size / 1024 / 2)
  const server = await startServer(dbFile, 0, { fileSizeLimitKb: limitKb })
  try {
    const status = await client(server.url)<BackupStatus>('backups/status')
    expect(status).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    await expectWarning(page, server.url, new RegExp(`The backup folder ${folder} is full`))
  } finally {
    await stop(server.child)
  }
})
