import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { BACKUP_FOLDER_SETTING, BackupRefused, belongsTo, listBackups, restoreBackupFile, type BackupFile, type BackupFormat } from '../../db/backup'
import type { ClinicStore, PgStore } from '../../db/client'
import { privateFolder } from '../../db/fileModes'
import { checkDatabaseFile } from '../../db/health'
import { identityOfFile, identityOfStore, type DatabaseIdentity } from '../../db/identity'
import { ArchiveUnreadable, checkArchive, findPgTools, identityOfArchive, PgToolsMissing, restorePgArchive, serverVersionOf, type PgTools } from '../../db/pgBackup'
import { insertAudit } from '../../db/repositories/audit'
import { SIGN_IN_EPOCH_SETTING, writeSetting } from '../../db/repositories/settings'
import { BackupFailed, toolsMissing, type BackupFolder, type BackupRunner } from './backupScheduler'
import type { BackupView, Handlers } from './contract'
import { notFound, ruleBroken } from './errors'
import type { LiveDatabase } from './liveDatabase'
import { coded } from './contract/messages'

const backupView = (b: BackupFile, databaseId: string | null): BackupView => ({
  fileName: b.fileName,
  kind: b.kind,
  createdAt: b.createdAt,
  bytes: b.bytes,
  sameDatabase: b.databaseId === null || belongsTo(b, databaseId),
  clinicName: b.clinicName,
})

/** Refuses a folder Backstride cannot create or write a file into (tried with a probe file, removed again). */
function assertWritableFolder(folder: string): void {
  try {
    privateFolder(folder)
    const probe = join(folder, `.backstride-write-test-${process.pid}`)
    writeFileSync(probe, '')
    rmSync(probe)
  } catch (error) {
    throw ruleBroken(coded('folder_not_writable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), 'folder')
  }
}

/** What a restore writes into the restored database's audit trail. */
export interface RestoreRecord {
  actor: string
  backup: { file: string; createdAt: string; databaseId: string | null }
  replaced: { databaseId: string | null; clinicName: string }
  /** Where the replaced data is kept (the safety backup, or the command line's <database>.replaced-<time>). */
  keptAs: string
  /** Its integrity check. */
  keptCheck: string
  otherClinic: boolean
}

/** Writes the restore into the audit trail of the database that is now open (the restored one). */
export async function recordRestore(store: ClinicStore, record: RestoreRecord): Promise<void> {
  await store.transaction(async (tx) => {
    // Every desk on this database signs in again (a server's other desks notice the new epoch).
    await writeSetting(tx, SIGN_IN_EPOCH_SETTING, randomUUID())
    await insertAudit(tx, {
      tableName: 'database',
      recordId: 0,
      action: 'restore',
      before: { databaseId: record.replaced.databaseId, clinicName: record.replaced.clinicName, keptAs: record.keptAs, keptCheck: record.keptCheck },
      after: { backup: record.backup.file, backupCreatedAt: record.backup.createdAt, databaseId: record.backup.databaseId },
      reason: record.otherClinic ? "replaced with another clinic's data" : null,
      actor: record.actor,
    })
  })
}

/** The backups a store has: SQLite's online backups of a file, pg_dump archives of a server database. */
export const backupFormatOf = (store: ClinicStore): BackupFormat => (store.kind === 'postgres' ? 'dump' : 'sqlite')

/** pg_dump, pg_restore and psql for this server, or the refusal naming the package to install. */
export async function pgToolsFor(store: PgStore): Promise<PgTools> {
  try {
    return await findPgTools(await serverVersionOf(store))
  } catch (error) {
    if (error instanceof PgToolsMissing) throw ruleBroken(toolsMissing(error))
    throw error
  }
}

const unrestorable = (detail: string) => ruleBroken(coded('backup_unrestorable', { detail }), 'fileName')

/** A backup read and checked before anything changes: whose it is, and how it replaces the database. */
interface RestorePlan {
  incoming: DatabaseIdentity | null
  apply(): Promise<void>
  /** Checks a backup (the safety backup) as fully as this one was checked. */
  check(file: string): Promise<void>
}

async function planRestore(database: LiveDatabase, location: string, backupFile: string): Promise<RestorePlan> {
  const store = database.store
  if (store.kind === 'postgres') {
    const tools = await pgToolsFor(store)
    const check = async (file: string) => {
      try {
        await checkArchive(tools, file)
      } catch (error) {
        if (error instanceof ArchiveUnreadable) throw unrestorable(error.message)
        throw error
      }
    }
    await check(backupFile)
    const incoming = await identityOfArchive(tools, backupFile)
    return {
      incoming,
      check,
      apply: () =>
        database.replaceFile(async () => {
          try {
            await restorePgArchive(tools, store.url, backupFile)
          } catch (error) {
            throw unrestorable((error as Error).message)
          }
        }),
    }
  }
  const check = async (file: string) => {
    const health = checkDatabaseFile(file)
    if (health.state !== 'ok') throw unrestorable('detail' in health ? health.detail : health.state)
  }
  await check(backupFile)
  return {
    incoming: identityOfFile(backupFile),
    check,
    apply: async () => {
      try {
        await database.replaceFile(() => restoreBackupFile(location, backupFile))
      } catch (error) {
        if (error instanceof BackupRefused) throw unrestorable(error.message)
        throw error
      }
    },
  }
}

/**
 * Restores a backup over the open database (a file, or a server database): checks it, refuses another
 * clinic's backup unless the clinic lead confirms with this clinic's name, makes a safety backup of the
 * current data and checks it, replaces the data, signs every desk out and writes the restore into the
 * restored database's audit trail. Returns the safety backup.
 */
export async function restoreChecked(options: {
  database: LiveDatabase
  /** The database file a restore replaces, or the server database's URL. */
  location: string
  runner: BackupRunner
  backupFile: string
  backupCreatedAt: string
  actor: string
  confirmClinicName: string | undefined
  signOutEveryone: () => void
}): Promise<BackupFile> {
  const { database } = options
  const plan = await planRestore(database, options.location, options.backupFile)
  const current = await identityOfStore(database.store)
  const incoming = plan.incoming
  const otherClinic = Boolean(incoming?.databaseId && current.databaseId && incoming.databaseId !== current.databaseId)
  if (otherClinic && options.confirmClinicName === undefined) throw ruleBroken(coded('backup_other_database', { clinic: incoming?.clinicName ?? '' }), 'fileName')
  if (otherClinic && options.confirmClinicName?.trim() !== current.clinicName) {
    throw ruleBroken(coded('backup_confirm_clinic_name', { clinic: current.clinicName }), 'replaceOtherClinic.confirmClinicName')
  }
  // The safety backup keeps what is replaced (a file: every committed transaction, the log's too; a server: one snapshot).
  let safety: BackupFile
  try {
    safety = await options.runner.run('pre_restore')
  } catch (error) {
    if (error instanceof BackupFailed) throw ruleBroken(error.said)
    throw error
  }
  await plan.check(safety.file)
  await plan.apply()
  options.signOutEveryone()
  await recordRestore(database.store, {
    actor: options.actor,
    backup: { file: options.backupFile, createdAt: options.backupCreatedAt, databaseId: incoming?.databaseId ?? null },
    replaced: current,
    keptAs: safety.file,
    keptCheck: 'ok',
    otherClinic,
  })
  return safety
}

/**
 * The backups methods. They live outside the service: a restore closes and
 * reopens the database under it, and signs the desk out.
 */
export function backupHandlers(options: {
  database: LiveDatabase
  /** The database file a restore replaces. */
  file: string
  folder: BackupFolder
  runner: BackupRunner
  /** Who the audit entries name. */
  actor: () => string
  /** After a restore every desk signs in again, against the restored accounts. */
  signOutEveryone: () => void
}): Handlers['backups'] {
  const { database, file, folder, runner } = options
  const ownId = async () => (await identityOfStore(database.store)).databaseId
  const made = async (kind: BackupFile['kind']) => {
    try {
      return await runner.run(kind)
    } catch (error) {
      if (error instanceof BackupFailed) throw ruleBroken(error.said)
      throw error
    }
  }
  const format = () => backupFormatOf(database.store)
  return {
    list: async () => {
      const own = await ownId()
      return { folder: folder.get(), automatic: database.store.kind === 'sqlite', backups: listBackups(folder.get(), format()).map((b) => backupView(b, own)) }
    },
    status: async () => ({ folder: folder.get(), problem: runner.problem() }),
    setFolder: async ({ folder: chosen }) => {
      assertWritableFolder(chosen)
      await database.store.transaction(async (tx) => {
        await writeSetting(tx, BACKUP_FOLDER_SETTING, chosen)
        await insertAudit(tx, { tableName: 'settings', recordId: 0, action: 'update', before: { backupFolder: folder.get() }, after: { backupFolder: chosen }, actor: options.actor() })
      })
      folder.set(chosen)
      return { folder: chosen }
    },
    create: async () => backupView(await made('manual'), await ownId()),
    restore: async ({ fileName, replaceOtherClinic }) => {
      const backup = listBackups(folder.get(), format()).find((b) => b.fileName === fileName)
      if (!backup) throw notFound(coded('backup_not_found', { name: basename(fileName) }), 'fileName')
      const safety = await restoreChecked({
        database,
        location: file,
        runner,
        backupFile: backup.file,
        backupCreatedAt: backup.createdAt,
        actor: options.actor(),
        confirmClinicName: replaceOtherClinic?.confirmClinicName,
        signOutEveryone: options.signOutEveryone,
      })
      const own = await ownId()
      return { restored: backupView(backup, own), safetyBackup: backupView(safety, own) }
    },
  }
}
