import { spawn, type SpawnOptions } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * Child processes for the command-line tests: the built JavaScript (out/main,
 * built by the global setup) started by Node, one at a time per test file, each
 * with a time limit that kills it and its process group and fails with the
 * output it gave so far.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface Run {
  code: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Killed (with its children) after this long; the test then fails with the output so far. */
  timeoutMs?: number
  /** Called with the child as soon as it runs (e.g. to close its stdout early). */
  started?: (child: ReturnType<typeof spawn>) => void
}

/** The environment of a test run: no database or debug setting inherited from the shell, nor npm's script name. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['BACKSTRIDE_DB', 'BACKSTRIDE_DEBUG', 'npm_lifecycle_event', 'INIT_CWD']) delete env[name]
  return { ...env, ...extra }
}

/** Runs a program to its end; rejects, after killing its process group, when it takes longer than the limit. */
export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<Run> {
  const timeoutMs = options.timeoutMs ?? 20_000
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = { cwd: options.cwd ?? ROOT, env: options.env ?? cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] }
    const child = spawn(command, args, spawnOptions)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk))
    const timer = setTimeout(() => {
      try {
        // detached: the child leads its own process group, so this reaches Chromium and npm's children too.
        process.kill(-(child.pid as number), 'SIGKILL')
      } catch {
        // already gone
      }
      reject(new Error(`${command} ${args.join(' ')} did not end within ${timeoutMs / 1000} s and was killed.\nstdout so far:\n${stdout}\nstderr so far:\n${stderr}`))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })
    })
    options.started?.(child)
  })
}

/** `node out/main/<entry>.js ...args`: the built command line, as an installed app runs it. */
export function runBuilt(entry: 'cli' | 'demo', args: string[], options: RunOptions = {}): Promise<Run> {
  return runProcess(process.execPath, [join(ROOT, 'out', 'main', `${entry}.js`), ...args], options)
}
