import type Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { checkDatabaseFile } from './health'

export const BACKUP_KINDS = ['start', 'daily', 'manual', 'pre_restore'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

/** How many backups of each kind are kept; the oldest beyond that are removed. */
export const BACKUPS_KEPT: Record<BackupKind, number> = { start: 10, daily: 30, manual: 20, pre_restore: 5 }
/** A daily backup is made when the newest automatic one is older than this. */
export const DAILY_BACKUP_AFTER_MS = 24 * 60 * 60 * 1000

export interface BackupFile {
  file: string
  fileName: string
  kind: BackupKind
  createdAt: string
  bytes: number
}

const NAME = /^backstride-(\d{8}T\d{6}Z)-(start|daily|manual|pre_restore)\.sqlite$/

export const backupFolderFor = (databaseFile: string) => join(dirname(databaseFile), 'backups')

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
}

function parseStamp(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : value
}

/** Backups in a folder, newest first. */
export function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .map((fileName) => ({ fileName, match: NAME.exec(fileName) }))
    .filter((f): f is { fileName: string; match: RegExpExecArray } => f.match !== null)
    .map(({ fileName, match }) => {
      const file = join(folder, fileName)
      return { file, fileName, kind: match[2] as BackupKind, createdAt: parseStamp(match[1]), bytes: statSync(file).size }
    })
    .sort((a, b) => b.fileName.localeCompare(a.fileName))
}

/**
 * An online backup (SQLite's backup API through better-sqlite3): consistent while
 * the app keeps working, written to a temporary name and renamed when complete.
 */
export async function createBackup(
  sqlite: Database.Database,
  folder: string,
  kind: BackupKind,
  now: Date = new Date(),
): Promise<BackupFile> {
  mkdirSync(folder, { recursive: true })
  let name = `backstride-${stamp(now)}-${kind}.sqlite`
  for (let i = 1; existsSync(join(folder, name)); i++) name = `backstride-${stamp(new Date(now.getTime() + i * 1000))}-${kind}.sqlite`
  const file = join(folder, name)
  const partial = `${file}.partial`
  await sqlite.backup(partial)
  renameSync(partial, file)
  rotateBackups(folder)
  return listBackups(folder).find((b) => b.file === file) as BackupFile
}

export function rotateBackups(folder: string): void {
  const all = listBackups(folder)
  for (const kind of Object.keys(BACKUPS_KEPT) as BackupKind[]) {
    for (const old of all.filter((b) => b.kind === kind).slice(BACKUPS_KEPT[kind])) rmSync(old.file, { force: true })
  }
}

/** True when no automatic backup is younger than a day. */
export function dailyBackupDue(folder: string, now: Date = new Date()): boolean {
  const newest = listBackups(folder).find((b) => b.kind === 'start' || b.kind === 'daily')
  return !newest || now.getTime() - Date.parse(newest.createdAt) >= DAILY_BACKUP_AFTER_MS
}

export class BackupRefused extends Error {}

/** A backup may replace the database only when it passes the full integrity check and is not from a newer version. */
function assertRestorable(backupFile: string): void {
  const health = checkDatabaseFile(backupFile)
  if (health.state === 'missing') throw new BackupRefused(`The backup ${basename(backupFile)} does not exist`)
  if (health.state === 'corrupt') throw new BackupRefused(`The backup ${basename(backupFile)} is damaged: ${health.detail}`)
  if (health.state === 'newer') throw new BackupRefused(`The backup ${basename(backupFile)} comes from a newer version: ${health.detail}`)
}

/**
 * Replaces the database file with a backup. The backup must pass the full
 * integrity check and must not come from a newer version; the caller has closed
 * the database. The file is replaced by rename, so a crash leaves either the old
 * or the new file, never half of one.
 */
export function restoreBackupFile(databaseFile: string, backupFile: string): void {
  assertRestorable(backupFile)
  const incoming = `${databaseFile}.restoring`
  copyFileSync(backupFile, incoming)
  rmSync(`${databaseFile}-wal`, { force: true })
  rmSync(`${databaseFile}-shm`, { force: true })
  renameSync(incoming, databaseFile)
}

/**
 * Restores a backup over a database that cannot be opened (damaged, or from a
 * newer version): the file it replaces is first copied beside it as
 * <file>.replaced-<time>, so nothing is lost even then. Returns that copy's path.
 */
export function restoreKeepingReplaced(databaseFile: string, backupFile: string, now: Date = new Date()): string | null {
  assertRestorable(backupFile)
  const kept = existsSync(databaseFile) ? `${databaseFile}.replaced-${stamp(now)}` : null
  if (kept) copyFileSync(databaseFile, kept)
  restoreBackupFile(databaseFile, backupFile)
  return kept
}
