import { join } from 'node:path'
import { BACKUP_FOLDER_SETTING, backupFolderFor, configuredBackupFolder, listBackups, type BackupFile } from '../../db/backup'
import type { ClinicStore } from '../../db/client'
import { checkDatabaseFile, checkServerDatabase, missingMigrations, type DatabaseHealth } from '../../db/health'
import { acquireWriterLock, DatabaseLocked, type WriterLock } from '../../db/lock'
import { readSetting, SIGN_IN_EPOCH_SETTING } from '../../db/repositories/settings'
import { defaultDataDir, describeLocation, isServerUrl } from '../../db/paths'
import { createDeskSession } from './auth/deskSession'
import { guardedHandlers, type Handler } from './authorisation'
import { backupHandlers } from './backupHandlers'
import { backupRunner, scheduleBackups } from './backupScheduler'
import type { Handlers } from './contract'
import { openLiveDatabase } from './liveDatabase'
import { coded, type Coded } from './contract/messages'
import { createClinicService, type ServiceOptions } from './service'

export interface Clinic {
  readonly store: ClinicStore
  readonly handlers: Handlers
  close(): void
}

export type OpenClinicOptions = {
  /** The SQLite file's path, or a postgres:// (postgresql://) URL of a database on a server (docs/stores.md). */
  file: string
  nativeBinding?: string
  backupFolder?: string
  automaticBackups?: boolean
  /**
   * 'required' (the app): every method but the public ones needs a signed-in user.
   * 'none' (command line, demo, benchmark): run as the OS user, like any program with the file.
   */
  authentication?: 'required' | 'none'
  /** With authentication 'none': the name the served pages show for the user (a printed report's signer). Default: none. */
  displayName?: string
  /**
   * Names this process in the refusal a second writer gets (the writer lock, db/lock.ts).
   * Default: "Backstride (desktop app)" or "Backstride (browser mode)".
   */
  program?: string
  /**
   * Read-only (command-line exports, statistics and reports beside a running app): no writer
   * lock, no migration, no catalogue update, no backups. A database that still needs this
   * version's migrations is refused (database_needs_update).
   */
  readOnly?: boolean
} & Omit<ServiceOptions, 'store' | 'session'>

/** Another program writes this database now: `said` names it (program, process id, since when). Nothing was opened. */
export class DatabaseInUse extends Error {
  constructor(readonly said: Coded) {
    super(said.message)
  }
}

/** Takes the writer lock of the database for this process, or refuses naming the holder. */
export function takeWriterLock(file: string, program: string, nativeBinding?: string): WriterLock {
  try {
    return acquireWriterLock(file, program, nativeBinding)
  } catch (error) {
    if (!(error instanceof DatabaseLocked)) throw error
    const holder = error.holder
    throw new DatabaseInUse(
      holder ? coded('database_in_use', { file, program: holder.program, pid: holder.pid, since: holder.since }) : coded('database_in_use_unknown', { file }),
    )
  }
}

/** The database server could not be reached, or refused this user or database (`said`: database_server_failed). Nothing was changed. */
export class DatabaseUnreachable extends Error {
  constructor(readonly said: Coded) {
    super(said.message)
  }
}

/**
 * The database cannot be used as it is; the file was left untouched. problem says
 * why (database_damaged, database_newer), advice what to do; the message is both, in English.
 */
export class DatabaseUnusable extends Error {
  constructor(
    readonly problem: Coded,
    readonly advice: Coded,
    readonly latestBackup: BackupFile | null,
  ) {
    super(`${problem.message} ${advice.message}`)
  }
}

/**
 * Opens the clinic database (checking it first, then migrating it), loads the
 * program catalogue from resources/ (a changed program becomes a new version),
 * backs it up at start and daily, and builds the service. A damaged file or one
 * from a newer version of the app is refused with a clear message and left as it is.
 */
export async function openClinic(options: OpenClinicOptions): Promise<Clinic> {
  const readOnly = options.readOnly ?? false
  const program = options.program ?? (options.mode === 'electron' ? 'Backstride (desktop app)' : 'Backstride (browser mode)')
  // A server serialises its writers itself (db/client.ts, CLINIC_WRITE_LOCK): the lock file is a SQLite file's.
  const lock = readOnly || options.file === ':memory:' || isServerUrl(options.file) ? null : takeWriterLock(options.file, program, options.nativeBinding)
  try {
    return await openLocked(options, readOnly, () => lock?.release())
  } catch (error) {
    lock?.release()
    throw error
  }
}

async function openLocked(options: OpenClinicOptions, readOnly: boolean, releaseLock: () => void): Promise<Clinic> {
  if (isServerUrl(options.file)) return openOnServer(options, readOnly)
  const defaultBackupFolder = options.backupFolder ?? backupFolderFor(options.file)
  const automatic = (options.automaticBackups ?? true) && !readOnly
  const now = options.now ?? (() => new Date())
  const health = checkUsable(options)
  if (readOnly && missingMigrations(options.file, options.nativeBinding) > 0) throw new DatabaseInUse(coded('database_needs_update', { file: options.file }))

  const session = createDeskSession(() => now().getTime())
  const database = await openLiveDatabase(options.file, options.nativeBinding, (store) => createClinicService({ ...options, store, session }), readOnly)
  /** The clinic may keep its backups elsewhere (another disk, a server share): chosen in Settings. */
  let backupFolder =
    options.backupFolder ?? (await readSetting<string>(database.store.db, BACKUP_FOLDER_SETTING)) ?? defaultBackupFolder
  const folder = {
    get: () => backupFolder,
    set: (chosen: string) => {
      backupFolder = chosen
    },
  }
  const runner = backupRunner({ database, folder, now })
  const schedule = automatic ? await scheduleBackups({ runner, database, folder: folder.get, now, backUpAtStart: health.state === 'ok' }) : null

  const backups = backupHandlers({
    database,
    file: options.file,
    folder,
    runner,
    actor: () => session.current()?.username ?? options.actor ?? 'system',
    signOutEveryone: () => session.signOut(),
  })
  const handlers = guardedHandlers({
    target: (group, method) => ((group === 'backups' ? backups : database.handlers[group]) as Record<string, Handler>)[method],
    session,
    authentication: options.authentication ?? 'required',
    actor: options.actor,
    displayName: options.displayName ?? '',
  })

  return {
    get store() {
      return database.store
    },
    handlers,
    close: () => {
      schedule?.stop()
      database.close()
      releaseLock()
    },
  }
}

/**
 * A clinic on a PostgreSQL server: no lock file and no file check. Backups are pg_dump archives in the
 * backup folder (the one chosen in Settings, else backups/ in this desk's data folder), made by hand or
 * from the command line, never on a schedule: the server's administrator schedules the server's own
 * backups (README, "Backups of a server database").
 */
async function openOnServer(options: OpenClinicOptions, readOnly: boolean): Promise<Clinic> {
  await checkServerUsable(options.file, readOnly)
  const now = options.now ?? (() => new Date())
  const session = createDeskSession(() => now().getTime())
  const database = await openLiveDatabase(options.file, undefined, (store) => createClinicService({ ...options, store, session }), readOnly)
  let backupFolder = options.backupFolder ?? (await readSetting<string>(database.store.db, BACKUP_FOLDER_SETTING)) ?? serverBackupFolder()
  const folder = {
    get: () => backupFolder,
    set: (chosen: string) => {
      backupFolder = chosen
    },
  }
  const backups = backupHandlers({
    database,
    file: options.file,
    folder,
    runner: backupRunner({ database, folder, now }),
    actor: () => session.current()?.username ?? options.actor ?? 'system',
    signOutEveryone: () => session.signOut(),
  })
  const handlers = guardedHandlers({
    target: (group, method) => ((group === 'backups' ? backups : database.handlers[group]) as Record<string, Handler>)[method],
    session,
    authentication: options.authentication ?? 'required',
    actor: options.actor,
    displayName: options.displayName ?? '',
    signInEpoch: () => readSetting<string>(database.store.db, SIGN_IN_EPOCH_SETTING),
  })
  return {
    get store() {
      return database.store
    },
    handlers,
    close: () => database.close(),
  }
}

/**
 * Checks a server database before it is opened, as a file is checked: one written by a newer version of the
 * app is refused (database_newer), also for writing, and left as it is; read-only (nothing is migrated), one
 * that still lacks this version's migrations is refused as a file is (database_needs_update). A server that
 * cannot be reached, or refuses the user or the database, is said so (database_server_failed).
 */
export async function checkServerUsable(url: string, readOnly: boolean): Promise<void> {
  const database = describeLocation(url)
  const health = await checkServerDatabase(url)
  if (health.state === 'unreachable') throw new DatabaseUnreachable(coded('database_server_failed', { database, detail: health.detail }))
  if (health.state === 'newer') throw new DatabaseUnusable(coded('database_newer', { file: database, detail: health.detail }), coded('database_server_untouched'), null)
  if (readOnly && health.missing > 0) throw new DatabaseInUse(coded('database_needs_update', { file: database }))
}

/** Where a server database's backups go unless the clinic chose a folder: backups/ in this desk's data folder. */
export const serverBackupFolder = () => join(defaultDataDir(), 'backups')

/** Checks the file before it is opened: a damaged one, or one from a newer version of the app, is refused and left as it is. */
function checkUsable(options: OpenClinicOptions): DatabaseHealth {
  const health = checkDatabaseFile(options.file, { quick: true, nativeBinding: options.nativeBinding })
  if (health.state === 'corrupt' || health.state === 'newer') {
    // The backup folder the clinic chose, when the file still says which; else the one beside it.
    const latestBackup = listBackups(options.backupFolder ?? configuredBackupFolder(options.file, options.nativeBinding))[0] ?? null
    const problem = coded(health.state === 'corrupt' ? 'database_damaged' : 'database_newer', { file: options.file, detail: health.detail })
    const advice = latestBackup
      ? coded('database_restore_advice', { backup: latestBackup.file, createdAt: latestBackup.createdAt, file: options.file })
      : coded('database_no_backup')
    throw new DatabaseUnusable(problem, advice, latestBackup)
  }
  return health
}
