import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { makePrivate, PRIVATE_FILE_MODE, privateFilesFromHere, privateFolder } from '../db/fileModes'
import { userInfo } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { describeLocation, isServerUrl, resolveDatabaseFile } from '../db/paths'
import { coded } from './clinic/contract/messages'
import type {
  ApiError,
  BackupView,
  Channel,
  CsvForm,
  ExportFile,
  GroupComparisonResult,
  SiteView,
  PatientImportPreview,
  PatientImportResult,
  PatientImportRow,
  PatientRecord,
  PatientPage,
} from './clinic/contract'
import { decodeCsvBytes } from './clinic/imports/encoding'
import type { Clinic } from './clinic/open'
import { groupReportQuery } from './clinic/reports/groupReportQuery'
import { endQuietlyOnBrokenPipe } from './cliOutput'
import { printReportPdf, reportPrerequisites } from './cliReport'

/*
 * The command line: exports, the patient import, the group comparison, reports
 * and backups from a terminal. Built into out/main/cli.js and run by Node
 * (`npx backstride`, `npm run cli --`) or by an installed app's executable
 * (resources/cli/backstride). Every call goes through dispatch(), so the CLI
 * validates exactly as the app does.
 */

privateFilesFromHere()

/** The app's built pages, next to this entry's folder (out/main/cli.js, out/renderer/), also inside an installed app. */
const RENDERER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer')

const USAGE = `Usage: backstride <command> [options]
  (from a source checkout: npx backstride <command>, or npm run cli -- <command>)

Commands:
  export csv --out DIR [--separator comma|semicolon] [--include-demo]
      The statistics files (outcomes long and wide, sessions, exercise doses, adverse events)
      and their data dictionary. Pseudonymous: clinic IDs, no names; only runners who consented
      to the program comparison. UTF-8 with a byte-order mark; commas by default, semicolons for
      spreadsheet programs with a decimal comma (German).
  export xlsx --out DIR [--include-demo]
      The same tables as one .xlsx workbook, a sheet per file.
  export patients --out DIR [--separator comma|semicolon] [--include-demo]
      The patient register (names, date of birth, contact details) in the import format.
  export fhir --out DIR [--include-demo]
      A FHIR R4 Bundle (JSON) of the patients and their pain and runability scores.
  import patients FILE.csv [--dry-run]
      Adds the patients of a spreadsheet saved as CSV. Columns: clinic_id, first_name,
      last_name, date_of_birth, sex, phone, email, preferred_language (is_demo optional).
      Accepted: sex f/m/d, female/male/diverse, w/weiblich/männlich/divers; dates YYYY-MM-DD
      or DD.MM.YYYY; language en/de, english/german, englisch/deutsch; separated by comma,
      semicolon or tab; UTF-8 or Windows-1252. --dry-run shows what would happen, writes nothing.
  stats --json [--enrolled-from DATE] [--enrolled-to DATE] [--sex female|male|diverse]
        [--age-band under_30|30_to_39|40_to_49|50_and_over] [--runs-min N] [--runs-max N]
        [--site CODE] [--include-demo]
      The program group comparison as JSON. --site: only runners enrolled at that site
      (its code, e.g. MUC); default: every site.
  report patient ID --out FILE.pdf [--language en|de] [--signed-by NAME]
      A runner's progress report (patient number or clinic ID) as a PDF, A4, for NAME to sign;
      without --signed-by it names no therapist.
  report group --out FILE.pdf [--language en|de] [the filter options of stats]
      The group outcome report (the comparison's charts, tables and methods) as a PDF, A4.
      Reports need Chromium (/usr/bin/chromium, or BACKSTRIDE_CHROMIUM=path).
  backup create
      A backup now, into the backup folder (refused while the app has a database file open: it makes
      its own). On a server database: pg_dump in custom format (backstride-…-manual.dump).
  backup list
      The backups in the database's backup folder, newest first, and which database each belongs to.
  backup folder [PATH]
      Shows the backup folder, or moves it to PATH (a full path; created if missing).
  backup restore FILE [--replace-other-clinic NAME]
      Replaces the database with a backup after checking it (integrity check, not from a newer
      version). The file it replaces is kept beside it as <database>.replaced-<time>, with every
      committed record (its write-ahead log folded in), and checked. Refused while Backstride (or
      any program) has the database open. A backup of another database (another clinic's data)
      is refused unless --replace-other-clinic gives the name of this clinic.
      Works also when the database itself is damaged.
      On a server database (--db postgres://…): a pg_dump archive (.dump), read in full by pg_restore
      first; a safety backup of the current data goes into the backup folder; then the database's
      contents are replaced in one transaction (the old data stays if anything fails). Needs
      PostgreSQL's client programs of the server's version (apt-get install postgresql-client-<version>).
  move --from FILE.sqlite|postgres://… --to postgres://…|FILE.sqlite [--json]
      Moves the clinic into an empty store: a database on a server with no clinic in it, or a file
      that does not exist yet. Every table is copied with its ids in one transaction, then counted
      and checksummed on both sides (read back after the commit); prints the figures (--json: as
      JSON). The source is only read; it must have this version's schema (open it once first).
      Refused, with nothing written, when the target holds data, both name the same place, or a
      program has the source or target file open (their writer locks are held while moving).
  help
      This text.

Every command takes --db PATH, or --db postgres://user@host/dbname for a database on a server (default: $BACKSTRIDE_DB, else the app's own database).
Only one program writes a database at a time: import, demo, backup restore and backup folder PATH
are refused while the app has it open. Exports, stats and reports only read it (also beside the
running app) and write nothing into it.
Relative paths mean the folder the command was started in.
Demo patients are left out unless --include-demo is given.

Exit codes: 0 done; 1 refused or failed (nothing written); 2 wrong command or option;
3 import done, but some rows were invalid and skipped (a dry run: would be skipped).`

const EXIT = { done: 0, failed: 1, usage: 2, invalidRows: 3 } as const

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message)
  }
}
const usage = (message: string) => new CliError(`${message} (see: backstride help)`, EXIT.usage)

const OPTIONS = {
  db: { type: 'string' },
  out: { type: 'string' },
  'include-demo': { type: 'boolean' },
  separator: { type: 'string' },
  'dry-run': { type: 'boolean' },
  language: { type: 'string' },
  'signed-by': { type: 'string' },
  json: { type: 'boolean' },
  'enrolled-from': { type: 'string' },
  'enrolled-to': { type: 'string' },
  sex: { type: 'string' },
  'age-band': { type: 'string' },
  'runs-min': { type: 'string' },
  'runs-max': { type: 'string' },
  site: { type: 'string' },
  'replace-other-clinic': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const
type Option = keyof typeof OPTIONS
type Values = { [K in Option]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

/** The option a field of an API input came from, to name it in a validation message. */
const OPTION_OF_FIELD: Record<string, string> = {
  enrolledFrom: '--enrolled-from',
  enrolledTo: '--enrolled-to',
  sex: '--sex',
  ageBand: '--age-band',
  runsPerWeekMin: '--runs-min',
  runsPerWeekMax: '--runs-max',
  siteId: '--site',
  separator: '--separator',
}

interface Command {
  options: Option[]
  /** Positional arguments after the command words. */
  arguments: number
  /** Further positional arguments it may take. */
  optionalArguments?: number
  /** Checks the options before the database is opened: a mistake is answered at once. */
  check?: (values: Values) => void
  /** Only an import may create a new database; the others need an existing one. */
  createsDatabase?: boolean
  /** Writes into the database: takes the writer lock (refused while the app has it open). The others open it read-only. */
  writes?: boolean
  run: (clinic: Clinic, values: Values, args: string[]) => Promise<number>
  /** Commands on the database file itself (backups), which must work even when it cannot be opened. */
  onFile?: (file: string, args: string[], values: Values) => Promise<number>
  /** Commands that open their stores themselves (move: two of them); --db does not apply. */
  standalone?: (values: Values) => Promise<number>
}

/** A server database's backup folder and identity, read without writing anything. */
async function serverBackupFolderOf(url: string): Promise<{ folder: string; databaseId: string | null }> {
  const { openStore } = await import('../db/client')
  const { BACKUP_FOLDER_SETTING } = await import('../db/backup')
  const { readSetting } = await import('../db/repositories/settings')
  const { identityOfStore } = await import('../db/identity')
  const { checkServerUsable, serverBackupFolder } = await import('./clinic/open')
  await checkServerUsable(url, true)
  const store = await openStore({ location: url, readonly: true })
  try {
    const folder = (await readSetting<string>(store.db, BACKUP_FOLDER_SETTING)) ?? serverBackupFolder()
    return { folder, databaseId: (await identityOfStore(store)).databaseId }
  } finally {
    await store.close()
  }
}

async function listBackupFiles(file: string): Promise<number> {
  const { belongsTo, configuredBackupFolder, listBackups } = await import('../db/backup')
  const { identityOfFile } = await import('../db/identity')
  const server = isServerUrl(file) ? await serverBackupFolderOf(file) : null
  const folder = server?.folder ?? configuredBackupFolder(file)
  const own = server ? server.databaseId : (identityOfFile(file)?.databaseId ?? null)
  const backups = listBackups(folder, server ? 'dump' : 'sqlite')
  console.log(backups.length ? `Backups in ${folder}, newest first:` : `No backups in ${folder}`)
  for (const b of backups) {
    const whose = b.databaseId === null || belongsTo(b, own) ? '' : `  (another database: ${b.clinicName ?? 'unknown clinic'})`
    console.log(`  ${b.createdAt}  ${b.kind.padEnd(11)} ${String(Math.round(b.bytes / 1024)).padStart(8)} KB  ${b.file}${whose}`)
  }
  return EXIT.done
}

/** Opens an existing clinic (a file that must exist, or a server database) for one `backup` command, without automatic backups. */
async function openForBackupCommand(file: string, command: string) {
  if (!isServerUrl(file) && !existsSync(file)) throw new CliError(`There is no database at ${file}`, EXIT.failed)
  const { openClinic } = await import('./clinic/open')
  return openClinic({
    authentication: 'none',
    file,
    mode: 'browser',
    version: process.env.npm_package_version ?? '0.0.0',
    automaticBackups: false,
    program: `Backstride command line (${command})`,
  })
}

/** `backup create`: a backup by hand into the backup folder (a file: SQLite's online backup; a server: pg_dump). */
async function createBackupNow(file: string): Promise<number> {
  const clinic = await openForBackupCommand(file, 'backup create')
  try {
    const { folder } = await call<{ folder: string }>(clinic, 'backups/status', {})
    const made = await call<BackupView>(clinic, 'backups/create', {})
    console.log(`Backed up ${describeLocation(file)} to ${join(folder, made.fileName)}`)
    return EXIT.done
  } finally {
    clinic.close()
  }
}

/** `backup restore FILE` on a server database: pg_restore after the same checks as Settings, a safety backup first. */
async function restoreServerBackup(url: string, source: string, values: Values): Promise<number> {
  const { restoreOnServer } = await import('./clinic/restoreOnServer')
  const { ClinicError } = await import('./clinic/errors')
  try {
    const safety = await restoreOnServer({
      url,
      backupFile: source,
      actor: osUser(),
      confirmClinicName: values['replace-other-clinic'],
      version: process.env.npm_package_version ?? '0.0.0',
    })
    console.log(`Restored ${source} into ${describeLocation(url)}. The data it replaced is kept as ${safety.file}. Every desk signs in again.`)
    return EXIT.done
  } catch (error) {
    if (error instanceof ClinicError) throw new CliError(`${error.message.replace(/\.?$/, '.')} Nothing was changed.`, EXIT.failed)
    throw error
  }
}

async function restoreBackup(file: string, [backup]: string[], values: Values): Promise<number> {
  const { RestoreRefused, restoreFromFile } = await import('./clinic/restoreFromFile')
  const { DatabaseInUse } = await import('./clinic/open')
  const source = resolve(backup)
  if (!existsSync(source)) throw new CliError(`There is no backup file ${source}`, EXIT.failed)
  if (isServerUrl(file)) return restoreServerBackup(file, source, values)
  let kept
  try {
    kept = await restoreFromFile({
      file,
      backupFile: source,
      program: 'Backstride command line (backup restore)',
      actor: osUser(),
      confirmClinicName: values['replace-other-clinic'],
    })
  } catch (error) {
    if (error instanceof RestoreRefused || error instanceof DatabaseInUse) throw new CliError(`${error.message.replace(/\.?$/, '.')} Nothing was changed.`, EXIT.failed)
    throw error
  }
  const keptNote = kept ? ` The file it replaced is kept as ${kept.file} (integrity check: ${kept.check}).` : ''
  console.log(`Restored ${source} into ${file}.${keptNote}`)
  return EXIT.done
}

/** `backup folder`: where the backups go; `backup folder PATH`: move them there (as Settings does). */
async function backupFolder(file: string, [chosen]: string[]): Promise<number> {
  if (chosen === undefined) {
    const { configuredBackupFolder } = await import('../db/backup')
    console.log(isServerUrl(file) ? (await serverBackupFolderOf(file)).folder : configuredBackupFolder(file))
    return EXIT.done
  }
  const clinic = await openForBackupCommand(file, 'backup folder')
  try {
    const { folder } = await call<{ folder: string }>(clinic, 'backups/setFolder', { folder: resolve(chosen) })
    console.log(`Backups now go to ${folder}`)
    return EXIT.done
  } finally {
    clinic.close()
  }
}

function osUser(): string {
  try {
    return userInfo().username
  } catch {
    return 'command-line'
  }
}

async function call<T>(clinic: Clinic, channel: Channel, input: unknown): Promise<T> {
  const { dispatch } = await import('./clinic/dispatch')
  const result = await dispatch(clinic.handlers, channel, input, (error) => {
    if (process.env.BACKSTRIDE_DEBUG) console.error(error)
  })
  if (result.ok) return result.value as T
  throw new CliError(describe(result.error), result.error.kind === 'validation' ? EXIT.usage : EXIT.failed)
}

function describe(error: ApiError): string {
  const field = error.fields[0]
  if (!field) return error.message
  return field.path ? `${field.message} (${OPTION_OF_FIELD[field.path] ?? field.path})` : field.message
}

function outFolder(values: Values): string {
  needsOut(values)
  const folder = resolve(values.out as string)
  try {
    privateFolder(folder)
  } catch (error) {
    throw new CliError(`Cannot create the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? error}`, EXIT.failed)
  }
  return folder
}

function writeExport(folder: string, file: ExportFile): string {
  const path = join(folder, file.fileName)
  try {
    writeFileSync(path, file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content, {
      encoding: file.encoding === 'base64' ? undefined : 'utf8',
      mode: PRIVATE_FILE_MODE,
    })
    makePrivate(path)
  } catch (error) {
    throw new CliError(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, EXIT.failed)
  }
  return path
}

const demoNote = (values: Values) => (values['include-demo'] ? 'demo patients included' : 'demo patients left out')

async function exportFiles(clinic: Clinic, values: Values, forms: CsvForm[]) {
  const folder = outFolder(values)
  const includeDemo = values['include-demo'] ?? false
  const separator = values.separator ?? 'comma'
  const files = []
  for (const form of forms) files.push(await call<ExportFile>(clinic, 'exports/csv', { form, separator, includeDemo }))
  for (const file of files) writeExport(folder, file)
  console.log(`Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${folder} (${demoNote(values)}):`)
  for (const file of files) {
    console.log(`  ${file.fileName.padEnd(34)} ${file.records} row${file.records === 1 ? '' : 's'}`)
  }
  return EXIT.done
}

function rowLine(row: PatientImportRow): string {
  const who = row.patient
    ? `${row.patient.clinicId ?? (row.status === 'new' ? '(new ID)' : '-')}  ${row.patient.lastName}, ${row.patient.firstName}`
    : `${row.values.last_name ?? ''}, ${row.values.first_name ?? ''}`
  const head = `line ${String(row.line).padEnd(5)} ${row.status.padEnd(9)} ${who}`
  if (row.status === 'duplicate' && row.duplicateOf) {
    const d = row.duplicateOf
    const what = d.reason === 'clinic_id' ? 'same clinic ID as' : 'same name and date of birth as'
    const where = d.line === null ? 'already in the database' : `line ${d.line} of this file`
    return `${head}: ${what} ${d.clinicId ?? '(new ID)'} ${d.lastName}, ${d.firstName} (${where})`
  }
  const problems = row.problems.map((p) => {
    const value = p.column ? ` "${row.values[p.column] ?? ''}"` : ''
    const hint = p.hint ? ` [accepted: ${p.hint.message}]` : ''
    return `\n      ${p.column ?? 'row'}${value}: ${p.message}${hint}`
  })
  return head + problems.join('')
}

function readImportFile(file: string): string {
  try {
    return decodeCsvBytes(readFileSync(file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? error)}`, EXIT.failed)
  }
}

async function importPatients(clinic: Clinic, values: Values, [file]: string[]): Promise<number> {
  const csv = readImportFile(resolve(file))
  const dryRun = values['dry-run'] ?? false
  const preview = await call<PatientImportPreview>(clinic, 'imports/previewPatients', { csv })
  if (preview.ignoredColumns.length) console.log(`Columns not read: ${preview.ignoredColumns.join(', ')}`)
  let counts = { created: preview.counts.new, duplicates: preview.counts.duplicates, invalid: preview.counts.invalid }
  let rows = preview.rows
  if (!dryRun) {
    const result = await call<PatientImportResult>(clinic, 'imports/patients', { csv })
    const assigned = new Map(result.created.map((c) => [c.line, c.clinicId]))
    counts = result.counts
    // Show the clinic ID each new patient was given.
    rows = rows.map((r) => {
      const clinicId = assigned.get(r.line)
      return r.patient && clinicId ? { ...r, patient: { ...r.patient, clinicId } } : r
    })
  }
  for (const row of rows) console.log(rowLine(row))
  const verb = dryRun ? 'Dry run, nothing written: would import' : 'Imported'
  console.log(`${verb} ${counts.created} patient(s); ${counts.duplicates} duplicate(s) and ${counts.invalid} invalid row(s) skipped.`)
  if (counts.invalid > 0) {
    console.error(
      `${counts.invalid} row(s) ${dryRun ? 'would be' : 'were'} skipped as invalid (listed above): correct them and import the file again; patients already imported are recognised as duplicates.`,
    )
    return EXIT.invalidRows
  }
  return EXIT.done
}

function numberOption(values: Values, name: 'runs-min' | 'runs-max'): number | null {
  const raw = values[name]
  if (raw === undefined) return null
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(n)) throw usage(`--${name} must be a number, not "${raw}"`)
  return n
}

function statsFilter(values: Values) {
  if (!values.json) throw usage('stats prints JSON only for now: add --json')
  return comparisonFilterOf(values)
}

/** The comparison filter from the options (stats, report group); the API validates the values. */
function comparisonFilterOf(values: Values) {
  return {
    enrolledFrom: values['enrolled-from'] ?? null,
    enrolledTo: values['enrolled-to'] ?? null,
    sex: values.sex ?? null,
    ageBand: values['age-band'] ?? null,
    runsPerWeekMin: numberOption(values, 'runs-min'),
    runsPerWeekMax: numberOption(values, 'runs-max'),
    includeDemo: values['include-demo'] ?? false,
  }
}

/** --site CODE as the site's id in the filter; an unknown code is refused with the codes the clinic has. */
async function withSite<F extends object>(clinic: Clinic, values: Values, filter: F): Promise<F & { siteId: number | null }> {
  const code = values.site?.trim().toUpperCase()
  if (code === undefined) return { ...filter, siteId: null }
  const sites = await call<SiteView[]>(clinic, 'sites/list', {})
  const site = sites.find((s) => s.code === code)
  if (!site) throw usage(`--site: there is no site "${values.site}"; the clinic's sites are ${sites.map((s) => s.code).join(', ')}`)
  return { ...filter, siteId: site.siteId }
}

async function stats(clinic: Clinic, values: Values): Promise<number> {
  const filter = await withSite(clinic, values, statsFilter(values))
  console.log(JSON.stringify(await call<GroupComparisonResult>(clinic, 'outcomes/compare', filter), null, 2))
  return EXIT.done
}

/** --out and --language of a report, checked before the database is opened; then that printing is possible. */
function reportCheck(values: Values) {
  if (!values.out) throw usage('Give the PDF file to write with --out FILE.pdf')
  if (values.language !== undefined && values.language !== 'en' && values.language !== 'de') {
    throw usage(`--language must be en or de, not "${values.language}"`)
  }
  reportPrerequisites(RENDERER_DIR)
}
const reportLanguage = (values: Values) => (values.language === 'de' ? 'de' : 'en')

/** A patient by number (12) or by clinic ID (BS-00012). */
async function reportPatient(clinic: Clinic, values: Values, [id]: string[]): Promise<number> {
  const byNumber = /^\d+$/.test(id) ? Number(id) : null
  const match = byNumber ?? (await call<PatientPage>(clinic, 'patients/list', { search: id })).rows.find((p) => p.clinicId.toLowerCase() === id.toLowerCase())?.patientId
  const record = match === undefined ? null : await call<PatientRecord>(clinic, 'patients/get', { patientId: match }).catch(() => null)
  if (!record) throw new CliError(`There is no patient ${id}: give the patient number or clinic ID`, EXIT.failed)
  const language = reportLanguage(values)
  const route = `/patients/${record.patient.patientId}/report?lang=${language}`
  const file = await printReportPdf(clinic, { route, language, out: values.out as string, rendererDir: RENDERER_DIR })
  console.log(`Wrote the progress report of ${record.patient.clinicId} ${record.patient.firstName} ${record.patient.lastName} to ${file}`)
  return EXIT.done
}

async function reportGroup(clinic: Clinic, values: Values): Promise<number> {
  // The group report carries only runners whose consent to the program comparison is in force.
  const filter = await withSite(clinic, values, { ...comparisonFilterOf(values), analysisSet: 'consented' })
  // Asked here first, so that a wrong filter is named by its option, as in stats.
  const result = await call<GroupComparisonResult>(clinic, 'outcomes/compare', filter)
  const route = `/comparison/report?${new URLSearchParams(groupReportQuery(result.filter, 'week_8'))}`
  const file = await printReportPdf(clinic, { route, language: reportLanguage(values), out: values.out as string, rendererDir: RENDERER_DIR })
  console.log(`Wrote the group outcome report (${result.patients} patients, ${demoNote(values)}) to ${file}`)
  return EXIT.done
}

const needsOut = (values: Values) => {
  if (!values.out) throw usage('Give the folder to write to with --out DIR')
}

const COMMANDS: Record<string, Command> = {
  'export csv': {
    options: ['db', 'out', 'separator', 'include-demo'],
    arguments: 0,
    check: needsOut,
    run: (clinic, values) => exportFiles(clinic, values, ['long', 'wide', 'sessions', 'doses', 'adverse_events', 'dictionary']),
  },
  'export xlsx': {
    options: ['db', 'out', 'include-demo'],
    arguments: 0,
    check: needsOut,
    run: async (clinic, values) => {
      const folder = outFolder(values)
      const file = await call<ExportFile>(clinic, 'exports/xlsx', { includeDemo: values['include-demo'] ?? false })
      console.log(`Wrote ${writeExport(folder, file)}: ${file.records} rows (${demoNote(values)})`)
      return EXIT.done
    },
  },
  'export patients': {
    options: ['db', 'out', 'separator', 'include-demo'],
    arguments: 0,
    check: needsOut,
    run: (clinic, values) => exportFiles(clinic, values, ['patients']),
  },
  'export fhir': {
    options: ['db', 'out', 'include-demo'],
    arguments: 0,
    check: needsOut,
    run: async (clinic, values) => {
      const folder = outFolder(values)
      const file = await call<ExportFile>(clinic, 'exports/fhir', { includeDemo: values['include-demo'] ?? false })
      console.log(`Wrote ${writeExport(folder, file)}: ${file.records} resources (${demoNote(values)})`)
      return EXIT.done
    },
  },
  'backup create': { options: ['db'], arguments: 0, run: async () => EXIT.done, onFile: (file) => createBackupNow(file) },
  'backup list': { options: ['db'], arguments: 0, run: async () => EXIT.done, onFile: (file) => listBackupFiles(file) },
  'backup folder': { options: ['db'], arguments: 0, optionalArguments: 1, run: async () => EXIT.done, onFile: backupFolder },
  'backup restore': { options: ['db', 'replace-other-clinic'], arguments: 1, run: async () => EXIT.done, onFile: restoreBackup },
  move: { options: ['from', 'to', 'json'], arguments: 0, run: async () => EXIT.done, standalone: moveClinicCommand },
  'import patients': { options: ['db', 'dry-run'], arguments: 1, createsDatabase: true, writes: true, run: importPatients },
  stats: {
    options: ['db', 'json', 'enrolled-from', 'enrolled-to', 'sex', 'age-band', 'runs-min', 'runs-max', 'site', 'include-demo'],
    arguments: 0,
    check: statsFilter,
    run: stats,
  },
  'report patient': {
    options: ['db', 'out', 'language', 'signed-by'],
    arguments: 1,
    check: (values) => {
      if (values['signed-by'] !== undefined && values['signed-by'].trim() === '') throw usage('--signed-by needs the name of who signs the report')
      reportCheck(values)
    },
    run: reportPatient,
  },
  'report group': {
    options: ['db', 'out', 'language', 'enrolled-from', 'enrolled-to', 'sex', 'age-band', 'runs-min', 'runs-max', 'site', 'include-demo'],
    arguments: 0,
    check: (values) => {
      reportCheck(values)
      comparisonFilterOf(values)
    },
    run: reportGroup,
  },
}

/** `move --from A --to B [--json]`: the figures as a table, or as JSON. */
async function moveClinicCommand(values: Values): Promise<number> {
  if (!values.from?.trim()) throw usage('Give the clinic to move with --from FILE.sqlite or --from postgres://…')
  if (!values.to?.trim()) throw usage('Give where to move it with --to postgres://… or --to FILE.sqlite')
  const { moveClinic, MoveMismatch, MoveRefused } = await import('./clinic/moveClinic')
  const where = (location: string) => (isServerUrl(location) ? location.trim() : resolve(location))
  let report
  try {
    report = await moveClinic({ from: where(values.from), to: where(values.to), actor: osUser() })
  } catch (error) {
    if (error instanceof MoveRefused) throw new CliError(error.message, EXIT.failed)
    if (error instanceof MoveMismatch) {
      console.log(values.json ? JSON.stringify(error.report, null, 2) : moveFigures(error.report.tables))
      throw new CliError(error.committed ? `!!! ${error.message}` : error.message, EXIT.failed)
    }
    throw error
  }
  if (values.json) {
    console.log(JSON.stringify(report, null, 2))
    return EXIT.done
  }
  console.log(`Moved the clinic "${report.clinicName}" (database ${report.databaseId ?? 'without identity'}) from ${report.from} to ${report.to}.`)
  console.log(moveFigures(report.tables))
  const rows = report.tables.reduce((n, t) => n + t.targetRows, 0)
  console.log(`${report.tables.length} tables, ${rows} rows: counts and checksums match, read back after the commit. The move is recorded in the target's audit trail.`)
  return EXIT.done
}

function moveFigures(tables: { table: string; sourceRows: number; targetRows: number; targetChecksum: string; rebuiltByTriggers: boolean; matches: boolean }[]): string {
  const width = Math.max(...tables.map((t) => t.table.length), 5)
  const head = `${'table'.padEnd(width)}  ${'source'.padStart(8)}  ${'target'.padStart(8)}  checksum (SHA-256)  match`
  const lines = tables.map(
    (t) =>
      `${t.table.padEnd(width)}  ${String(t.sourceRows).padStart(8)}  ${String(t.targetRows).padStart(8)}  ${t.targetChecksum.slice(0, 16)}…  ${t.matches ? 'yes' : 'NO'}${t.rebuiltByTriggers ? '  (rebuilt by triggers)' : ''}`,
  )
  return [head, ...lines].join('\n')
}

/** The command words: "stats", or a verb with its object ("export csv"). */
function commandOf(positionals: string[]): { name: string; args: string[] } {
  const [verb, object, ...rest] = positionals
  if (verb === 'export' || verb === 'import' || verb === 'backup' || verb === 'report') {
    const name = `${verb} ${object ?? ''}`.trim()
    if (!COMMANDS[name]) {
      const objects = Object.keys(COMMANDS).filter((c) => c.startsWith(`${verb} `)).map((c) => c.split(' ')[1])
      throw usage(object ? `Cannot ${verb} "${object}": choose ${objects.join(', ')}` : `${verb} what? Choose ${objects.join(', ')}`)
    }
    return { name, args: rest }
  }
  if (!COMMANDS[verb]) throw usage(`Unknown command "${verb}"`)
  return { name: verb, args: positionals.slice(1) }
}

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw usage((error as Error).message.split('\n')[0])
  }
  const values = parsed.values as Values
  if (parsed.positionals.length === 0 && !values.help) throw usage('Give a command')
  if (values.help || parsed.positionals[0] === 'help') {
    console.log(USAGE)
    return EXIT.done
  }
  const { name, args } = commandOf(parsed.positionals)
  const command = COMMANDS[name]
  const stray = (Object.keys(values) as Option[]).filter((o) => values[o] !== undefined && !command.options.includes(o))
  if (stray.length) throw usage(`--${stray[0]} does not apply to ${name}`)
  if (args.length < command.arguments) throw usage(`${name} needs ${name === 'report patient' ? 'a patient' : 'a file'}: ${name} ${name === 'report patient' ? 'ID' : 'FILE'}`)
  const most = command.arguments + (command.optionalArguments ?? 0)
  if (args.length > most) throw usage(`Unexpected argument "${args[most]}"`)
  command.check?.(values)
  if (command.standalone) return command.standalone(values)

  const file = resolveDatabaseFile(values.db)
  const onServer = isServerUrl(file)
  if (command.onFile) return command.onFile(file, args, values)
  const dryRun = values['dry-run'] ?? false
  // A server database exists once its administrator created it; opening it says so when it does not.
  const exists = onServer || existsSync(file)
  if (!exists && !command.createsDatabase) throw new CliError(missingDatabase(file, values), EXIT.failed)
  if (!exists) console.log(dryRun ? `There is no database at ${file} yet: the dry run compares with an empty one` : `Creating a new database at ${file}`)
  // Loaded only now, so that help and a mistyped command answer at once.
  const { openClinic } = await import('./clinic/open')
  // Only a write is worth a backup first; read-only runs must not rotate away the app's own start-up backups.
  // A dry run into a new database works on an empty one in memory: it creates no file.
  const clinic = await openClinic({
    authentication: 'none',
    file: dryRun && !exists ? ':memory:' : file,
    mode: 'browser',
    version: process.env.npm_package_version ?? '0.0.0',
    automaticBackups: Boolean(command.createsDatabase && !dryRun),
    // Only a write takes the writer lock; reading commands work beside the running app and write nothing.
    readOnly: !command.writes || (dryRun && exists),
    program: `Backstride command line (${name})`,
    // The name a printed report gives its signer; none unless --signed-by says who.
    displayName: values['signed-by']?.trim() ?? '',
  })
  try {
    return await command.run(clinic, values, args)
  } finally {
    clinic.close()
  }
}

/** Where the missing database path came from decides what to say. */
function missingDatabase(file: string, values: Values): string {
  if (values.db !== undefined) return `There is no file ${file} (--db): check the path`
  if (process.env.BACKSTRIDE_DB) return `There is no file ${file} (BACKSTRIDE_DB): check the path`
  return `There is no Backstride database at ${file} yet: start the app once, or give another file with --db PATH`
}

endQuietlyOnBrokenPipe()
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`backstride: ${message.replace(/\s*\n\s*/g, ' ')}`)
    process.exitCode = error instanceof CliError ? error.exitCode : EXIT.failed
  },
)
