import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqliteStore, type SqliteStore } from '../../db/client'
import { enrollment, tempClinic, type TempClinic } from './factories'

let clinic: TempClinic
let second: SqliteStore
beforeEach(async () => {
  clinic = await tempClinic()
  // A reader beside the app (the command line's read-only exports and statistics): a second writer
  // is refused by the writer lock (tests/integration/writerLock.test.ts).
  second = openSqliteStore({ file: clinic.file, readonly: true })
})
afterEach(() => {
  void second.close()
  clinic.close()
})

const count = (store: SqliteStore) => (store.sqlite.prepare('select count(*) as n from patients').get() as { n: number }).n

describe('a reader and a writer on one database (WAL)', () => {
  it('a long read in one instance neither blocks nor corrupts the writes of the other', async () => {
    second.sqlite.exec('begin')
    expect(count(second)).toBe(0)
    const started = Date.now()
    for (let i = 0; i < 5; i++) {
      const input = enrollment()
      input.patient = { ...input.patient, lastName: `Runner ${i}` }
      await clinic.value('patients/enroll', input)
    }
    // The writes went through at once, not after the busy timeout.
    expect(Date.now() - started).toBeLessThan(4_000)
    // The reader keeps its snapshot until its transaction ends, then sees every write.
    expect(count(second)).toBe(0)
    second.sqlite.exec('commit')
    expect(count(second)).toBe(5)
    expect(second.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('a second writer waits for the first (busy timeout) instead of failing or corrupting', async () => {
    // The other instance is another process holding a write transaction for 500 ms.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const d = new D(process.argv[1]); d.pragma('busy_timeout = 5000');
         d.exec('begin immediate'); d.prepare("insert into settings (key, value) values ('held', '1')").run();
         console.log('locked'); setTimeout(() => { d.exec('commit'); d.close(); process.exit(0) }, 500)`,
        clinic.file,
      ],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
    const started = Date.now()
    await expect(clinic.value('settings/updateClinic', { clinicName: 'Physio am Park' })).resolves.toMatchObject({
      clinicName: 'Physio am Park',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    await new Promise((resolve) => holder.once('exit', resolve))
    expect(second.sqlite.prepare("select value from settings where key = 'held'").get()).toEqual({ value: '1' })
    expect(second.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
