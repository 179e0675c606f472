import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { z } from 'zod'
import { privateFolder, PRIVATE_FILE_MODE } from '../db/fileModes'
import { DATABASE_FILE_NAME, describeLocation } from '../db/paths'
import { coded, type Coded } from './clinic/contract/messages'
import { SSL_MODES, type SslMode } from './storeChoiceChannels'

/*
 * The desktop app's first-start choice of store (issue 17, item 2), below Electron: "This desk alone"
 * (the SQLite file in the data folder, the default) or "Connect to the clinic server" (a PostgreSQL
 * database). The choice is kept in store.json in the data folder; the server's password only as the
 * bytes an injected Cipher gives (Electron's safeStorage in the app), never as text. electron/main.ts
 * shows the choice and passes safeStorage; tests pass a reversible stand-in.
 */

export const STORE_CHOICE_FILE = 'store.json'

export { SSL_MODES, type SslMode } from './storeChoiceChannels'

/** The clinic server as the first-start screen asks for it. */
export interface ServerConnection {
  host: string
  port: number
  database: string
  user: string
  password: string
  sslmode: SslMode
}

export type StoreChoice = { kind: 'file' } | ({ kind: 'server' } & ServerConnection)

/** Encrypts and decrypts the password at rest (safeStorage.encryptString / decryptString in the app). */
export interface Cipher {
  encrypt(text: string): Buffer
  decrypt(data: Buffer): string
}

/** store.json as written: the password as base64 of its encrypted bytes. */
type StoredChoice = { kind: 'file' } | ({ kind: 'server'; encryptedPassword: string } & Omit<ServerConnection, 'password'>)

/** The server's URL for openStore (node-postgres): user and password percent-encoded, sslmode as an option. */
export function serverUrl(server: ServerConnection): string {
  const user = encodeURIComponent(server.user)
  const password = server.password ? `:${encodeURIComponent(server.password)}` : ''
  const host = server.host.includes(':') ? `[${server.host}]` : server.host
  return `postgresql://${user}${password}@${host}:${server.port}/${encodeURIComponent(server.database)}?sslmode=${server.sslmode}`
}

/** Where the clinic's data is for a choice: the file in the data folder, or the server's URL. */
export function locationOf(choice: StoreChoice, dataDir: string): string {
  return choice.kind === 'file' ? join(dataDir, DATABASE_FILE_NAME) : serverUrl(choice)
}

/** The choice made at an earlier start, or null at the first start (no store.json yet). */
export function readStoreChoice(dataDir: string, cipher: Cipher): StoreChoice | null {
  const file = join(dataDir, STORE_CHOICE_FILE)
  if (!existsSync(file)) return null
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredChoice
  if (stored.kind === 'file') return { kind: 'file' }
  const { encryptedPassword, ...server } = stored
  return { ...server, password: encryptedPassword ? cipher.decrypt(Buffer.from(encryptedPassword, 'base64')) : '' }
}

/** Writes the choice (readable by the clinic's account only), the password encrypted; replaces an earlier one whole. */
export function saveStoreChoice(dataDir: string, choice: StoreChoice, cipher: Cipher): void {
  const stored: StoredChoice =
    choice.kind === 'file'
      ? { kind: 'file' }
      : (({ password, ...server }) => ({ ...server, encryptedPassword: password ? cipher.encrypt(password).toString('base64') : '' }))(choice)
  privateFolder(dataDir)
  const file = join(dataDir, STORE_CHOICE_FILE)
  writeFileSync(`${file}.new`, `${JSON.stringify(stored, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
  renameSync(`${file}.new`, file)
}

/** Connects once and asks the server a trivial question; the reason, coded, when that fails. */
export async function testServerConnection(server: ServerConnection, timeoutMs = 5_000): Promise<{ ok: true } | { ok: false; said: Coded }> {
  const client = new pg.Client({ connectionString: serverUrl(server), connectionTimeoutMillis: timeoutMs })
  // A connection lost after the test is no concern of the test.
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('select 1')
    return { ok: true }
  } catch (error) {
    const detail = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error)
    return { ok: false, said: coded('store_connection_failed', { server: describeLocation(serverUrl(server)), detail }) }
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * The first-start choice made: a server is tried first and kept only when it answers; the file needs
 * no test. Returns the location to open, or the coded reason the server was not kept (nothing saved).
 */
export async function chooseStore(
  dataDir: string,
  choice: StoreChoice,
  cipher: Cipher,
): Promise<{ ok: true; location: string } | { ok: false; said: Coded }> {
  if (choice.kind === 'server') {
    const tested = await testServerConnection(choice)
    if (!tested.ok) return tested
  }
  saveStoreChoice(dataDir, choice, cipher)
  return { ok: true, location: locationOf(choice, dataDir) }
}

/** The choice as the first-start screen sends it, checked in the main process before anything is tried. */
export const storeChoiceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }),
  z.object({
    kind: z.literal('server'),
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    database: z.string().trim().min(1).max(63),
    user: z.string().trim().min(1).max(63),
    password: z.string().max(1000),
    sslmode: z.enum(SSL_MODES),
  }),
])
