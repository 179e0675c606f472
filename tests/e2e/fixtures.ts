import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiResult, Channel } from '../../electron/clinic/contract'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface BrowserModeClinic {
  /** URL with the per-launch token, as printed by `npm run web`. */
  url: string
  origin: string
  token: string
  dbFile: string
  /** Calls the clinic API over the same HTTP transport the renderer uses. */
  call<T = unknown>(channel: Channel, input?: unknown): Promise<ApiResult<T>>
  /** Stops the server and starts it again on the same database file. */
  restart(): Promise<void>
}

/** Starts the built browser mode (out/main/web.js) as its own process, as `npm run web` does. */
async function startServer(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), '--db', dbFile, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 20_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)))
  })
  return { child, url }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export const test = base.extend<{ clinic: BrowserModeClinic }>({
  clinic: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-e2e-'))
    const dbFile = join(dir, 'clinic.sqlite')
    let server = await startServer(dbFile)
    const parts = () => {
      const url = new URL(server.url)
      return { origin: url.origin, token: url.hash.replace('#token=', '') }
    }
    const clinic: BrowserModeClinic = {
      get url() {
        return server.url
      },
      get origin() {
        return parts().origin
      },
      get token() {
        return parts().token
      },
      dbFile,
      async call<T>(channel: Channel, input: unknown = {}) {
        const response = await fetch(`${parts().origin}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-backstride-token': parts().token },
          body: JSON.stringify(input),
        })
        return (await response.json()) as ApiResult<T>
      },
      async restart() {
        await stop(server.child)
        server = await startServer(dbFile)
      },
    }
    await use(clinic)
    await stop(server.child)
    rmSync(dir, { recursive: true, force: true })
  },
})

export { expect }
