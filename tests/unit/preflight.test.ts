import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/*
 * tests/preflight.mjs, the first step of `npm test`, run as npm runs it: with a PATH
 * and a BACKSTRIDE_CHROMIUM that hide some of the tools, it must name exactly
 * those, with the install command, and exit non-zero.
 */

const script = join(import.meta.dirname, '..', 'preflight.mjs')
const bin = mkdtempSync(join(tmpdir(), 'backstride-preflight-'))
afterAll(() => rmSync(bin, { recursive: true, force: true }))

function preflight(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 10_000 })
  return { status: run.status, output: run.stdout + run.stderr }
}

describe('preflight of npm test', () => {
  it('passes on a machine with every tool (as this one and CI after .ci/run are)', () => {
    const run = preflight({ PATH: process.env.PATH ?? '' })
    expect(run.output).toContain('preflight: 9 tools found')
    expect(run.status).toBe(0)
  })

  it('names Chromium, every poppler tool and LibreOffice when none is there, with one install command', () => {
    const run = preflight({ PATH: bin, BACKSTRIDE_CHROMIUM: join(bin, 'no-chromium') })
    expect(run.status).toBe(1)
    expect(run.output).toContain(`Chromium (looked for ${join(bin, 'no-chromium')}, from BACKSTRIDE_CHROMIUM)`)
    for (const program of ['pdftotext', 'pdfinfo', 'pdftoppm']) expect(run.output).toContain(`${program} (poppler-utils)`)
    expect(run.output).toContain('LibreOffice Calc (soffice)')
    expect(run.output).toContain('Install with: apt-get install -y chromium poppler-utils libreoffice-calc')
  })

  it('names PostgreSQL\'s server programs when they are not in BACKSTRIDE_PG_BIN, with the package', () => {
    const run = preflight({ PATH: process.env.PATH ?? '', BACKSTRIDE_PG_BIN: bin })
    expect(run.status).toBe(1)
    for (const program of ['initdb', 'pg_ctl', 'pg_dump', 'pg_restore']) expect(run.output).toContain(`${program} (PostgreSQL 15, looked for in ${bin}, from BACKSTRIDE_PG_BIN)`)
    expect(run.output).toContain('Install with: apt-get install -y postgresql')
  })

  it('names only what is missing: here pdftoppm, with Chromium and the other poppler tools present', () => {
    // Stand-ins: the preflight looks for executables by name, it does not run them.
    for (const program of ['pdftotext', 'pdfinfo', 'soffice']) writeFileSync(join(bin, program), '#!/bin/sh\n', { mode: 0o755 })
    const run = preflight({ PATH: bin, BACKSTRIDE_CHROMIUM: '/usr/bin/chromium' })
    expect(run.status).toBe(1)
    expect(run.output).toContain('pdftoppm (poppler-utils)')
    expect(run.output).not.toMatch(/pdftotext \(|pdfinfo \(|Chromium \(|LibreOffice/)
    expect(run.output).toContain('Install with: apt-get install -y poppler-utils\n')
  })
})
