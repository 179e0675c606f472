import { backupFolderFor, listBackups, type BackupFile } from '../../db/backup'
import type { ClinicStore } from '../../db/client'
import { checkDatabaseFile, type DatabaseHealth } from '../../db/health'
import { readSetting } from '../../db/repositories/settings'
import { createDeskSession } from './auth/deskSession'
import { guardedHandlers, type Handler } from './authorisation'
import { BACKUP_FOLDER_SETTING, backupHandlers } from './backupHandlers'
import { scheduleBackups } from './backupScheduler'
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
} & Omit<ServiceOptions, 'store' | 'session'>

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
  const defaultBackupFolder = options.backupFolder ?? backupFolderFor(options.file)
  const automatic = options.automaticBackups ?? true
  const now = options.now ?? (() => new Date())
  const health = checkUsable(options, defaultBackupFolder)

  const session = createDeskSession(() => now().getTime())
  const database = await openLiveDatabase(options.file, options.nativeBinding, (store) => createClinicService({ ...options, store, session }))
  /** The clinic may keep its backups elsewhere (another disk, a server share): chosen in Settings. */
  let backupFolder =
    options.backupFolder ?? (await readSetting<string>(database.store.db, BACKUP_FOLDER_SETTING)) ?? defaultBackupFolder
  const folder = {
    get: () => backupFolder,
    set: (chosen: string) => {
      backupFolder = chosen
    },
  }
  const schedule = automatic
    ? await scheduleBackups({ sqlite: () => database.store.sqlite, folder: folder.get, now, backUpAtStart: health.state === 'ok' })
    : null

  const backups = backupHandlers({ database, file: options.file, folder, now, actor: () => session.current()?.username ?? 'system' })
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
    },
  }
}

/** Checks the file before it is opened: a damaged one, or one from a newer version of the app, is refused and left as it is. */
function checkUsable(options: OpenClinicOptions, defaultBackupFolder: string): DatabaseHealth {
  const health = checkDatabaseFile(options.file, { quick: true, nativeBinding: options.nativeBinding })
  if (health.state === 'corrupt' || health.state === 'newer') {
    const latestBackup = listBackups(defaultBackupFolder)[0] ?? null
    const problem = coded(health.state === 'corrupt' ? 'database_damaged' : 'database_newer', { file: options.file, detail: health.detail })
    const advice = latestBackup
      ? coded('database_restore_advice', { backup: latestBackup.file, createdAt: latestBackup.createdAt, file: options.file })
      : coded('database_no_backup')
    throw new DatabaseUnusable(problem, advice, latestBackup)
  }
  return health
}
