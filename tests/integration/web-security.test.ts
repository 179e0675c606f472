import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebServer, type WebServer } from '../../electron/web'
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

describe('browser mode refuses what a stranger could send', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`)
  })

  it('answers a request with the right token', async () => {
    const res = await api({ host: host(), 'x-backstride-token': server.token })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: [] })
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

  it('refuses GET on the API, non-JSON bodies, malformed JSON and oversized bodies', async () => {
    expect((await send(server, { path: '/api/patients/list', headers: { host: host() } })).status).toBe(405)
    expect((await api({ host: host(), 'x-backstride-token': server.token, 'content-type': 'text/plain' })).status).toBe(415)
    expect((await api({ host: host(), 'x-backstride-token': server.token }, '{not json')).status).toBe(400)
    const huge = JSON.stringify({ search: 'x'.repeat(1_100_000) })
    const res = await api({ host: host(), 'x-backstride-token': server.token }, huge).catch(() => ({ status: 413 }))
    expect([400, 413]).toContain(res.status)
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
