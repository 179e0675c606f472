import { fileStore } from '../../db/client'
import { existsSync } from 'node:fs'
import { createBackup, dailyBackupDue, type BackupFile, type BackupKind } from '../../db/backup'
import { identityOf } from '../../db/identity'
import { createPgBackup, PgToolsMissing } from '../../db/pgBackup'
import { readSetting, writeSetting } from '../../db/repositories/settings'
import type { BackupProblem } from './contract'
import { coded, type Coded } from './contract/messages'
import type { LiveDatabase } from './liveDatabase'

/** Checked every hour; a backup is made when the newest automatic one is a day old. */
const DAILY_CHECK_MS = 60 * 60 * 1000
/** Where the failed backups are recorded (newest last), and how many are kept there. */
export const BACKUP_FAILURES_SETTING = 'backup_failures'
const FAILURES_KEPT = 100

/** A backup that could not be made; `said` says why, in the reader's language. */
export class BackupFailed extends Error {
  constructor(readonly said: Coded) {
    super(said.message)
  }
}

/** The backup folder in use; Settings may move it (another disk, a server share). */
export interface BackupFolder {
  get(): string
  set(folder: string): void
}

/**
 * Makes backups (SQLite's online backup of a file, pg_dump of a server database) and remembers whether the last one failed, and why: a backup
 * folder problem never stops the clinic, it is shown (every screen warns) and
 * recorded in the settings (backup_failures), and the next schedule tries again.
 */
export interface BackupRunner {
  run(kind: BackupKind): Promise<BackupFile>
  problem(): BackupProblem | null
}

const codeOf = (error: unknown) => String((error as { code?: unknown }).code ?? '')

/** Why a backup into this folder failed, as the clinic can act on it. */
/** Why PostgreSQL's client programs cannot be used, naming the package that has them. */
export function toolsMissing(error: PgToolsMissing): Coded {
  return error.found === null
    ? coded('backup_pg_tools_missing', { version: error.serverVersion, package: error.aptPackage })
    : coded('backup_pg_tools_older', { version: error.serverVersion, found: error.found, package: error.aptPackage })
}

function whyFailed(error: unknown, folder: string): Coded {
  if (error instanceof PgToolsMissing) return toolsMissing(error)
  const code = codeOf(error)
  if (!existsSync(folder) || code === 'ENOENT') return coded('backup_folder_missing', { folder })
  // A write that fails: SQLite says SQLITE_FULL for ENOSPC, a disk I/O error (SQLITE_IOERR_*) for a file-size or quota limit.
  if (['ENOSPC', 'EFBIG', 'EDQUOT', 'SQLITE_FULL'].includes(code) || code.startsWith('SQLITE_IOERR')) return coded('backup_folder_full', { folder })
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'].includes(code)) return coded('backup_folder_read_only', { folder })
  return coded('backup_folder_failed', { folder, detail: error instanceof Error ? error.message : String(error) })
}

export function backupRunner(options: { database: LiveDatabase; folder: BackupFolder; now: () => Date }): BackupRunner {
  const { database, folder, now } = options
  let problem: BackupProblem | null = null
  async function record(failure: BackupProblem) {
    try {
      await database.store.transaction(async (tx) => {
        const earlier = (await readSetting<BackupProblem[]>(tx, BACKUP_FAILURES_SETTING)) ?? []
        await writeSetting(tx, BACKUP_FAILURES_SETTING, [...earlier, failure].slice(-FAILURES_KEPT))
      })
    } catch {
      // The warning on every screen still says it; the record is a second place.
    }
  }
  return {
    async run(kind) {
      const target = folder.get()
      try {
        const store = database.store
        const made = store.kind === 'postgres' ? await createPgBackup(store, target, kind, now()) : await createBackup(fileStore(store).sqlite, target, kind, now())
        problem = null
        return made
      } catch (error) {
        problem = { at: now().toISOString(), kind, folder: target, reason: whyFailed(error, target) }
        await record(problem)
        throw new BackupFailed(problem.reason)
      }
    },
    problem: () => problem,
  }
}

export interface BackupSchedule {
  stop(): void
}

/**
 * The automatic backups: one now (the start backup), then a daily one, checked
 * hourly, into the folder chosen at the time. A failure is recorded by the runner
 * and tried again at the next check; it never stops the start.
 */
export async function scheduleBackups(options: {
  runner: BackupRunner
  database: LiveDatabase
  folder: () => string
  now: () => Date
  /** False when the file did not exist before this start: nothing to back up yet. */
  backUpAtStart: boolean
}): Promise<BackupSchedule> {
  const { runner, database, folder, now } = options
  if (options.backUpAtStart) await runner.run('start').catch(() => undefined)
  const timer = setInterval(() => {
    const due = runner.problem() !== null || dailyBackupDue(folder(), identityOf(fileStore(database.store).sqlite).databaseId, now())
    if (due) void runner.run('daily').catch(() => undefined)
  }, DAILY_CHECK_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
