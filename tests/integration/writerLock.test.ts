import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiResult, ClinicDetails } from '../../electron/clinic/contract'
import { DatabaseInUse, openClinic } from '../../electron/clinic/open'
import { startServer, stop } from '../e2e/browserMode'
import { runBuilt, runProcess } from './processes'
import { WEB_SERVER } from '../e2e/browserMode'

/*
 * One writer per database file, across processes: browser-mode servers, the
 * command line and the app's own open (db/lock.ts). How this was checked to
 * fail: with takeWriterLock in electron/clinic/open.ts returning a no-op lock,
 * the second server starts (the first test fails at "exit code 1") and the
 * command-line restore replaces the database under the running server.
 */

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backstride-lock-'))
  file = join(dir, 'clinic.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const ACCOUNT = { username: 'lock.lead', displayName: 'Lock Lead', password: 'a long desk password' }

/** The API of a running browser-mode server, over HTTP as the renderer calls it. */
function client(url: string) {
  const { origin, hash } = new URL(url)
  const token = hash.replace('#token=', '')
  return async <T>(channel: string, input: unknown = {}): Promise<ApiResult<T>> => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-backstride-token': token },
      body: JSON.stringify(input),
    })
    return (await response.json()) as ApiResult<T>
  }
}

describe('one writer per database file', () => {
  it('a second browser-mode server on the same file refuses at once, naming the first; the first keeps working', { timeout: 60_000 }, async () => {
    const first = await startServer(file)
    try {
      const call = client(first.url)
      expect(await call('auth/setup', ACCOUNT)).toMatchObject({ ok: true })
      const started = Date.now()
      const second = await runProcess(process.execPath, [WEB_SERVER, '--db', file, '--port', '0'])
      expect(second.code, second.stdout + second.stderr).toBe(1)
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(second.stderr).toMatch(new RegExp(`is open in Backstride \\(browser mode\\) \\(process ${first.child.pid}, since \\d{4}-\\d{2}-\\d{2}T`))
      // The first writes on, into the file everyone reads.
      expect(await call<ClinicDetails>('settings/updateClinic', { clinicName: 'Physio am Park' })).toMatchObject({ ok: true, value: { clinicName: 'Physio am Park' } })
      expect(await call('settings/clinic')).toMatchObject({ ok: true, value: { clinicName: 'Physio am Park' } })
    } finally {
      await stop(first.child)
    }
  })

  it('the command-line restore and import are refused while a server has the file open, and change nothing; exports read beside it', { timeout: 90_000 }, async () => {
    const first = await startServer(file)
    try {
      const call = client(first.url)
      await call('auth/setup', ACCOUNT)
      expect(await call('settings/updateClinic', { clinicName: 'Before' })).toMatchObject({ ok: true })
      const backup = await call<{ fileName: string }>('backups/create')
      if (!backup.ok) throw new Error(backup.error.message)
      await call('settings/updateClinic', { clinicName: 'After the backup' })
      const backupFile = join(dir, 'backups', backup.value.fileName)

      const restore = await runBuilt('cli', ['backup', 'restore', backupFile, '--db', file])
      expect(restore.code).toBe(1)
      expect(restore.stderr).toMatch(new RegExp(`is open in Backstride \\(browser mode\\) \\(process ${first.child.pid}, .*Nothing was changed\\.`))
      expect(readdirSync(dir).filter((f) => f.includes('.replaced-'))).toEqual([])
      expect(await call('settings/clinic')).toMatchObject({ ok: true, value: { clinicName: 'After the backup' } })

      const csv = join(dir, 'import.csv')
      const imported = await runBuilt('cli', ['import', 'patients', csv, '--db', file])
      expect(imported.code).toBe(1)
      expect(imported.stderr).toMatch(/is open in Backstride \(browser mode\)/)

      // Reading commands open the file read-only: they work beside the running app.
      const out = join(dir, 'exports')
      const exported = await runBuilt('cli', ['export', 'csv', '--out', out, '--db', file])
      expect(exported.code, exported.stderr).toBe(0)
      // Exports are private to the clinic's account too.
      for (const name of readdirSync(out)) expect((statSync(join(out, name)).mode & 0o777).toString(8)).toBe('600')
      expect((statSync(out).mode & 0o777).toString(8)).toBe('700')
    } finally {
      await stop(first.child)
    }
    // With the server gone, the restore goes through.
    const backups = readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('-manual.sqlite'))
    const restore = await runBuilt('cli', ['backup', 'restore', join(dir, 'backups', backups[0]), '--db', file])
    expect(restore.code, restore.stderr).toBe(0)
  })

  it('a holder killed with SIGKILL never blocks: the next server starts', { timeout: 60_000 }, async () => {
    const first = await startServer(file)
    await new Promise<void>((resolve) => {
      first.child.once('exit', () => resolve())
      first.child.kill('SIGKILL')
    })
    expect(existsSync(`${file}.lock`)).toBe(true)
    const next = await startServer(file)
    await stop(next.child)
  })

  it('also within one process: a second open of the same file is refused until the first closes', async () => {
    const options = { file, mode: 'browser', version: 'test', program: 'the first open' } as const
    const first = await openClinic(options)
    const refused = await openClinic({ ...options, program: 'the second open' }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(DatabaseInUse)
    expect((refused as DatabaseInUse).said).toMatchObject({ code: 'database_in_use', params: { program: 'the first open', pid: process.pid } })
    first.close()
    const again = await openClinic(options)
    again.close()
  })
})
