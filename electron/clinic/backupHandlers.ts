import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { BackupRefused, createBackup, listBackups, restoreBackupFile, type BackupFile } from '../../db/backup'
import { checkDatabaseFile } from '../../db/health'
import { insertAudit } from '../../db/repositories/audit'
import { writeSetting } from '../../db/repositories/settings'
import type { BackupView, Handlers } from './contract'
import { notFound, ruleBroken } from './errors'
import type { LiveDatabase } from './liveDatabase'
import { coded } from './contract/messages'

/** Where the clinic's chosen backup folder is kept (Settings). */
export const BACKUP_FOLDER_SETTING = 'backup_folder'

/** The backup folder in use; Settings may move it (another disk, a server share). */
export interface BackupFolder {
  get(): string
  set(folder: string): void
}

const backupView = (b: BackupFile): BackupView => ({ fileName: b.fileName, kind: b.kind, createdAt: b.createdAt, bytes: b.bytes })

/** Refuses a folder Backstride cannot create or write a file into (tried with a probe file, removed again). */
function assertWritableFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true })
    const probe = join(folder, `.backstride-write-test-${process.pid}`)
    writeFileSync(probe, '')
    rmSync(probe)
  } catch (error) {
    throw ruleBroken(coded('folder_not_writable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), 'folder')
  }
}

/**
 * The backups methods. They live outside the service: a restore closes and
 * reopens the database under it.
 */
export function backupHandlers(options: {
  database: LiveDatabase
  /** The database file a restore replaces. */
  file: string
  folder: BackupFolder
  now: () => Date
  /** Who the audit entry of a folder change names. */
  actor: () => string
}): Handlers['backups'] {
  const { database, file, folder, now } = options
  return {
    list: async () => ({ folder: folder.get(), backups: listBackups(folder.get()).map(backupView) }),
    setFolder: async ({ folder: chosen }) => {
      assertWritableFolder(chosen)
      await database.store.transaction(async (tx) => {
        await writeSetting(tx, BACKUP_FOLDER_SETTING, chosen)
        await insertAudit(tx, { tableName: 'settings', recordId: 0, action: 'update', before: { backupFolder: folder.get() }, after: { backupFolder: chosen }, actor: options.actor() })
      })
      folder.set(chosen)
      return { folder: chosen }
    },
    create: async () => backupView(await createBackup(database.store.sqlite, folder.get(), 'manual', now())),
    restore: async ({ fileName }) => {
      const backup = listBackups(folder.get()).find((b) => b.fileName === fileName)
      if (!backup) throw notFound(coded('backup_not_found', { name: basename(fileName) }), 'fileName')
      const check = checkDatabaseFile(backup.file)
      if (check.state !== 'ok') throw ruleBroken(coded('backup_unrestorable', { detail: 'detail' in check ? check.detail : check.state }), 'fileName')
      const safety = await createBackup(database.store.sqlite, folder.get(), 'pre_restore', now())
      try {
        await database.replaceFile(() => restoreBackupFile(file, backup.file))
      } catch (error) {
        if (error instanceof BackupRefused) throw ruleBroken(coded('backup_unrestorable', { detail: error.message }), 'fileName')
        throw error
      }
      return { restored: backupView(backup), safetyBackup: backupView(safety) }
    },
  }
}
