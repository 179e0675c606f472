import { userInfo } from 'node:os'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { backupFolderFor, createBackup, dailyBackupDue, listBackups, restoreBackupFile, BackupRefused, type BackupFile } from '../../db/backup'
import { openStore, type ClinicStore } from '../../db/client'
import { checkDatabaseFile } from '../../db/health'
import { insertAudit } from '../../db/repositories/sessions'
import { readSetting, writeSetting } from '../../db/repositories/settings'
import { seedCatalogue } from '../../db/seed'
import { createDeskSession } from './auth/deskSession'
import { CHANNELS, type AuthStatus, type BackupView, type Channel, type Group, type Handlers, type SignedInUser } from './contract'
import { accessOf } from './contract/access'
import { ClinicError, notFound, ruleBroken } from './errors'
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

const BACKUP_FOLDER_SETTING = 'backup_folder'

/** Checked every hour; a backup is made when the newest automatic one is a day old. */
const DAILY_CHECK_MS = 60 * 60 * 1000

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
  const health = checkDatabaseFile(options.file, { quick: true, nativeBinding: options.nativeBinding })
  if (health.state === 'corrupt' || health.state === 'newer') {
    const latestBackup = listBackups(defaultBackupFolder)[0] ?? null
    const problem = coded(health.state === 'corrupt' ? 'database_damaged' : 'database_newer', { file: options.file, detail: health.detail })
    const advice = latestBackup
      ? coded('database_restore_advice', { backup: latestBackup.file, createdAt: latestBackup.createdAt, file: options.file })
      : coded('database_no_backup')
    throw new DatabaseUnusable(problem, advice, latestBackup)
  }

  const session = createDeskSession(() => now().getTime())
  const open = async () => {
    const store = openStore({ file: options.file, nativeBinding: options.nativeBinding })
    try {
      await seedCatalogue(store)
    } catch (error) {
      store.close()
      throw error
    }
    return { store, handlers: createClinicService({ ...options, store, session }) }
  }

  let current = await open()
  /** The clinic may keep its backups elsewhere (another disk, a server share): chosen in Settings. */
  let backupFolder =
    options.backupFolder ?? (await readSetting<string>(current.store.db, BACKUP_FOLDER_SETTING)) ?? defaultBackupFolder
  if (automatic && health.state === 'ok') await createBackup(current.store.sqlite, backupFolder, 'start', now())
  const timer = automatic
    ? setInterval(() => {
        if (dailyBackupDue(backupFolder, now())) void createBackup(current.store.sqlite, backupFolder, 'daily', now()).catch(() => undefined)
      }, DAILY_CHECK_MS)
    : null
  timer?.unref()

  const backupView = (b: BackupFile): BackupView => ({ fileName: b.fileName, kind: b.kind, createdAt: b.createdAt, bytes: b.bytes })

  /** Backups are handled here, not in the service: a restore closes and reopens the database under it. */
  const backups: Handlers['backups'] = {
    list: async () => ({ folder: backupFolder, backups: listBackups(backupFolder).map(backupView) }),
    setFolder: async ({ folder }) => {
      try {
        mkdirSync(folder, { recursive: true })
        const probe = join(folder, `.backstride-write-test-${process.pid}`)
        writeFileSync(probe, '')
        rmSync(probe)
      } catch (error) {
        throw ruleBroken(coded('folder_not_writable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), 'folder')
      }
      await current.store.transaction(async (tx) => {
        await writeSetting(tx, BACKUP_FOLDER_SETTING, folder)
        await insertAudit(tx, { tableName: 'settings', recordId: 0, action: 'update', before: { backupFolder }, after: { backupFolder: folder }, actor: session.current()?.username ?? 'system' })
      })
      backupFolder = folder
      return { folder }
    },
    create: async () => backupView(await createBackup(current.store.sqlite, backupFolder, 'manual', now())),
    restore: async ({ fileName }) => {
      const backup = listBackups(backupFolder).find((b) => b.fileName === fileName)
      if (!backup) throw notFound(coded('backup_not_found', { name: basename(fileName) }), 'fileName')
      const check = checkDatabaseFile(backup.file)
      if (check.state !== 'ok') throw ruleBroken(coded('backup_unrestorable', { detail: 'detail' in check ? check.detail : check.state }), 'fileName')
      const safety = await createBackup(current.store.sqlite, backupFolder, 'pre_restore', now())
      current.store.close()
      try {
        restoreBackupFile(options.file, backup.file)
      } catch (error) {
        current = await open()
        if (error instanceof BackupRefused) throw ruleBroken(coded('backup_unrestorable', { detail: error.message }), 'fileName')
        throw error
      }
      current = await open()
      return { restored: backupView(backup), safetyBackup: backupView(safety) }
    },
  }

  /** Refuses a call the desk's user may not make; a permitted call keeps the session from locking. */
  const authorize = (channel: Channel) => {
    if (options.authentication === 'none') return
    const access = accessOf(channel)
    if (access === 'public') return
    const user = session.current()
    if (!user) throw new ClinicError('unauthorized', coded('sign_in_required'))
    if (access === 'clinic_lead' && user.role !== 'clinic_lead') {
      throw new ClinicError('forbidden', coded('clinic_lead_only'))
    }
    if (access === 'unblinded' && user.role === 'assessor') {
      throw new ClinicError('forbidden', coded('assessor_blinded'))
    }
    session.touch()
  }

  // Stable handlers for the transports, always reaching the database that is open now.
  type Handler = (input: never) => Promise<unknown>
  const delegating: Record<string, Record<string, Handler>> = {}
  for (const channel of CHANNELS) {
    const [group, method] = channel.split('/') as [Group, string]
    const target = (): Handler =>
      group === 'backups'
        ? (backups as Record<string, Handler>)[method]
        : (current.handlers[group] as Record<string, Handler>)[method]
    delegating[group] ??= {}
    delegating[group][method] = async (input) => {
      authorize(channel)
      return target()(input)
    }
  }
  if (options.authentication === 'none') {
    // Nobody signs in on the command line: the renderer it serves (a printed report) sees the OS user as a clinic lead.
    const status = delegating.auth.status
    delegating.auth.status = async (input) => {
      const current = (await status(input)) as AuthStatus
      return { ...current, user: current.user ?? commandLineUser(options.actor, options.displayName ?? '') }
    }
  }
  const handlers = delegating as unknown as Handlers

  return {
    get store() {
      return current.store
    },
    handlers,
    close: () => {
      if (timer) clearInterval(timer)
      current.store.close()
    },
  }
}

/** Who works with authentication 'none': the OS user, with a clinic lead's rights, shown by the name given (none by default). */
function commandLineUser(actor: string | undefined, displayName: string): SignedInUser {
  let username = actor ?? 'command-line'
  try {
    username = actor ?? userInfo().username
  } catch {
    // no OS user name (some containers): keep the fallback
  }
  return { username, displayName, role: 'clinic_lead' }
}
