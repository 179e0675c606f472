import { existsSync, statSync } from 'node:fs'
import { BackupRefused, restoreKeepingReplaced, type KeptCopy } from '../../db/backup'
import { openSqliteStore } from '../../db/client'
import { identityOfFile, UNNAMED_CLINIC } from '../../db/identity'
import { recordRestore } from './backupHandlers'
import { coded, type Coded } from './contract/messages'
import { takeWriterLock } from './open'

/** A restore from a backup file was refused; `said` says why. Nothing was changed. */
export class RestoreRefused extends Error {
  constructor(readonly said: Coded) {
    super(said.message)
  }
}

/**
 * Restores a backup file over a database that is not open (the command line, the
 * desktop app's offer when the database cannot be opened): under the writer lock
 * (refused while any program has the database open), keeping the replaced file
 * with every committed transaction beside it (checked), and writing the restore
 * into the restored database's audit trail. A backup of another database is
 * refused unless `confirmClinicName` is this clinic's name.
 */
export async function restoreFromFile(options: {
  file: string
  backupFile: string
  program: string
  actor: string
  confirmClinicName?: string
  nativeBinding?: string
}): Promise<KeptCopy | null> {
  const { file, backupFile } = options
  const lock = takeWriterLock(file, options.program, options.nativeBinding)
  try {
    // A damaged database may not say who it is: then there is nothing to compare.
    const replaced = identityOfFile(file, options.nativeBinding) ?? { databaseId: null, clinicName: UNNAMED_CLINIC }
    const incoming = identityOfFile(backupFile, options.nativeBinding)
    const otherClinic = Boolean(replaced.databaseId && incoming?.databaseId && replaced.databaseId !== incoming.databaseId)
    if (otherClinic && options.confirmClinicName === undefined) throw new RestoreRefused(coded('backup_other_database', { clinic: incoming?.clinicName ?? '' }))
    if (otherClinic && options.confirmClinicName?.trim() !== replaced.clinicName) throw new RestoreRefused(coded('backup_confirm_clinic_name', { clinic: replaced.clinicName }))
    let kept: KeptCopy | null
    const backupTime = existsSync(backupFile) ? statSync(backupFile).mtime.toISOString() : ''
    try {
      kept = restoreKeepingReplaced(file, backupFile)
    } catch (error) {
      if (error instanceof BackupRefused) throw new RestoreRefused(coded('backup_unrestorable', { detail: error.message }))
      throw error
    }
    const store = openSqliteStore({ file, nativeBinding: options.nativeBinding })
    try {
      await recordRestore(store, {
        actor: options.actor,
        backup: { file: backupFile, createdAt: backupTime, databaseId: incoming?.databaseId ?? null },
        replaced,
        keptAs: kept?.file ?? '',
        keptCheck: kept?.check ?? '',
        otherClinic,
      })
    } finally {
      await store.close()
    }
    return kept
  } finally {
    lock.release()
  }
}
