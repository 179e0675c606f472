import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { describeLocation, pgMigrationsFolder } from '../../db/paths'
import type { ExportFile, PatientPage } from '../../electron/clinic/contract'
import { enrollment, missingServerDatabase, onDatabase, tempClinic, TEST_STORE, type TempClinic } from './factories'
import { cleanEnv, ROOT, runBuilt, runProcess, type Run } from './processes'

/*
 * The command line run as a child process on the test's clinic: a SQLite file, or in the integration-pg
 * project a database on the test cluster (--db postgres://…). The cases about files only (paths relative to
 * the current folder, a database file created by an import, restoring a file from a backup) are skipped on a
 * server by name below, each saying why; a server's backups by the CLI: tests/integration/server-backups.test.ts.
 */
const onServer = TEST_STORE === 'postgres'

/** The built command line (out/main/cli.js) under Node, as `npx backstride ...args` runs it. */
const cli = (...args: string[]): Promise<Run> => runBuilt('cli', args)

/** npm and npx as a newcomer types them, without npm's update check. */
const npmEnv = () => cleanEnv({ npm_config_update_notifier: 'false' })

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
  it('export csv writes the four statistics files and the dictionary, equal to the API', async () => {
    await clinic.value('patients/enroll', enrollment())
    const run = await cli('export', 'csv', '--out', out, '--db', clinic.file)
    expect(run.code, run.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'backstride-adverse-events.csv',
      'backstride-data-dictionary.csv',
      'backstride-exercise-doses.csv',
      'backstride-outcomes-long.csv',
      'backstride-outcomes-wide.csv',
      'backstride-sessions.csv',
    ])
    const long = await clinic.value<ExportFile>('exports/csv', { form: 'long' })
    expect(readFileSync(join(out, long.fileName), 'utf8')).toBe(long.content)
    expect(run.stdout).toMatch(/backstride-outcomes-long\.csv\s+1 row/)
    // Read-only commands leave the app's backups alone (a file's folder; a server database has no backups at start).
    if (!onServer) expect(existsSync(join(clinic.file, '..', 'backups'))).toBe(false)
  }, 30_000)

  it('export csv --separator semicolon writes semicolons; export xlsx the workbook', async () => {
    await clinic.value('patients/enroll', enrollment())
    expect((await cli('export', 'csv', '--separator', 'semicolon', '--out', out, '--db', clinic.file)).code).toBe(0)
    expect(readFileSync(join(out, 'backstride-outcomes-long.csv'), 'utf8').split('\r\n')[0]).toBe(
      '\uFEFFclinic_id;enrolled_on;program;site;time_point;assessed_on;running_pain;runability;sit_to_stand_reps;out_of_window;deviation_reason;is_demo;archived',
    )
    const run = await cli('export', 'xlsx', '--out', out, '--db', clinic.file)
    expect(run.code, run.stderr).toBe(0)
    // An .xlsx file is a zip archive: it starts with PK.
    expect(readFileSync(join(out, 'backstride-statistics.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK')
    expect(run.stdout).toMatch(/backstride-statistics\.xlsx/)
  }, 30_000)

  it('export fhir writes the bundle; export patients the register', async () => {
    await clinic.value('patients/enroll', enrollment())
    expect((await cli('export', 'fhir', '--out', out, '--db', clinic.file)).code).toBe(0)
    const bundle = JSON.parse(readFileSync(join(out, 'backstride-fhir-bundle.json'), 'utf8'))
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' })
    expect(bundle.entry).toHaveLength(3)
    expect((await cli('export', 'patients', '--out', out, '--db', clinic.file)).code).toBe(0)
    expect(readFileSync(join(out, 'backstride-patients.csv'), 'utf8')).toMatch(/^\uFEFFclinic_id,first_name,.*\r\nBS-00001,Anna,Meier,/)
  }, 30_000)
})

describe('cli import', () => {
  const good = 'first_name,last_name,date_of_birth,sex,preferred_language\r\nAnna,Meier,14.05.1988,f,de\r\nBen,Okafor,1990-03-03,m,en\r\n'
  const file = (content: string) => {
    const path = join(out, 'patients.csv')
    writeFileSync(path, content)
    return path
  }
  const patients = async () => ((await clinic.value<PatientPage>('patients/list', {})).rows).map((p) => p.lastName)
  /** An import writes: the app is closed meanwhile (one writer per database), then opened again to look. */
  const importing = async (...args: string[]): Promise<Run> => {
    clinic.stop()
    try {
      return await cli('import', 'patients', ...args)
    } finally {
      await clinic.restart()
    }
  }

  it('a dry run lists the rows and writes nothing; the import then writes them once', async () => {
    const csv = file(good)
    const dry = await cli('import', 'patients', csv, '--dry-run', '--db', clinic.file)
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toMatch(/line 2 +new +\(new ID\) +Meier, Anna/)
    expect(dry.stdout).toMatch(/Dry run, nothing written: would import 2 patient/)
    expect(await patients()).toEqual([])

    const real = await importing(csv, '--db', clinic.file)
    expect(real.code, real.stderr).toBe(0)
    expect(real.stdout).toMatch(/line 2 +new +BS-00001 +Meier, Anna/)
    expect(await patients()).toEqual(['Meier', 'Okafor'])

    const again = await importing(csv, '--db', clinic.file)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/line 3 +duplicate .*same name and date of birth as BS-00002 Okafor, Ben \(already in the database\)/)
    expect(await patients()).toEqual(['Meier', 'Okafor'])
  }, 30_000)

  it('imports the valid rows, lists the invalid ones with reasons and exits with 3', async () => {
    const run = await importing(file(`${good}Carla,Rossi,31.02.1985,x,de\r\n`), '--db', clinic.file)
    expectError(run, 3, /1 row\(s\) were skipped as invalid/)
    expect(run.stdout).toMatch(/line 4 +invalid +Rossi, Carla\n +date_of_birth "31\.02\.1985": Enter a valid date \(YYYY-MM-DD\) \[accepted: YYYY-MM-DD or DD\.MM\.YYYY\]\n +sex "x": Choose the sex/)
    expect(await patients()).toEqual(['Meier', 'Okafor'])
  }, 30_000)

  it('refuses a file it cannot read or use, saying why', async () => {
    expectError(await importing(join(out, 'missing.csv'), '--db', clinic.file), 1, /Cannot read .*missing\.csv: no such file/)
    expectError(await importing(file('name;birthday\nAnna;1988\n'), '--db', clinic.file), 1, /no column first_name, last_name/)
  }, 30_000)

  // A file that does not exist yet (a server database exists once its administrator created it).
  it.skipIf(onServer)('a dry run into a database that does not exist yet creates neither the file nor its folder', async () => {
    const fresh = join(out, 'new', 'clinic.sqlite')
    const run = await cli('import', 'patients', file(good), '--dry-run', '--db', fresh)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/There is no database at .*clinic\.sqlite yet/)
    expect(run.stdout).toMatch(/Dry run, nothing written: would import 2 patient/)
    expect(existsSync(join(out, 'new'))).toBe(false)
  }, 30_000)

  it.skipIf(onServer)('creates the database when importing into a new one', async () => {
    const fresh = join(out, 'new', 'clinic.sqlite')
    const run = await cli('import', 'patients', file(good), '--db', fresh)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Creating a new database at/)
    expect(existsSync(fresh)).toBe(true)
  }, 30_000)
})

// Relative database paths: files only.
describe.skipIf(onServer)('cli started by npm and npx', () => {
  // Relative paths are given from a folder outside the repository: they must mean that folder.
  it('npx backstride stats --json (--prefix: from outside the checkout) prints JSON alone on stdout, reading a --db relative to the current folder', async () => {
    await clinic.value('patients/enroll', enrollment())
    const here = join(clinic.file, '..')
    const run = await runProcess('npx', ['--offline', '--prefix', ROOT, 'backstride', 'stats', '--json', '--db', 'clinic.sqlite'], {
      cwd: here,
      env: npmEnv(),
      timeoutMs: 60_000,
    })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(await clinic.value('outcomes/compare', {}))))
  }, 90_000)

  it('npm run cli resolves --db and --out against the folder npm was started in, not the repository', async () => {
    await clinic.value('patients/enroll', enrollment())
    const here = join(clinic.file, '..')
    const run = await runProcess('npm', ['--prefix', ROOT, 'run', 'cli', '--', 'export', 'fhir', '--out', 'exports', '--db', 'clinic.sqlite'], {
      cwd: here,
      env: npmEnv(),
      timeoutMs: 60_000,
    })
    expect(run.code, run.stderr).toBe(0)
    expect(existsSync(join(here, 'exports', 'backstride-fhir-bundle.json'))).toBe(true)
    expect(existsSync(join(ROOT, 'exports'))).toBe(false)
    // npm prints its banner on stdout before the command's own output (README says: use npx for JSON).
    expect(run.stdout).toMatch(/^\s*> backstride@[\d.]+ cli/)
  }, 90_000)

  it('npm run demo writes the demo cohort into a database relative to the folder npm was started in', async () => {
    const here = mkdtempSync(join(tmpdir(), 'backstride-demo-npm-'))
    try {
      mkdirSync(join(here, 'data'))
      const run = await runProcess('npm', ['--prefix', relative(here, ROOT) || '.', 'run', 'demo', '--', '--patients', '3', '--db', join('data', 'd.sqlite')], {
        cwd: here,
        env: npmEnv(),
        timeoutMs: 60_000,
      })
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toMatch(/Demo cohort written: 3 patients/)
      expect(existsSync(join(here, 'data', 'd.sqlite'))).toBe(true)
    } finally {
      rmSync(here, { recursive: true, force: true })
    }
  }, 90_000)
})

describe('cli of an installed app', () => {
  // The layout electron-builder installs on Linux (/opt/Backstride): the executable, and resources/ with app.asar,
  // the migrations, the catalogue and cli/backstride. Here the "executable" is Node behind a script that insists
  // on ELECTRON_RUN_AS_NODE=1, and app.asar is this checkout (its out/ built).
  it('resources/cli/backstride runs the built CLI with the app executable as Node', async () => {
    await clinic.value('patients/enroll', enrollment())
    const app = join(out, 'Backstride')
    mkdirSync(join(app, 'resources', 'cli'), { recursive: true })
    writeFileSync(join(app, 'backstride'), `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "not run as Node" >&2; exit 99; }\nexec "${process.execPath}" "$@"\n`)
    chmodSync(join(app, 'backstride'), 0o755)
    symlinkSync(ROOT, join(app, 'resources', 'app.asar'))
    symlinkSync(join(ROOT, 'db'), join(app, 'resources', 'db'))
    symlinkSync(join(ROOT, 'resources'), join(app, 'resources', 'resources'))
    copyFileSync(join(ROOT, 'packaging', 'cli', 'backstride'), join(app, 'resources', 'cli', 'backstride'))
    chmodSync(join(app, 'resources', 'cli', 'backstride'), 0o755)

    const run = await runProcess(join(app, 'resources', 'cli', 'backstride'), ['stats', '--json', '--db', clinic.file])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(await clinic.value('outcomes/compare', {}))))
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
  /** A database that is not there: a file, or a database the server does not have. */
  let db: string
  beforeAll(() => {
    db = onServer ? missingServerDatabase() : join(mkdtempSync(join(tmpdir(), 'backstride-cli-none-')), 'none.sqlite')
  })
  afterAll(() => {
    if (!onServer) rmSync(join(db, '..'), { recursive: true, force: true })
  })

  it('answers each mistake with one line on stderr and exit code 2 (command line) or 1 (cannot be done)', async () => {
    // One at a time: each is a short Node start of the built file.
    const commands: string[][] = [
      [],
      ['frobnicate'],
      ['export'],
      ['export', 'pdf', '--out', out],
      ['export', 'csv', '--db', clinic.file],
      ['export', 'csv', '--out', out, '--dry-run'],
      ['export', 'csv', '--out', out, '--colour'],
      ['import', 'patients'],
      ['stats', '--db', clinic.file],
      ['stats', '--json', '--sex', 'unknown', '--db', clinic.file],
      ['stats', '--json', '--runs-min', 'many', '--db', clinic.file],
      ['stats', '--json', '--enrolled-from', '2026-13-01', '--db', clinic.file],
      ['export', 'csv', '--out', out, '--db', db],
      ['report', 'patient', '1', '--out', join(out, 'r.pdf'), '--signed-by', ' ', '--db', clinic.file],
    ]
    const runs: Run[] = []
    for (const args of commands) runs.push(await cli(...args))
    const expected: [number, RegExp][] = [
      [2, /Give a command/],
      [2, /Unknown command "frobnicate"/],
      [2, /export what\? Choose csv, xlsx, patients, fhir/],
      [2, /Cannot export "pdf"/],
      [2, /Give the folder to write to with --out DIR/],
      [2, /--dry-run does not apply to export csv/],
      [2, /Unknown option '--colour'/],
      [2, /import patients needs a file/],
      [2, /stats prints JSON only for now: add --json/],
      [2, /\(--sex\)/],
      [2, /--runs-min must be a number, not "many"/],
      [2, /Enter a valid date \(YYYY-MM-DD\) \(--enrolled-from\)/],
      onServer
        ? [1, /The clinic database postgres(ql)?:\/\/.*\/backstride_no_such_database could not be opened \(database "backstride_no_such_database" does not exist\)\. Nothing was changed/]
        : [1, /There is no file .*none\.sqlite \(--db\): check the path/],
      [2, /--signed-by needs the name of who signs the report/],
    ]
    runs.forEach((run, i) => expectError(run, ...expected[i]))
    if (!onServer) expect(existsSync(db)).toBe(false)
  }, 60_000)

  it('without --db, names the database it looked for and how to give another', async () => {
    const home = mkdtempSync(join(tmpdir(), 'backstride-cli-home-'))
    try {
      const run = await runBuilt('cli', ['stats', '--json'], { env: cleanEnv({ HOME: home, XDG_CONFIG_HOME: join(home, 'config') }) })
      expectError(run, 1, new RegExp(`There is no Backstride database at ${join(home, 'config', 'Backstride', 'backstride.sqlite')} yet: .*--db PATH`))
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  }, 30_000)

  it('ends quietly, exit code 0, when the reader closes the pipe early (| head)', async () => {
    await clinic.value('patients/enroll', enrollment())
    const run = await runBuilt('cli', ['stats', '--json', '--db', clinic.file], { started: (child) => child.stdout?.destroy() })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  }, 30_000)

  it('prints the help with exit code 0', async () => {
    const run = await cli('help')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/export csv --out DIR \[--separator comma\|semicolon\] \[--include-demo\]/)
    expect(run.stdout).toMatch(/Exit codes: 0 done; 1 refused or failed/)
  }, 30_000)
})

// Restoring a database file from a backup file (a server's backups: tests/integration/server-backups.test.ts).
describe.skipIf(onServer)('cli backup', () => {
  it('restores the latest backup over a damaged database, as the refusal message advises, keeping the damaged file', async () => {
    await clinic.value('patients/enroll', enrollment())
    await clinic.value('backups/create')
    clinic.stop()
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
    expect(list).toMatchObject({ ok: true, value: { rows: [{ lastName: 'Meier' }], total: 1, nextCursor: null } })
  }, 60_000)

  it('refuses to restore a damaged backup and changes nothing', async () => {
    clinic.stop()
    const before = readFileSync(clinic.file)
    const bad = join(out, 'bad.sqlite')
    writeFileSync(bad, 'not a database at all'.repeat(100))
    const run = await cli('backup', 'restore', bad, '--db', clinic.file)
    expectError(run, 1, /is damaged.*Nothing was changed/)
    expect(readFileSync(clinic.file).equals(before)).toBe(true)
  }, 30_000)
})

/*
 * A server database the command line cannot use (integration-pg): refused in one line, exit code 1, nothing
 * changed (electron/clinic/open.ts checkServerUsable, db/health.ts checkServerDatabase). Checked to fail: with
 * the newer-version check removed, stats reads the newer database (exit 0); with the read-only pending check
 * removed, stats reads the database that lacks a migration (exit 0).
 */
describe.skipIf(!onServer)('cli on a server database it cannot use', () => {
  const csv = () => {
    const path = join(out, 'patients.csv')
    writeFileSync(path, 'first_name,last_name,date_of_birth,sex,preferred_language\r\nAnna,Meier,14.05.1988,f,de\r\n')
    return path
  }
  const knownMigrations = () => (JSON.parse(readFileSync(join(pgMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

  it('names the server it could not reach or that refused the user, without the password, for reading and writing', async () => {
    const wrongUser = new URL(clinic.file)
    wrongUser.username = 'no_such_user'
    wrongUser.password = 'secret'
    const cases: [string, RegExp][] = [
      ['postgres://backstride:secret@127.0.0.1:1/clinic', /^backstride: The clinic database postgres:\/\/backstride@127\.0\.0\.1:1\/clinic could not be opened \(connect ECONNREFUSED 127\.0\.0\.1:1\)\. Nothing was changed/],
      [wrongUser.href, /could not be opened \(role "no_such_user" does not exist\)\. Nothing was changed/],
    ]
    for (const [url, message] of cases) {
      for (const args of [['stats', '--json'], ['import', 'patients', csv()], ['backup', 'list']]) {
        const run = await cli(...args, '--db', url)
        expectError(run, 1, message)
        expect(run.stderr).not.toContain('secret')
      }
    }
  }, 60_000)

  it('refuses a database a newer version of Backstride migrated, for reading and for writing, and changes nothing', async () => {
    await clinic.value('patients/enroll', enrollment())
    const known = knownMigrations().length
    const [{ newest }] = await clinic.query<{ newest: number }>('select max(created_at) as newest from drizzle.__drizzle_migrations')
    await clinic.query('insert into drizzle.__drizzle_migrations (hash, created_at) values (?, ?)', 'from-a-newer-version', Number(newest) + 1e9)
    const before = { counts: await clinic.rowCounts(), migrations: await clinic.query('select * from drizzle.__drizzle_migrations order by id') }
    const refusal = new RegExp(
      `^backstride: The clinic database ${escaped(describeLocation(clinic.file))} was written by a newer version of Backstride \\(it has ${known + 1} schema migrations, this version of Backstride knows ${known}\\)\\. It was left untouched`,
    )
    for (const args of [['stats', '--json'], ['export', 'csv', '--out', out], ['import', 'patients', csv()]]) expectError(await cli(...args, '--db', clinic.file), 1, refusal)
    expect(await clinic.rowCounts()).toEqual(before.counts)
    expect(await clinic.query('select * from drizzle.__drizzle_migrations order by id')).toEqual(before.migrations)
    expect(readdirSync(out)).toEqual(['patients.csv'])
  }, 60_000)

  it('refuses to read a database an earlier version left without the latest migration, until a command that writes updates it', async () => {
    const admin = new URL(clinic.file)
    admin.pathname = '/postgres'
    const name = `cli_pending_${process.pid}_${Date.now()}`
    const url = new URL(clinic.file)
    url.pathname = `/${name}`
    const folder = mkdtempSync(join(tmpdir(), 'backstride-migrations-'))
    await onDatabase(admin.href, (client) => client.query(`create database ${name}`))
    try {
      // As an earlier version of the app left it: every migration but the last applied.
      cpSync(pgMigrationsFolder(), folder, { recursive: true })
      const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
      writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }))
      await onDatabase(url.href, (client) => migratePg(drizzlePg(client), { migrationsFolder: folder }))
      const applied = () => onDatabase(url.href, async (client) => Number((await client.query('select count(*) as n from drizzle.__drizzle_migrations')).rows[0].n))
      expect(await applied()).toBe(knownMigrations().length - 1)

      for (const args of [['stats', '--json'], ['export', 'fhir', '--out', out]]) {
        expectError(await cli(...args, '--db', url.href), 1, new RegExp(`^backstride: The clinic database ${escaped(describeLocation(url.href))} needs this version of Backstride to update it: start the app once first\\.\n$`))
      }
      expect(await applied()).toBe(knownMigrations().length - 1)
      // A command that writes opens it for writing: it is migrated, then the read-only commands read it.
      const imported = await cli('import', 'patients', csv(), '--db', url.href)
      expect(imported.code, imported.stderr).toBe(0)
      expect(await applied()).toBe(knownMigrations().length)
      const stats = await cli('stats', '--json', '--db', url.href)
      expect(stats.code, stats.stderr).toBe(0)
      expect(JSON.parse(stats.stdout)).toMatchObject({ patients: 0 })
    } finally {
      rmSync(folder, { recursive: true, force: true })
      await onDatabase(admin.href, (client) => client.query(`drop database if exists ${name} with (force)`))
    }
  }, 60_000)
})
