import type Database from 'better-sqlite3'
import { createBackup, dailyBackupDue } from '../../db/backup'

/** Checked every hour; a backup is made when the newest automatic one is a day old. */
const DAILY_CHECK_MS = 60 * 60 * 1000

export interface BackupSchedule {
  stop(): void
}

/**
 * The automatic backups: one now (the start backup), then a daily one, checked
 * hourly, into the folder chosen at the time. The getters follow a restore (a new
 * connection) and a change of folder in Settings.
 */
export async function scheduleBackups(options: {
  sqlite: () => Database.Database
  folder: () => string
  now: () => Date
  /** False when the file did not exist before this start: nothing to back up yet. */
  backUpAtStart: boolean
}): Promise<BackupSchedule> {
  const { sqlite, folder, now } = options
  if (options.backUpAtStart) await createBackup(sqlite(), folder(), 'start', now())
  const timer = setInterval(() => {
    if (dailyBackupDue(folder(), now())) void createBackup(sqlite(), folder(), 'daily', now()).catch(() => undefined)
  }, DAILY_CHECK_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
