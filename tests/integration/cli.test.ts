import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ExportFile, PatientSummary } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `npm run cli -- ...args` as the CLI script does (tsx), without npm's own output. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, BACKSTRIDE_DB: undefined, BACKSTRIDE_DEBUG: undefined }
    execFile(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** Every error: one line on stderr, and a non-zero exit code. */
function expectError(run: Run, code: number, message: RegExp) {
  expect(run.code, run.stderr).toBe(code)
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(message)
}

let clinic: TempClinic
let out: string
beforeEach(async () => {
  clinic = await tempClinic()
  out = mkdtempSync(join(tmpdir(), 'backstride-cli-'))
})
afterEach(() => {
  clinic.close()
  rmSync(out, { recursive: true, force: true })
})

describe('cli export', () => {
  it('export csv writes the three statistics files and the dictionary, equal to the API', async () => {
    await clinic.value('patients/enroll', enrollment())
    const run = await cli('export', 'csv', '--out', out, '--db', clinic.file)
    expect(run.code, run.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'backstride-data-dictionary.csv',
      'backstride-outcomes-long.csv',
      'backstride-outcomes-wide.csv',
      'backstride-sessions.csv',
    ])
    const long = await clinic.value<ExportFile>('exports/csv', { form: 'long' })
    expect(readFileSync(join(out, long.fileName), 'utf8')).toBe(long.content)
    expect(run.stdout).toMatch(/backstride-outcomes-long\.csv\s+1 row/)
    // Read-only commands leave the app's backups alone.
    expect(existsSync(join(clinic.file, '..', 'backups'))).toBe(false)
  }, 30_000)

  it('export fhir writes the bundle; export patients the register', async () => {
    await clinic.value('patients/enroll', enrollment())
    expect((await cli('export', 'fhir', '--out', out, '--db', clinic.file)).code).toBe(0)
    const bundle = JSON.parse(readFileSync(join(out, 'backstride-fhir-bundle.json'), 'utf8'))
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' })
    expect(bundle.entry).toHaveLength(3)
    expect((await cli('export', 'patients', '--out', out, '--db', clinic.file)).code).toBe(0)
    expect(readFileSync(join(out, 'backstride-patients.csv'), 'utf8')).toMatch(/^clinic_id,first_name,.*\r\nBS-00001,Anna,Meier,/)
  }, 30_000)
})

describe('cli import', () => {
  const good = 'first_name,last_name,date_of_birth,sex,preferred_language\r\nAnna,Meier,14.05.1988,f,de\r\nBen,Okafor,1990-03-03,m,en\r\n'
  const file = (content: string) => {
    const path = join(out, 'patients.csv')
    writeFileSync(path, content)
    return path
  }
  const patients = async () => (await clinic.value<PatientSummary[]>('patients/list', {})).map((p) => p.lastName)

  it('a dry run lists the rows and writes nothing; the import then writes them once', async () => {
    const csv = file(good)
    const dry = await cli('import', 'patients', csv, '--dry-run', '--db', clinic.file)
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toMatch(/line 2 +new +\(new ID\) +Meier, Anna/)
    expect(dry.stdout).toMatch(/Dry run, nothing written: would import 2 patient/)
    expect(await patients()).toEqual([])

    const real = await cli('import', 'patients', csv, '--db', clinic.file)
    expect(real.code, real.stderr).toBe(0)
    expect(real.stdout).toMatch(/line 2 +new +BS-00001 +Meier, Anna/)
    expect(await patients()).toEqual(['Meier', 'Okafor'])

    const again = await cli('import', 'patients', csv, '--db', clinic.file)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/line 3 +duplicate .*same name and date of birth as BS-00002 Okafor, Ben \(already in the database\)/)
    expect(await patients()).toEqual(['Meier', 'Okafor'])
  }, 30_000)

  it('imports the valid rows, lists the invalid ones with reasons and exits with 3', async () => {
    const run = await cli('import', 'patients', file(`${good}Carla,Rossi,31.02.1985,x,de\r\n`), '--db', clinic.file)
    expectError(run, 3, /1 row\(s\) were skipped as invalid/)
    expect(run.stdout).toMatch(/line 4 +invalid +Rossi, Carla\n +date_of_birth "31\.02\.1985": Enter a valid date \(YYYY-MM-DD\) \[accepted: YYYY-MM-DD or DD\.MM\.YYYY\]\n +sex "x": Choose the sex/)
    expect(await patients()).toEqual(['Meier', 'Okafor'])
  }, 30_000)

  it('refuses a file it cannot read or use, saying why', async () => {
    expectError(await cli('import', 'patients', join(out, 'missing.csv'), '--db', clinic.file), 1, /Cannot read .*missing\.csv: no such file/)
    expectError(await cli('import', 'patients', file('name;birthday\nAnna;1988\n'), '--db', clinic.file), 1, /no column first_name, last_name/)
  }, 30_000)

  it('creates the database when importing into a new one', async () => {
    const fresh = join(out, 'new', 'clinic.sqlite')
    const run = await cli('import', 'patients', file(good), '--db', fresh)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Creating a new database at/)
    expect(existsSync(fresh)).toBe(true)
  }, 30_000)
})

describe('cli stats', () => {
  it('prints the group comparison as JSON, equal to outcomes/compare with the same filter', async () => {
    await clinic.value('patients/enroll', enrollment())
    await clinic.value('patients/enroll', enrollment({ program: { programCode: 'P2', startDate: '2026-03-02', optionalExercises: [] } }))
    const run = await cli('stats', '--json', '--sex', 'female', '--runs-min', '2', '--db', clinic.file)
    expect(run.code, run.stderr).toBe(0)
    const expected = await clinic.value('outcomes/compare', { sex: 'female', runsPerWeekMin: 2 })
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)))
  }, 30_000)
})

describe('cli errors', () => {
  let db: string
  beforeAll(() => {
    db = join(mkdtempSync(join(tmpdir(), 'backstride-cli-none-')), 'none.sqlite')
  })
  afterAll(() => rmSync(join(db, '..'), { recursive: true, force: true }))

  it('answers each mistake with one line on stderr and exit code 2 (command line) or 1 (cannot be done)', async () => {
    const runs = await Promise.all([
      cli(),
      cli('frobnicate'),
      cli('export'),
      cli('export', 'pdf', '--out', out),
      cli('export', 'csv', '--db', clinic.file),
      cli('export', 'csv', '--out', out, '--dry-run'),
      cli('export', 'csv', '--out', out, '--colour'),
      cli('import', 'patients'),
      cli('stats', '--db', clinic.file),
      cli('stats', '--json', '--sex', 'unknown', '--db', clinic.file),
      cli('stats', '--json', '--runs-min', 'many', '--db', clinic.file),
      cli('stats', '--json', '--enrolled-from', '2026-13-01', '--db', clinic.file),
      cli('export', 'csv', '--out', out, '--db', db),
    ])
    const expected: [number, RegExp][] = [
      [2, /Give a command/],
      [2, /Unknown command "frobnicate"/],
      [2, /export what\? Choose csv, patients, fhir/],
      [2, /Cannot export "pdf"/],
      [2, /Give the folder to write to with --out DIR/],
      [2, /--dry-run does not apply to export csv/],
      [2, /Unknown option '--colour'/],
      [2, /import patients needs a file/],
      [2, /stats prints JSON only for now: add --json/],
      [2, /\(--sex\)/],
      [2, /--runs-min must be a number, not "many"/],
      [2, /Enter a valid date \(YYYY-MM-DD\) \(--enrolled-from\)/],
      [1, /There is no Backstride database at .*none\.sqlite/],
    ]
    runs.forEach((run, i) => expectError(run, ...expected[i]))
    expect(existsSync(db)).toBe(false)
  }, 60_000)

  it('prints the help with exit code 0', async () => {
    const run = await cli('help')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/export csv --out DIR \[--include-demo\]/)
    expect(run.stdout).toMatch(/Exit codes: 0 done; 1 refused or failed/)
  }, 30_000)
})

describe('cli backup', () => {
  it('restores the latest backup over a damaged database, as the refusal message advises, keeping the damaged file', async () => {
    await clinic.value('patients/enroll', enrollment())
    await clinic.value('backups/create')
    clinic.store.close()
    writeFileSync(clinic.file, 'SQLite format 3\0' + 'damage'.repeat(3000))
    const { openClinic } = await import('../../electron/clinic/open')
    const refusal = await openClinic({ file: clinic.file, mode: 'browser', version: 'test' }).catch((e: Error) => e.message)
    const command = /npm run cli -- (backup restore "[^"]+" --db "[^"]+")/.exec(String(refusal))
    expect(command, String(refusal)).not.toBeNull()

    const listed = await cli('backup', 'list', '--db', clinic.file)
    expect(listed.stdout).toMatch(/manual/)
    const args = [...(command?.[1].matchAll(/"([^"]+)"|(\S+)/g) ?? [])].map((m) => m[1] ?? m[2])
    const run = await cli(...args)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/The file it replaced is kept as/)
    expect(readdirSync(join(clinic.file, '..')).some((f) => f.includes('.replaced-'))).toBe(true)

    const reopened = await openClinic({ file: clinic.file, authentication: 'none', mode: 'browser', version: 'test', automaticBackups: false })
    const { dispatch } = await import('../../electron/clinic/dispatch')
    const list = await dispatch(reopened.handlers, 'patients/list', {})
    reopened.close()
    expect(list).toMatchObject({ ok: true, value: [{ lastName: 'Meier' }] })
  }, 60_000)

  it('refuses to restore a damaged backup and changes nothing', async () => {
    clinic.store.close()
    const before = readFileSync(clinic.file)
    const bad = join(out, 'bad.sqlite')
    writeFileSync(bad, 'not a database at all'.repeat(100))
    const run = await cli('backup', 'restore', bad, '--db', clinic.file)
    expectError(run, 1, /is damaged.*Nothing was changed/)
    expect(readFileSync(clinic.file).equals(before)).toBe(true)
  }, 30_000)
})
