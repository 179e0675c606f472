import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * The built browser mode as its own process, as `npm run web` starts it: used
 * by the end-to-end fixtures and by the benchmark's group-view timing.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** out/main/web.js, which `npm run build` writes. */
export const WEB_SERVER = join(root, 'out', 'main', 'web.js')

/**
 * Starts the built browser mode (out/main/web.js) as its own process, as `npm run web` does; port 0: any free port.
 * fileSizeLimitKb: no file it writes may grow beyond this (bash's `ulimit -f`), as on a full disk.
 */
export async function startServer(
  dbFile: string,
  port = 0,
  options: { fileSizeLimitKb?: number } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const args = [WEB_SERVER, '--db', dbFile, '--port', String(port)]
  const child =
    options.fileSizeLimitKb === undefined
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('bash', ['-c', `ulimit -f ${options.fileSizeLimitKb} && exec "$0" "$@"`, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
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

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

