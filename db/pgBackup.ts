import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { devNull, tmpdir } from 'node:os'
import { basename, delimiter, join } from 'node:path'
import { listBackups, newBackupFile, rotateBackups, writeManifest, type BackupFile, type BackupKind } from './backup'
import { CLINIC_WRITE_LOCK, type PgStore } from './client'
import { createPrivateFile, makePrivate, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './fileModes'
import { DATABASE_ID_SETTING, identityOfStore, UNNAMED_CLINIC, type DatabaseIdentity } from './identity'

/*
 * Backups of a clinic database on a PostgreSQL server, with PostgreSQL's own programs: pg_dump in
 * custom format (-Fc) into the backup folder, named and kept like the file backups (db/backup.ts,
 * extension .dump, a manifest beside each), and a checked restore with pg_restore and psql.
 */

/** PostgreSQL's client programs of one version, from one folder. */
export interface PgTools {
  pgDump: string
  pgRestore: string
  psql: string
  /** Their major version (15, 16, …). */
  version: number
}

/** No pg_dump/pg_restore/psql of the server's major version or newer was found (PATH, /usr/lib/postgresql/<version>/bin). */
export class PgToolsMissing extends Error {
  constructor(
    /** The server's major version: the programs must be of it or newer. */
    readonly serverVersion: number,
    /** The newest version found (older than the server's), or null for none at all. */
    readonly found: number | null,
  ) {
    super(`PostgreSQL ${serverVersion}'s client programs (pg_dump, pg_restore, psql) are needed${found === null ? '' : `; only version ${found} was found`}`)
  }
  /** The Debian/Ubuntu package with them. */
  get aptPackage(): string {
    return `postgresql-client-${this.serverVersion}`
  }
}

/** pg_restore could not read a backup (damaged, truncated, not an archive); nothing was changed. */
export class ArchiveUnreadable extends Error {}

const PROGRAMS = ['pg_dump', 'pg_restore', 'psql'] as const

function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${basename(program)}: ${stderr.trim() || error.message}`, { cause: error }))
      else resolve(stdout)
    })
  })
}

/** The folders that may hold PostgreSQL's client programs: PATH first, then Debian's per-version folders. */
function candidateFolders(env: NodeJS.ProcessEnv): string[] {
  const fromPath = (env.PATH ?? '').split(delimiter).filter(Boolean)
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .map((v) => join('/usr/lib/postgresql', v, 'bin'))
    : []
  return [...new Set([...fromPath, ...debian])]
}

async function versionOf(program: string): Promise<number | null> {
  try {
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(await run(program, ['--version'], process.env))
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

/**
 * pg_dump, pg_restore and psql of the server's major version, else the oldest newer one (a newer
 * pg_dump reads an older server; an older one refuses a newer server). Refuses with PgToolsMissing.
 */
export async function findPgTools(serverVersion: number, env: NodeJS.ProcessEnv = process.env): Promise<PgTools> {
  const found: PgTools[] = []
  for (const folder of candidateFolders(env)) {
    if (!PROGRAMS.every((p) => existsSync(join(folder, p)))) continue
    const version = await versionOf(join(folder, 'pg_dump'))
    if (version !== null) found.push({ pgDump: join(folder, 'pg_dump'), pgRestore: join(folder, 'pg_restore'), psql: join(folder, 'psql'), version })
  }
  const usable = found.filter((t) => t.version >= serverVersion).sort((a, b) => a.version - b.version)
  if (usable.length) return usable[0]
  const newest = found.reduce<number | null>((most, t) => (most === null || t.version > most ? t.version : most), null)
  throw new PgToolsMissing(serverVersion, newest)
}

/** The server's major version (15, 16, …). */
export async function serverVersionOf(store: PgStore): Promise<number> {
  const { rows } = await store.pool.query<{ server_version_num: string }>('show server_version_num')
  return Math.floor(Number(rows[0].server_version_num) / 10000)
}

/**
 * How the programs reach the database: the URL without its password as --dbname, the password in
 * PGPASSWORD (never in the process arguments, which every user of the machine can read).
 */
export function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url.trim())
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } }
}

/**
 * A backup of the server database with pg_dump in custom format: one consistent snapshot while the
 * desks keep working, written to a temporary name (0600) and renamed when complete, with a manifest;
 * then the oldest backups of this database beyond the keep limits are removed.
 */
export async function createPgBackup(store: PgStore, folder: string, kind: BackupKind, now: Date = new Date()): Promise<BackupFile> {
  const tools = await findPgTools(await serverVersionOf(store))
  if (!existsSync(folder)) mkdirSync(folder, { mode: PRIVATE_FOLDER_MODE })
  const identity = await identityOfStore(store)
  const file = newBackupFile(folder, identity.databaseId, kind, 'dump', now)
  const partial = `${file}.partial`
  const { dbname, env } = connectionOf(store.url)
  try {
    createPrivateFile(partial)
    await run(tools.pgDump, ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env)
    makePrivate(partial)
    writeManifest(file, identity, kind, now)
    renameSync(partial, file)
  } catch (error) {
    rmSync(partial, { force: true })
    rmSync(`${file}.json`, { force: true })
    throw error
  }
  rotateBackups(folder, identity.databaseId, 'dump')
  return listBackups(folder, 'dump').find((b) => b.file === file) as BackupFile
}

/** Reads every part of an archive (its table of contents, then all its data) without restoring it; ArchiveUnreadable when it cannot. */
export async function checkArchive(tools: PgTools, archive: string): Promise<void> {
  try {
    await run(tools.pgRestore, ['--list', archive], process.env)
    await run(tools.pgRestore, [`--file=${devNull}`, archive], process.env)
  } catch (error) {
    throw new ArchiveUnreadable((error as Error).message)
  }
}

/** One field of COPY's text format: \N is null, backslash escapes as COPY writes them. */
function copyField(text: string): string | null {
  if (text === '\\N') return null
  const escapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }
  return text.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c)
}

/** The identity the archive's settings carry (database id, clinic name), read without restoring it. */
export async function identityOfArchive(tools: PgTools, archive: string): Promise<DatabaseIdentity> {
  let script: string
  try {
    script = await run(tools.pgRestore, ['--data-only', '--table=settings', '--file=-', archive], process.env)
  } catch (error) {
    throw new ArchiveUnreadable((error as Error).message)
  }
  const lines = script.split('\n')
  const head = lines.findIndex((l) => /^COPY (public\.)?"?settings"? \(/.test(l))
  const values = new Map<string, string>()
  if (head >= 0) {
    const columns = (/\((.*)\) FROM stdin;$/.exec(lines[head])?.[1] ?? '').split(',').map((c) => c.trim().replace(/"/g, ''))
    for (const line of lines.slice(head + 1)) {
      if (line === '\\.') break
      const fields = line.split('\t').map(copyField)
      const key = fields[columns.indexOf('key')]
      const value = fields[columns.indexOf('value')]
      if (key && value !== null && value !== undefined) values.set(key, value)
    }
  }
  const json = (key: string): unknown => {
    try {
      return JSON.parse(values.get(key) ?? 'null') as unknown
    } catch {
      return null
    }
  }
  const id = json(DATABASE_ID_SETTING)
  const details = json('clinic_details') as { clinicName?: unknown } | null
  return {
    databaseId: typeof id === 'string' ? id : null,
    clinicName: typeof details?.clinicName === 'string' && details.clinicName.trim() ? details.clinicName : UNNAMED_CLINIC,
  }
}

/**
 * What runs before the archive's own script, in the same transaction: wait for the desks' writes
 * (the clinic-wide write lock), then remove the clinic's tables, views, functions and the migrations'
 * record, so that the database afterwards holds exactly the archive (also an archive from an older
 * version, whose tables the newer one may outnumber). Extensions and their members stay.
 */
const CLEAR_DATABASE = `
select pg_advisory_xact_lock(${CLINIC_WRITE_LOCK});
drop schema if exists drizzle cascade;
do $$
declare r record;
begin
  for r in select format('drop view if exists %I.%I cascade', schemaname, viewname) as s from pg_views where schemaname = 'public' loop execute r.s; end loop;
  for r in select format('drop table if exists %I.%I cascade', schemaname, tablename) as s from pg_tables where schemaname = 'public' loop execute r.s; end loop;
  for r in select format('drop sequence if exists %I.%I cascade', sequence_schema, sequence_name) as s from information_schema.sequences where sequence_schema = 'public' loop execute r.s; end loop;
  for r in select format('drop routine if exists %s cascade', p.oid::regprocedure) as s from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prokind in ('f', 'p')
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e') loop execute r.s; end loop;
  for r in select format('drop type if exists %I.%I cascade', n.nspname, t.typname) as s from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = 'public' and t.typtype in ('e', 'd')
      and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e') loop execute r.s; end loop;
end $$;
`

/**
 * Replaces the server database's contents with an archive, all or nothing.
 *
 * Why this way: pg_restore first writes the archive as one SQL script into a private temporary folder,
 * reading every byte of it; a damaged or truncated archive fails there, before the database is touched.
 * psql then runs CLEAR_DATABASE and that script as ONE transaction (--single-transaction with
 * ON_ERROR_STOP): any error rolls everything back, and a crash or lost connection leaves the old data,
 * as PostgreSQL never commits half a transaction. Other desks wait on the locks meanwhile and then see
 * the restored data. (Restoring into a fresh database and swapping by rename would need CREATEDB, no
 * other desk connected, and the database's owner and grants recreated; `pg_restore --clean` alone would
 * keep tables the archive lacks.) Objects are created as the clinic's user (--no-owner, --no-privileges),
 * so another clinic's archive, dumped by another user, restores too.
 */
export async function restorePgArchive(tools: PgTools, url: string, archive: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'backstride-restore-'))
  try {
    const script = join(work, 'restore.sql')
    const clear = join(work, 'clear.sql')
    createPrivateFile(script)
    try {
      await run(tools.pgRestore, ['--no-owner', '--no-privileges', `--file=${script}`, archive], process.env)
    } catch (error) {
      throw new ArchiveUnreadable((error as Error).message)
    }
    writeFileSync(clear, CLEAR_DATABASE, { mode: PRIVATE_FILE_MODE })
    const { dbname, env } = connectionOf(url)
    await run(tools.psql, ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', `--file=${clear}`, `--file=${script}`, `--dbname=${dbname}`], env)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
