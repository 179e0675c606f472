// `npm start`: the desktop app when Electron can run here, otherwise browser mode, saying why.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options })
  return result.status === 0
}

/**
 * The path of the Electron binary, or the reason it cannot be used. Electron 42+
 * downloads its binary on first use; that download is tried once, quietly, here.
 */
function electronBinary() {
  let dir
  try {
    dir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' }
  }
  const binary = () => {
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const file = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(file) ? file : null
  }
  if (!binary()) {
    console.log('Fetching the Electron binary (first start only)...')
    spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 })
  }
  const file = binary()
  return file ? { binary: file } : { reason: "Electron's binary could not be downloaded on this machine" }
}

/**
 * better-sqlite3 for Electron's ABI, in its own folder, so that the Node build in
 * node_modules (used by tests and browser mode) is never flipped back and forth.
 */
function electronNativeBinding(binary) {
  const target = join(root, '.cache', 'electron-native', 'better-sqlite3')
  const built = join(target, 'build', 'Release', 'better_sqlite3.node')
  if (existsSync(built)) return { file: built }
  mkdirSync(dirname(target), { recursive: true })
  cpSync(join(root, 'node_modules', 'better-sqlite3'), target, { recursive: true })
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim().replace(/^v/, '')
  const ok =
    version &&
    run(process.execPath, [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--version', version, '--module-dir', target, '--force'])
  return ok && existsSync(built)
    ? { file: built }
    : { reason: `the database module could not be built for Electron ${version ?? ''} (run: npx electron-rebuild --module-dir ${target})` }
}

function browserMode(reason) {
  console.log(`Backstride is starting in browser mode because ${reason}.`)
  if (!run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])) process.exit(1)
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
}

const electron = electronBinary()
if (!electron.binary) browserMode(electron.reason)
else {
  const native = electronNativeBinding(electron.binary)
  if (!native.file) browserMode(native.reason)
  else {
    if (!run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])) process.exit(1)
    const child = spawn(electron.binary, [root, ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, BACKSTRIDE_NATIVE_BINDING: native.file },
    })
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) browserMode(`the desktop app stopped with exit code ${code}`)
      else process.exit(0)
    })
  }
}
