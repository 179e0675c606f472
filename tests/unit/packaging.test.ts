import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { builtinModules } from 'node:module'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { Configuration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/*
 * The installer cannot be built on this machine (no Electron binary, no headers
 * for the native rebuild), so this checks what the configuration does with the
 * real build output (`npm run build`, which `npm test` runs before Vitest): the
 * files the app loads are shipped, the native module is unpacked, every module
 * the bundles leave to node_modules is a production dependency, and the
 * resources laid out as the installer lays them out open a clinic.
 *
 * To check something new the installer must ship (a launcher, another bundle),
 * add its built path to SHIPPED below.
 */

const root = join(import.meta.dirname, '..', '..')
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Configuration
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> }

/** Built files the packaged app loads at run time, relative to the project root. */
const SHIPPED = [pkg.main, 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/main/cli.js']

/** electron-builder's `files` and `asarUnpack` entries as glob patterns (strings only: this config uses no FileSet objects). */
function patterns(entry: Configuration['files'] | Configuration['asarUnpack']): string[] {
  const list = entry === undefined || entry === null ? [] : Array.isArray(entry) ? entry : [entry]
  return list.map((item) => {
    if (typeof item !== 'string') throw new Error(`a FileSet entry in electron-builder.yml: extend patterns() to read it (${JSON.stringify(item)})`)
    return item
  })
}

/** A glob as electron-builder reads it: `**` any folders, `*` any name part (path.matchesGlob is experimental in Node 20). */
function matchesGlob(file: string, glob: string): boolean {
  const source = glob
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`).test(file)
}

/** Does the configuration ship this file? Patterns starting with "!" exclude, as in electron-builder. */
function shipped(file: string, globs: string[]): boolean {
  let included = false
  for (const glob of globs) {
    if (glob.startsWith('!')) {
      if (matchesGlob(file, glob.slice(1))) included = false
    } else if (matchesGlob(file, glob)) included = true
  }
  return included
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

beforeAll(() => {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    throw new Error('packaging.test.ts checks the build output: run `npm run build` first (npm test does)')
  }
})

describe('installer configuration (electron-builder.yml) against the build output', () => {
  it('ships every built file the packaged app loads, and they exist after the build', () => {
    const globs = patterns(config.files)
    for (const file of SHIPPED) {
      expect(existsSync(join(root, file)), `${file} exists after npm run build`).toBe(true)
      expect(shipped(file, globs), `${file} is matched by files: ${globs.join(', ')}`).toBe(true)
    }
  })

  it('unpacks the native SQLite module from the archive (a .node file cannot be loaded from inside an asar)', () => {
    const native = filesUnder(join(root, 'node_modules', 'better-sqlite3'))
      .filter((file) => file.endsWith('.node'))
      .map((file) => relative(root, file))
    expect(native.length).toBeGreaterThan(0)
    const globs = patterns(config.asarUnpack)
    for (const file of native) expect(shipped(file, globs), `${file} is matched by asarUnpack: ${globs.join(', ')}`).toBe(true)
    // And rebuilt for Electron's ABI while packaging (electron-builder's default, unless switched off).
    expect(config.npmRebuild).not.toBe(false)
  })

  it('finds every package the built bundles import among the production dependencies (the installer ships only those)', () => {
    const bundles = [...filesUnder(join(root, 'out', 'main')), ...filesUnder(join(root, 'out', 'preload'))].filter((f) => /\.c?js$/.test(f))
    const imported = new Set<string>()
    for (const bundle of bundles) {
      const code = readFileSync(bundle, 'utf8')
      const specifiers = [
        ...code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm),
        ...code.matchAll(/^import\s*["']([^"']+)["']/gm),
        ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1])
      for (const specifier of specifiers) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue
        imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
      }
    }
    expect([...imported]).toContain('better-sqlite3')
    const undeclared = [...imported].filter((name) => name !== 'electron' && !(name in pkg.dependencies))
    expect(undeclared, 'imported by out/ but not in package.json dependencies').toEqual([])
  })

  it('ships the command-line launchers, which run the built CLI with the executable each platform installs', () => {
    const sh = readFileSync(join(root, 'packaging', 'cli', 'backstride'), 'utf8')
    const cmd = readFileSync(join(root, 'packaging', 'cli', 'backstride.cmd'), 'utf8')
    expect(config.extraResources).toContainEqual({ from: 'packaging/cli', to: 'cli' })
    for (const launcher of [sh, cmd]) {
      expect(launcher).toMatch(/ELECTRON_RUN_AS_NODE=1/)
      expect(launcher).toMatch(/app\.asar[\\/]out[\\/]main[\\/]cli\.js/)
    }
    expect(sh).toMatch(/\$resources\/\.\.\/backstride"/)
    expect((config.linux as { executableName?: string }).executableName).toBe('backstride')
    expect(sh).toMatch(/\$resources\/\.\.\/MacOS\/Backstride"/)
    expect(cmd).toMatch(/\.\.\\\.\.\\Backstride\.exe"/)
    expect(statSync(join(root, 'packaging', 'cli', 'backstride')).mode & 0o111).not.toBe(0)
  })

  describe('the resources laid out as the installer lays them out', () => {
    const resources = mkdtempSync(join(tmpdir(), 'backstride-packaged-'))
    const dbFile = join(resources, 'data', 'clinic.sqlite')
    afterAll(() => rmSync(resources, { recursive: true, force: true }))

    it('open a clinic with the built bundle: migrations run and the catalogue is loaded', async () => {
      for (const resource of config.extraResources as { from: string; to: string }[]) {
        cpSync(join(root, resource.from), join(resources, resource.to), { recursive: true })
      }
      // electron/main.ts points the packaged app at process.resourcesPath this way.
      const main = readFileSync(join(root, 'electron', 'main.ts'), 'utf8')
      expect(main).toMatch(/if \(app\.isPackaged\) process\.env\.BACKSTRIDE_APP_ROOT \?\?= process\.resourcesPath/)

      const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), '--db', dbFile, '--port', '0'], {
        env: { ...process.env, BACKSTRIDE_APP_ROOT: resources },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      const started = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 15_000)
        const onData = (chunk: Buffer) => {
          output += chunk.toString()
          if (/Open http:\/\/127\.0\.0\.1:\d+/.test(output)) {
            clearTimeout(timer)
            resolve(true)
          }
        }
        child.stdout.on('data', onData)
        child.stderr.on('data', onData)
        child.once('exit', () => resolve(false))
      })
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))
      child.kill('SIGTERM')
      await exited
      expect(started, `browser mode did not start on the packaged layout:\n${output}`).toBe(true)

      const db = new Database(dbFile, { readonly: true })
      try {
        const programs = db.prepare('select count(*) as n from programs').get() as { n: number }
        expect(programs.n).toBeGreaterThan(0)
      } finally {
        db.close()
      }
    })
  })
})
