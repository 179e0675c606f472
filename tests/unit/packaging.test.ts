import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * The installer cannot be built on this machine (no Electron binary, no headers
 * for the native rebuild); this checks what can be checked: the configuration's
 * shape, and that every folder it ships exists where it says.
 */
const root = join(import.meta.dirname, '..', '..')
// js-yaml is what electron-builder itself reads electron-builder.yml with (a dependency of app-builder-lib).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

interface BuilderConfig {
  appId: string
  productName: string
  files: string[]
  extraResources: { from: string; to: string }[]
  asarUnpack: string[]
  npmRebuild: boolean
  linux: { target: string[] }
  win: { target: string[] }
  mac: { target: string[] }
}
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts

describe('installer configuration (electron-builder.yml)', () => {
  it('names the app Backstride and builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.productName).toBe('Backstride')
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.mac.target).toEqual(['dmg'])
  })

  it('ships the bundles, and the migrations and catalogue where db/paths.ts looks for them', () => {
    expect(config.files).toContain('out/**')
    const shipped = Object.fromEntries(config.extraResources.map((r) => [r.to, r.from]))
    expect(shipped).toEqual({ 'db/migrations': 'db/migrations', resources: 'resources', cli: 'packaging/cli' })
    expect(existsSync(join(root, 'db', 'migrations', 'meta', '_journal.json'))).toBe(true)
    expect(existsSync(join(root, 'resources', 'catalogue'))).toBe(true)
  })

  it('unpacks the native module and rebuilds it for Electron', () => {
    expect(config.asarUnpack.some((pattern) => pattern.includes('better-sqlite3') && pattern.endsWith('.node'))).toBe(true)
    expect(config.npmRebuild).toBe(true)
  })

  it('ships the command-line launchers, which run the built CLI with the executable each platform installs', () => {
    const sh = readFileSync(join(root, 'packaging', 'cli', 'backstride'), 'utf8')
    const cmd = readFileSync(join(root, 'packaging', 'cli', 'backstride.cmd'), 'utf8')
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

  it('points the packaged app at its resources folder', () => {
    const main = readFileSync(join(root, 'electron', 'main.ts'), 'utf8')
    expect(main).toMatch(/if \(app\.isPackaged\) process\.env\.BACKSTRIDE_APP_ROOT \?\?= process\.resourcesPath/)
  })

  it('has scripts that build the bundles before packaging, for each platform', () => {
    expect(scripts.dist).toBe('electron-vite build && electron-builder')
    expect(scripts['dist:linux']).toMatch(/electron-builder --linux$/)
    expect(scripts['dist:win']).toMatch(/electron-builder --win$/)
    expect(scripts['dist:mac']).toMatch(/electron-builder --mac$/)
  })
})
