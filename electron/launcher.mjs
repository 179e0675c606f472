// The command lines of a source checkout, run as the built JavaScript under this Node:
//   node electron/launcher.mjs cli|demo [arguments]   (npm run cli / npm run demo; npx backstride is electron/backstride.mjs)
//   node electron/launcher.mjs --build-only           (the tests' global setup)
// It builds the app first (electron-vite build, a few seconds) when out/ is missing or older than the sources,
// so a fresh clone answers `npm run cli -- help` right after `npm install`. The build talks on stderr only:
// stdout stays the command's own (stats --json).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** What the build reads; a change to any of them makes the built app stale. */
const SOURCES = ['electron', 'src', 'db', 'resources', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'tsconfig.json']
/** What the build writes last in each of its parts: the command lines, and the pages a report prints. */
const BUILT = [join('out', 'main', 'cli.js'), join('out', 'main', 'demo.js'), join('out', 'renderer', 'index.html')]

/** The newest modification time under a file or folder (a folder's own time changes when a file is removed). */
function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stat.mtimeMs)
}

function isStale() {
  const built = BUILT.map((file) => join(root, file))
  if (!built.every((file) => existsSync(file))) return true
  const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs))
  return SOURCES.some((source) => existsSync(join(root, source)) && newest(join(root, source)) > builtAt)
}

/** Builds the app when it is missing or stale; exits with 1, saying so, when the build fails. */
export function ensureBuilt() {
  if (!isStale()) return
  process.stderr.write('Building Backstride (first run, or the sources changed)...\n')
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  })
  if (build.status !== 0) {
    process.stderr.write(`backstride: the build failed (exit code ${build.status ?? build.signal}); run npm run build to see why\n`)
    process.exit(1)
  }
}

/**
 * Runs out/main/<entry>.js in this process with the given arguments. npm runs a script in the package folder;
 * relative paths (--db, --out, import files) mean the folder the command was typed in, which npm passes as INIT_CWD.
 */
export async function runBuilt(entry, args) {
  ensureBuilt()
  if (process.env.npm_lifecycle_event === entry && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD)
  const file = join(root, 'out', 'main', `${entry}.js`)
  process.argv = [process.argv[0], file, ...args]
  await import(pathToFileURL(file).href)
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const [entry, ...args] = process.argv.slice(2)
  if (entry === '--build-only') ensureBuilt()
  else if (entry === 'cli' || entry === 'demo') await runBuilt(entry, args)
  else {
    process.stderr.write('Usage: node electron/launcher.mjs cli|demo [arguments], or --build-only\n')
    process.exitCode = 2
  }
}
