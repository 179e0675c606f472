import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_IMPORT_CHARACTERS } from '../../electron/clinic/contract'
import { MAX_BODY_BYTES, startWebServer, type WebServer } from '../../electron/web'
import { tempClinic, type TempClinic } from './factories'

/** A raw HTTP request, so that Host and Origin can be set as an attacker's page would send them. */
function send(
  server: WebServer,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      },
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

let clinic: TempClinic
let server: WebServer
/** Holds the renderer folder and, beside it, a file the server must never serve. */
const folder = mkdtempSync(join(tmpdir(), 'backstride-renderer-'))
beforeAll(async () => {
  clinic = await tempClinic()
  const renderer = join(folder, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Backstride</title>')
  writeFileSync(join(folder, 'backstride-secret.txt'), 'outside the renderer folder')
  server = await startWebServer({ handlers: clinic.handlers, rendererDir: renderer, log: () => undefined })
})
afterAll(async () => {
  await server.close()
  clinic.close()
  rmSync(folder, { recursive: true, force: true })
})

const api = (headers: Record<string, string>, body = '{}', path = '/api/patients/list') =>
  send(server, { path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
const host = () => `127.0.0.1:${server.port}`

/*
 * Each guard of electron/web.ts was switched off, once, by a throwaway script
 * that rewrote the one line and ran this file (2026-11-30): every time the
 * named test failed, and all passed with the guard back.
 * - token check (tokenMatches returning true): "refuses an API request without a token".
 * - Host check (the allowedHosts test on req.headers.host removed): "refuses a foreign Host header".
 * - Origin check removed: "refuses a cross-origin request".
 * - method checks (the POST-only line of api(), the GET/HEAD line of handle()): "refuses GET on the API", "refuses POST for a page".
 * - content-type check removed: "refuses a body that is not JSON".
 * - unknown channel check removed: "answers an unknown method with 404" (dispatch answers 200 with an error).
 * - path traversal (`inside` forced to true): "serves no file outside the renderer folder".
 * - body size (readBody never returning null): "answers exactly 413" (the 200 it got instead was not 413);
 *   the connection reset on an oversized body (req.destroy() as before): "answers exactly 413" (ECONNRESET);
 *   MAX_BODY_BYTES back at 1 000 000: "admits the largest patient import".
 */
describe('browser mode refuses what a stranger could send', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`)
  })

  it('answers a request with the right token', async () => {
    const res = await api({ host: host(), 'x-backstride-token': server.token })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { rows: [], total: 0, nextCursor: null } })
  })

  it('refuses an API request without a token or with a wrong one', async () => {
    expect((await api({ host: host() })).status).toBe(401)
    expect((await api({ host: host(), 'x-backstride-token': 'guess' })).status).toBe(401)
    expect((await api({ host: host(), 'x-backstride-token': server.token.slice(0, -1) + 'x' })).status).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const res = await api({ host: `evil.example:${server.port}`, 'x-backstride-token': server.token })
    expect(res.status).toBe(421)
    expect((await send(server, { path: '/', headers: { host: 'evil.example' } })).status).toBe(421)
  })

  it('refuses a cross-origin request, even with the token', async () => {
    const res = await api({ host: host(), origin: 'http://evil.example', 'x-backstride-token': server.token })
    expect(res.status).toBe(403)
  })

  it('refuses GET on the API', async () => {
    const res = await send(server, { path: '/api/patients/list', headers: { host: host(), 'x-backstride-token': server.token } })
    expect(res.status).toBe(405)
  })

  it('refuses POST for a page', async () => {
    const res = await send(server, { path: '/index.html', method: 'POST', headers: { host: host() }, body: 'x' })
    expect(res.status).toBe(405)
  })

  it('refuses a body that is not JSON, and malformed JSON', async () => {
    // A body a form or a no-cors fetch from another page could send without a preflight.
    const plain = await api({ host: host(), 'x-backstride-token': server.token, 'content-type': 'text/plain' })
    expect(plain.status).toBe(415)
    expect((await api({ host: host(), 'x-backstride-token': server.token }, '{not json')).status).toBe(400)
  })

  it('admits the largest patient import: 800 000 Cyrillic characters (1.6 MB in UTF-8) reach the import, one more is refused by it', async () => {
    expect(MAX_IMPORT_CHARACTERS).toBe(800_000)
    const cyrillic = (n: number) => JSON.stringify({ csv: 'Ж'.repeat(n) })
    expect(Buffer.byteLength(cyrillic(MAX_IMPORT_CHARACTERS))).toBeGreaterThan(1_600_000)
    const largest = await api({ host: host(), 'x-backstride-token': server.token }, cyrillic(MAX_IMPORT_CHARACTERS), '/api/imports/previewPatients')
    expect(largest.status).toBe(200)
    // Read as a CSV (one header of unknown columns), not refused for its size.
    expect(JSON.parse(largest.body)).toMatchObject({ ok: false, error: { code: 'csv_columns_missing' } })
    const over = await api({ host: host(), 'x-backstride-token': server.token }, cyrillic(MAX_IMPORT_CHARACTERS + 1), '/api/imports/previewPatients')
    expect(over.status).toBe(200)
    expect(JSON.parse(over.body)).toMatchObject({ ok: false, error: { fields: [{ path: 'csv', code: 'import_too_large' }] } })
  })

  it('answers exactly 413 with a coded refusal to a body over the limit, after reading it to its end', async () => {
    const huge = JSON.stringify({ search: 'x'.repeat(MAX_BODY_BYTES) })
    // No catch: a reset connection fails the test.
    const res = await api({ host: host(), 'x-backstride-token': server.token }, huge)
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        code: 'request_too_large',
        params: { megabytes: 3 },
        message: expect.stringContaining('more than 3 MB') as string,
        fields: [],
      },
    })
    // The server still answers on a new connection.
    expect((await api({ host: host(), 'x-backstride-token': server.token })).status).toBe(200)
  })

  it('answers an unknown method with 404', async () => {
    expect((await api({ host: host(), 'x-backstride-token': server.token }, '{}', '/api/patients/drop')).status).toBe(404)
  })

  it('serves no file outside the renderer folder', async () => {
    for (const path of ['/..%2Fbackstride-secret.txt', '/assets/..%2F..%2Fbackstride-secret.txt', '/../backstride-secret.txt']) {
      const res = await send(server, { path, headers: { host: host() } })
      expect(res.body).not.toContain('outside the renderer folder')
    }
  })

  it('sends a strict Content-Security-Policy with every page', async () => {
    const res = await send(server, { path: '/', headers: { host: host() } })
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })
})
