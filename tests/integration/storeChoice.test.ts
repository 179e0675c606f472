import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { chooseStore, readStoreChoice, STORE_CHOICE_FILE, type Cipher, type ServerConnection } from '../../electron/storeChoice'
import { TEST_STORE } from './factories'

/** A real reversible cipher standing in for Electron's safeStorage (AES-256-GCM with a key of the test's own). */
function testCipher(): Cipher {
  const key = randomBytes(32)
  return {
    encrypt(text) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
      decipher.setAuthTag(data.subarray(12, 28))
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

/** A loopback port nothing listens on: a connection there is refused at once. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const PASSWORD = 'Sommer-Lauf 2026 ü!'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'backstride-store-choice-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe('the first-start choice of store', () => {
  it('at the first start there is no choice; "This desk alone" keeps the file in the data folder', async () => {
    const cipher = testCipher()
    expect(readStoreChoice(dataDir, cipher)).toBeNull()
    const chosen = await chooseStore(dataDir, { kind: 'file' }, cipher)
    expect(chosen).toEqual({ ok: true, location: join(dataDir, 'backstride.sqlite') })
    expect(readStoreChoice(dataDir, cipher)).toEqual({ kind: 'file' })
    if (process.platform !== 'win32') expect(statSync(join(dataDir, STORE_CHOICE_FILE)).mode & 0o777).toBe(0o600)
  })

  it('a server that cannot be reached is refused with a coded reason, and nothing is saved', async () => {
    const server: ServerConnection = { host: '127.0.0.1', port: await closedPort(), database: 'clinic', user: 'desk', password: PASSWORD, sslmode: 'disable' }
    const chosen = await chooseStore(dataDir, { kind: 'server', ...server }, testCipher())
    expect(chosen.ok).toBe(false)
    if (!chosen.ok) {
      expect(chosen.said).toMatchObject({
        code: 'store_connection_failed',
        params: { server: `postgresql://desk@127.0.0.1:${server.port}/clinic?sslmode=disable` },
      })
      expect(chosen.said.message).not.toContain(PASSWORD)
    }
    expect(readdirSync(dataDir)).toEqual([])
  })

  it.skipIf(TEST_STORE !== 'postgres')('a server that answers is kept, its password encrypted: the stored file holds no password', async () => {
    // The cluster of the integration-pg run (tests/pg-setup.ts); trust authentication, so any password is accepted.
    const url = new URL(inject('pgUrl'))
    const server: ServerConnection = {
      host: url.hostname,
      port: Number(url.port),
      database: 'postgres',
      user: 'postgres',
      password: PASSWORD,
      sslmode: 'disable',
    }
    const cipher = testCipher()
    const chosen = await chooseStore(dataDir, { kind: 'server', ...server }, cipher)
    expect(chosen).toEqual({
      ok: true,
      location: `postgresql://postgres:${encodeURIComponent(PASSWORD)}@${url.hostname}:${url.port}/postgres?sslmode=disable`,
    })
    const stored = readFileSync(join(dataDir, STORE_CHOICE_FILE), 'utf8')
    expect(stored).toContain(url.hostname)
    for (const form of [PASSWORD, encodeURIComponent(PASSWORD), 'Sommer', Buffer.from(PASSWORD).toString('base64')]) expect(stored).not.toContain(form)
    // Read back at the next start, the password is the one typed.
    expect(readStoreChoice(dataDir, cipher)).toEqual({ kind: 'server', ...server })
    // Another machine's key (a copied file) cannot read it.
    expect(() => readStoreChoice(dataDir, testCipher())).toThrow()
  })
})
