import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { MAX_IMPORT_CHARACTERS, type ApiResult, type Handlers } from './clinic/contract'
import { coded } from './clinic/contract/messages'
import { dispatch, isChannel } from './clinic/dispatch'
import { CONTENT_SECURITY_POLICY } from './security'

/**
 * Browser mode: the clinic API behind a small HTTP server on 127.0.0.1, with a
 * random per-launch token, serving the built renderer. Used when the Electron
 * binary is missing and by the end-to-end tests.
 */

export const TOKEN_HEADER = 'x-backstride-token'
/**
 * The largest request body: the largest patient import the contract takes
 * (MAX_IMPORT_CHARACTERS, counted in UTF-16 units as JavaScript counts them)
 * sent as a JSON string in UTF-8, with room for the rest of the request. A
 * unit takes at most 3 bytes in UTF-8 (a pair 4), and the escapes JSON writes
 * for a CSV's quotes, tabs and line ends 2; only other control characters
 * (6 bytes as \u0001), which no field accepts, could make a valid-length
 * file larger. 800 000 Cyrillic letters are 1.6 MB; this admits 3.2 MB.
 */
export const MAX_BODY_BYTES = 4 * MAX_IMPORT_CHARACTERS + 64 * 1024
/** A client still sending after this much is not a desk: it is cut off instead of drained. */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export interface WebServerOptions {
  handlers: Handlers
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  /** Extra folder served under /resources/ (exercise illustrations). */
  resourcesDir?: string
  port?: number
  token?: string
  log?: (error: unknown) => void
}

export interface WebServer {
  /** Open this in a browser: it carries the token in the fragment, which never reaches a server log. */
  url: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  const expected = Buffer.from(token)
  let allowedHosts: Set<string> = new Set()

  const tokenMatches = (given: string | string[] | undefined) => {
    if (typeof given !== 'string') return false
    const buffer = Buffer.from(given)
    return buffer.length === expected.length && timingSafeEqual(buffer, expected)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      options.log?.(error)
      if (!res.headersSent) send(res, 500, { error: 'Internal error' })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // DNS rebinding: a page from another site resolving its name to 127.0.0.1 sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, { error: 'Unknown host' })
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice(5))
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Method not allowed' })
    if (url.pathname.startsWith('/resources/') && options.resourcesDir) {
      return serveFile(res, options.resourcesDir, url.pathname.slice('/resources/'.length), false)
    }
    return serveFile(res, options.rendererDir, url.pathname.slice(1) || 'index.html', true)
  }

  async function api(req: IncomingMessage, res: ServerResponse, channel: string) {
    if (req.method !== 'POST') return send(res, 405, { error: 'Use POST' })
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return send(res, 403, { error: 'Cross-origin request refused' })
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER])) return send(res, 401, { error: 'Missing or wrong token' })
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, { error: 'Send JSON' })
    }
    if (!isChannel(channel)) return send(res, 404, { error: `Unknown API method ${channel}` })
    const text = await readBody(req)
    if (text === null) return send(res, 413, tooLarge)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return send(res, 400, { error: 'Malformed JSON' })
    }
    send(res, 200, await dispatch(options.handlers, channel, body, options.log))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The answer to an oversized body: an API refusal the desk shows like any other (src/api/client.ts reads it). */
const tooLarge: ApiResult<never> = {
  ok: false,
  error: { kind: 'validation', ...coded('request_too_large', { megabytes: Math.floor(MAX_BODY_BYTES / 1_000_000) }), fields: [] },
}

/**
 * The request body as text, or null when it is over MAX_BODY_BYTES. An
 * oversized body is read to its end and dropped, so the client, which is still
 * sending, then receives the 413 instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
      else chunks.length = 0
      if (size > MAX_DRAINED_BYTES) req.destroy()
    })
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client closed the request before its end'))
    })
  })
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders })
  res.end(JSON.stringify(body))
}

const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
}

function serveFile(res: ServerResponse, root: string, relative: string, spaFallback: boolean) {
  const file = normalize(join(root, decodeURIComponent(relative)))
  const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)
  let target = inside && existsSync(file) && statSync(file).isFile() ? file : null
  if (!target && spaFallback && !extname(relative)) target = join(root, 'index.html')
  if (!target || !existsSync(target)) return send(res, 404, { error: 'Not found' })
  res.writeHead(200, {
    'content-type': MIME[extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    ...securityHeaders,
  })
  createReadStream(target).pipe(res)
}
