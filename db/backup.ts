import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { makePrivate, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './fileModes'
import { checkDatabaseFile } from './health'
import { identityOf, shortId } from './identity'

export const BACKUP_KINDS = ['start', 'daily', 'manual', 'pre_restore'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

/** How many backups of each kind, of each database, are kept; the oldest beyond that are removed. */
export const BACKUPS_KEPT: Record<BackupKind, number> = { start: 10, daily: 30, manual: 20, pre_restore: 5 }
/**
 * Besides the newest manual backups, the first manual backup of each of this many
 * days is kept: making many backups (by anyone signed in) cannot push the older days out.
 */
export const MANUAL_DAYS_KEPT = 30
/** A daily backup is made when the newest automatic one is older than this. */
export const DAILY_BACKUP_AFTER_MS = 24 * 60 * 60 * 1000

export interface BackupFile {
  file: string
  fileName: string
  kind: BackupKind
  createdAt: string
  bytes: number
  /** The database it belongs to: the full identity from its manifest, else the short one of its name; null for backups from before identities. */
  databaseId: string | null
  /** The clinic name in the database when it was backed up (from the manifest). */
  clinicName: string | null
}

/** A SQLite file's online backup (.sqlite), or a server database's pg_dump archive in custom format (.dump, db/pgBackup.ts). */
export type BackupFormat = 'sqlite' | 'dump'

/** What a backup's manifest (<backup>.json) says. */
interface Manifest {
  databaseId: string | null
  clinicName: string
  kind: BackupKind
  createdAt: string
}

/** backstride-<database>-<time>-<kind>.sqlite (or .dump); backups from before identities lack <database>. */
const NAME = /^backstride-(?:([0-9a-f]{8})-)?(\d{8}T\d{6}Z)-(start|daily|manual|pre_restore)\.(sqlite|dump)$/

/** A free name for a new backup of this database in the folder (a second one in the same second moves on a second). */
export function newBackupFile(folder: string, databaseId: string | null, kind: BackupKind, format: BackupFormat, now: Date): string {
  const prefix = databaseId ? `backstride-${shortId(databaseId)}` : 'backstride'
  const nameAt = (date: Date) => `${prefix}-${stamp(date)}-${kind}.${format}`
  let name = nameAt(now)
  for (let i = 1; existsSync(join(folder, name)); i++) name = nameAt(new Date(now.getTime() + i * 1000))
  return join(folder, name)
}

/** Writes the manifest beside a backup (<backup>.json): which database and clinic it belongs to. */
export function writeManifest(file: string, identity: { databaseId: string | null; clinicName: string }, kind: BackupKind, now: Date): void {
  const manifest: Manifest = { databaseId: identity.databaseId, clinicName: identity.clinicName, kind, createdAt: parseStamp(stamp(now)) }
  writeFileSync(`${file}.json`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
}

export const backupFolderFor = (databaseFile: string) => join(dirname(databaseFile), 'backups')

/** Where the clinic's chosen backup folder is kept (Settings, `backup folder PATH`). */
export const BACKUP_FOLDER_SETTING = 'backup_folder'

/**
 * The backup folder of a database: the one chosen in its settings, else backups/
 * beside it. Read without changing the file; a file that cannot be read (damaged)
 * gives the folder beside it.
 */
export function configuredBackupFolder(databaseFile: string, nativeBinding?: string): string {
  let sqlite: Database.Database | null = null
  try {
    sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true, nativeBinding })
    const row = sqlite.prepare('select value from settings where key = ?').get(BACKUP_FOLDER_SETTING) as { value: string } | undefined
    const chosen = row ? (JSON.parse(row.value) as unknown) : null
    return typeof chosen === 'string' && chosen ? chosen : backupFolderFor(databaseFile)
  } catch {
    return backupFolderFor(databaseFile)
  } finally {
    sqlite?.close()
  }
}

export function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
}

function parseStamp(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : value
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Manifest
  } catch {
    return null
  }
}

/** The short identity two backups (or a backup and a database) are compared by. */
const groupOf = (databaseId: string | null) => (databaseId ? shortId(databaseId) : null)

/** True when a backup belongs to the database with this identity. */
export const belongsTo = (backup: BackupFile, databaseId: string | null) => groupOf(backup.databaseId) === groupOf(databaseId)

/** Backups of one format in a folder, newest first, of every database (each says which it belongs to). */
export function listBackups(folder: string, format: BackupFormat = 'sqlite'): BackupFile[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .map((fileName) => ({ fileName, match: NAME.exec(fileName) }))
    .filter((f): f is { fileName: string; match: RegExpExecArray } => f.match !== null && f.match[4] === format)
    .map(({ fileName, match }) => {
      const file = join(folder, fileName)
      const manifest = readManifest(file)
      const databaseId = manifest?.databaseId && groupOf(manifest.databaseId) === match[1] ? manifest.databaseId : (match[1] ?? null)
      return {
        file,
        fileName,
        kind: match[3] as BackupKind,
        createdAt: parseStamp(match[2]),
        bytes: statSync(file).size,
        databaseId,
        clinicName: manifest?.clinicName ?? null,
      }
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName))
}

/**
 * An online backup (SQLite's backup API through better-sqlite3): consistent while
 * the app keeps working, written to a temporary name and renamed when complete,
 * with a manifest naming its database. The folder is created (0700) when missing,
 * but not its parents: a backup folder on a disk that is not there fails, it does
 * not quietly appear on the system disk.
 */
export async function createBackup(
  sqlite: Database.Database,
  folder: string,
  kind: BackupKind,
  now: Date = new Date(),
): Promise<BackupFile> {
  if (!existsSync(folder)) mkdirSync(folder, { mode: PRIVATE_FOLDER_MODE })
  const identity = identityOf(sqlite)
  const file = newBackupFile(folder, identity.databaseId, kind, 'sqlite', now)
  const partial = `${file}.partial`
  try {
    await sqlite.backup(partial)
    makePrivate(partial)
    writeManifest(file, identity, kind, now)
    renameSync(partial, file)
  } catch (error) {
    rmSync(partial, { force: true })
    rmSync(`${file}.json`, { force: true })
    throw error
  }
  rotateBackups(folder, identity.databaseId)
  return listBackups(folder).find((b) => b.file === file) as BackupFile
}

function removeBackup(backup: BackupFile): void {
  rmSync(backup.file, { force: true })
  rmSync(`${backup.file}.json`, { force: true })
}

/**
 * Keeps the newest BACKUPS_KEPT of each kind of one database (other databases'
 * backups in the same folder are not counted nor touched); of manual backups also
 * the first of each of the last MANUAL_DAYS_KEPT days that have one.
 */
export function rotateBackups(folder: string, databaseId: string | null, format: BackupFormat = 'sqlite'): void {
  const own = listBackups(folder, format).filter((b) => belongsTo(b, databaseId))
  for (const kind of BACKUP_KINDS) {
    const ofKind = own.filter((b) => b.kind === kind)
    const kept = new Set(ofKind.slice(0, BACKUPS_KEPT[kind]))
    if (kind === 'manual') {
      const firstOfDay = new Map<string, BackupFile>()
      // Oldest first, so each day keeps its first backup.
      for (const b of [...ofKind].reverse()) if (!firstOfDay.has(b.createdAt.slice(0, 10))) firstOfDay.set(b.createdAt.slice(0, 10), b)
      for (const b of [...firstOfDay.values()].reverse().slice(0, MANUAL_DAYS_KEPT)) kept.add(b)
    }
    for (const old of ofKind) if (!kept.has(old)) removeBackup(old)
  }
}

/** True when no automatic backup of this database is younger than a day. */
export function dailyBackupDue(folder: string, databaseId: string | null, now: Date = new Date()): boolean {
  const newest = listBackups(folder).find((b) => belongsTo(b, databaseId) && (b.kind === 'start' || b.kind === 'daily'))
  return !newest || now.getTime() - Date.parse(newest.createdAt) >= DAILY_BACKUP_AFTER_MS
}

export class BackupRefused extends Error {}

/** A backup may replace the database only when it passes the full integrity check and is not from a newer version. */
export function assertRestorable(backupFile: string): void {
  const health = checkDatabaseFile(backupFile)
  if (health.state === 'missing') throw new BackupRefused(`The backup ${basename(backupFile)} does not exist`)
  if (health.state === 'corrupt') throw new BackupRefused(`The backup ${basename(backupFile)} is damaged: ${health.detail}`)
  if (health.state === 'newer') throw new BackupRefused(`The backup ${basename(backupFile)} comes from a newer version: ${health.detail}`)
}

/**
 * Folds the write-ahead log into the database file (a checkpoint, then closing the
 * last connection), so the file alone holds every committed transaction. Returns
 * the integrity check's answer ('ok', or what is wrong); a file SQLite cannot open
 * is answered with the error and left as it is.
 */
export function foldAndCheck(file: string, nativeBinding?: string): string {
  let sqlite: Database.Database | null = null
  try {
    sqlite = new Database(file, { fileMustExist: true, nativeBinding })
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const rows = sqlite.pragma('integrity_check') as Record<string, string>[]
    return rows.map((r) => Object.values(r)[0]).join('; ')
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    sqlite?.close()
  }
}

/**
 * Replaces the database file with a backup. The backup must pass the full
 * integrity check and must not come from a newer version; the caller holds the
 * writer lock and has closed the database (which folds its log into it). The file
 * is replaced by rename, so a crash leaves either the old or the new file, never half of one.
 */
export function restoreBackupFile(databaseFile: string, backupFile: string): void {
  assertRestorable(backupFile)
  const incoming = `${databaseFile}.restoring`
  copyFileSync(backupFile, incoming)
  makePrivate(incoming)
  rmSync(`${databaseFile}-wal`, { force: true })
  rmSync(`${databaseFile}-shm`, { force: true })
  renameSync(incoming, databaseFile)
}

export interface KeptCopy {
  /** Where the replaced database is kept. */
  file: string
  /** Its integrity check: 'ok', or what is wrong (a damaged database stays as damaged as it was). */
  check: string
}

/**
 * Restores a backup over the database, also one that cannot be opened (damaged,
 * or from a newer version): the file it replaces is first kept beside it as
 * <file>.replaced-<time>, together with its write-ahead log (every committed
 * transaction, also after a crash), folded into one file and checked. The caller
 * holds the writer lock.
 */
export function restoreKeepingReplaced(databaseFile: string, backupFile: string, now: Date = new Date()): KeptCopy | null {
  assertRestorable(backupFile)
  if (!existsSync(databaseFile)) {
    restoreBackupFile(databaseFile, backupFile)
    return null
  }
  const kept = `${databaseFile}.replaced-${stamp(now)}`
  copyFileSync(databaseFile, kept)
  makePrivate(kept)
  const wal = `${databaseFile}-wal`
  if (existsSync(wal) && statSync(wal).size > 0) {
    copyFileSync(wal, `${kept}-wal`)
    makePrivate(`${kept}-wal`)
  }
  const check = foldAndCheck(kept)
  restoreBackupFile(databaseFile, backupFile)
  return { file: kept, check }
}
