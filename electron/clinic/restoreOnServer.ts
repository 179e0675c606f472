import { statSync } from 'node:fs'
import { dirname } from 'node:path'
import { BACKUP_FOLDER_SETTING, listBackups, type BackupFile } from '../../db/backup'
import { readSetting } from '../../db/repositories/settings'
import { createDeskSession } from './auth/deskSession'
import { restoreChecked } from './backupHandlers'
import { backupRunner } from './backupScheduler'
import { openLiveDatabase } from './liveDatabase'
import { serverBackupFolder } from './open'
import { createClinicService } from './service'

/**
 * Restores a pg_dump archive (any path) over a server database from the command line, with the same
 * checks as Settings (restoreChecked): the archive read in full, its identity compared, a safety
 * backup into the clinic's backup folder first, the audit entry in the restored database. Returns the
 * safety backup. A refusal is a ClinicError saying why; nothing was changed then.
 */
export async function restoreOnServer(options: {
  url: string
  backupFile: string
  actor: string
  confirmClinicName?: string
  version: string
}): Promise<BackupFile> {
  const now = () => new Date()
  const session = createDeskSession()
  const database = await openLiveDatabase(options.url, undefined, (store) => createClinicService({ store, session, mode: 'browser', version: options.version, actor: options.actor }))
  try {
    let chosen = (await readSetting<string>(database.store.db, BACKUP_FOLDER_SETTING)) ?? serverBackupFolder()
    const folder = { get: () => chosen, set: (next: string) => void (chosen = next) }
    // When the archive is one of the backups (named and with a manifest), its time is the one it was made at.
    const listed = listBackups(dirname(options.backupFile), 'dump').find((b) => b.file === options.backupFile)
    return await restoreChecked({
      database,
      location: options.url,
      runner: backupRunner({ database, folder, now }),
      backupFile: options.backupFile,
      backupCreatedAt: listed?.createdAt ?? statSync(options.backupFile).mtime.toISOString(),
      actor: options.actor,
      confirmClinicName: options.confirmClinicName,
      signOutEveryone: () => session.signOut(),
    })
  } finally {
    database.close()
  }
}
