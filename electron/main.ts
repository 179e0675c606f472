import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron'
import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { privateFilesFromHere } from '../db/fileModes'
import { APP_NAME, DATABASE_FILE_NAME, describeLocation } from '../db/paths'
import { CHANNELS } from './clinic/contract'
import { CATALOGUES, coded, messageLanguage, translate, type Coded } from './clinic/contract/messages'
import { dispatch } from './clinic/dispatch'
import { DatabaseUnusable, openClinic, type Clinic } from './clinic/open'
import { restoreFromFile } from './clinic/restoreFromFile'
import { installMenu } from './menu'
import { registerPrinting } from './print'
import { CONTENT_SECURITY_POLICY, isExternalLinkAllowed } from './security'
import { chooseStore, locationOf, readStoreChoice, saveStoreChoice, storeChoiceInput, type Cipher } from './storeChoice'
import { STORE_CHOICE_CHANNELS } from './storeChoiceChannels'

/*
 * The desktop app's main process: opens the clinic database in the user's data
 * folder, registers one IPC handler per contract method, and shows the window.
 * Everything below the IPC boundary is the same code browser mode runs.
 */

app.setName(APP_NAME)
privateFilesFromHere()
// An installed app keeps db/migrations and resources/ beside its asar (electron-builder.yml, extraResources);
// db/paths.ts appRoot() finds them through this variable.
if (app.isPackaged) process.env.BACKSTRIDE_APP_ROOT ??= process.resourcesPath
let clinic: Clinic | null = null

/** The clinic database file when the store is a file: BACKSTRIDE_DB, else backstride.sqlite in the user's data folder. */
const databaseFile = () => process.env.BACKSTRIDE_DB ?? join(app.getPath('userData'), DATABASE_FILE_NAME)

/** The server password at rest: encrypted by the system's keychain (safeStorage), never written as text. */
const keychain: Cipher = {
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (data) => safeStorage.decryptString(data),
}

/** Whether the window shows the first-start choice of store (asked by the renderer at every load). */
let storeChoiceNeeded = false

/**
 * Where the clinic's data is: BACKSTRIDE_DB (a file or a postgres:// URL) when set; else the choice of
 * an earlier start (store.json); else a database file from before the choice existed; else the first
 * start asks (electron/storeChoice.ts) in the window, and the answer is kept.
 */
async function storeLocation(): Promise<string> {
  const dataDir = app.getPath('userData')
  if (process.env.BACKSTRIDE_DB) return process.env.BACKSTRIDE_DB
  const chosen = readStoreChoice(dataDir, keychain)
  if (chosen) return locationOf(chosen, dataDir)
  if (existsSync(join(dataDir, DATABASE_FILE_NAME))) {
    saveStoreChoice(dataDir, { kind: 'file' }, keychain)
    return databaseFile()
  }
  return new Promise((resolve) => {
    storeChoiceNeeded = true
    ipcMain.handle(STORE_CHOICE_CHANNELS.choose, async (_event, input: unknown) => {
      const parsed = storeChoiceInput.safeParse(input)
      if (!parsed.success) return { ok: false, said: coded('invalid_input') }
      const result = await chooseStore(dataDir, parsed.data, keychain)
      if (!result.ok) return result
      storeChoiceNeeded = false
      resolve(result.location)
      return { ok: true }
    })
    createWindow()
  })
}

/** The Electron build of better-sqlite3, made by electron/start.mjs (README.md, "Running it"). */
function electronNativeBinding(): string | undefined {
  const file = process.env.BACKSTRIDE_NATIVE_BINDING
  return file && existsSync(file) ? file : undefined
}


function createWindow() {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: APP_NAME,
    show: false,
    // Written out, not built by a function, so the security scanner (npm run security:scan) sees the real values;
    // tests/unit/security.test.ts checks them against Electron's security checklist.
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  window.once('ready-to-show', () => window.show())
  // No navigation away from the app and no new windows; external links open in the system browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
}

async function start() {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  ipcMain.handle(STORE_CHOICE_CHANNELS.needed, () => storeChoiceNeeded)
  const file = await storeLocation()
  clinic = await openClinic({ file, mode: 'electron', version: app.getVersion(), nativeBinding: electronNativeBinding() })
  const handlers = clinic.handlers
  for (const channel of CHANNELS) ipcMain.handle(channel, (_event, input: unknown) => dispatch(handlers, channel, input))
  registerPrinting()
  installMenu(describeLocation(file))
  // After a first-start choice the window is open already: it loads again, now with the clinic behind it.
  const shown = BrowserWindow.getAllWindows()[0]
  if (shown) shown.webContents.reload()
  else createWindow()
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow())
}

app.on('window-all-closed', () => {
  clinic?.close()
  if (process.platform !== 'darwin') app.quit()
})

/**
 * A damaged database, or one from a newer version, is left untouched: say so,
 * and offer the latest backup (checked again before it replaces anything).
 */
async function offerRestore(error: DatabaseUnusable) {
  const backup = error.latestBackup
  // In the desk's language, like the menus.
  const catalogue = CATALOGUES[messageLanguage(app.getLocale())]
  const choice = await dialog.showMessageBox({
    type: 'error',
    title: APP_NAME,
    message: translate(catalogue, error.problem),
    // No backup: the desk's own words for a file; a server database's advice as given (open it with the version that wrote it).
    detail: translate(
      catalogue,
      backup ? coded('desk_restore_offer', { createdAt: backup.createdAt }) : error.advice.code === 'database_no_backup' ? coded('desk_no_backup') : error.advice,
    ),
    buttons: [...(backup ? [coded('desk_restore_button')] : []), coded('desk_quit_button')].map((button) => translate(catalogue, button)),
    defaultId: 0,
    cancelId: backup ? 1 : 0,
  })
  if (!backup || choice.response !== 0) return app.exit(1)
  await restoreFromFile({ file: databaseFile(), backupFile: backup.file, program: 'Backstride (desktop app)', actor: osUser(), nativeBinding: electronNativeBinding() })
  app.relaunch()
  app.exit(0)
}

function osUser(): string {
  try {
    return userInfo().username
  } catch {
    return 'desktop'
  }
}

/** Any other reason the app cannot start (the database open in another program, a folder it may not write): said in a dialog, never a silent exit. */
async function sayWhyNotStarted(error: unknown) {
  await app.whenReady()
  const catalogue = CATALOGUES[messageLanguage(app.getLocale())]
  const said = error instanceof Error && 'said' in error ? (error as { said: Coded }).said : null
  const detail = said ? translate(catalogue, said) : error instanceof Error ? error.message : String(error)
  dialog.showErrorBox(APP_NAME, translate(catalogue, coded('desk_start_failed', { detail })))
}

start().catch(async (error: unknown) => {
  console.error(error)
  try {
    if (error instanceof DatabaseUnusable) return await offerRestore(error)
    await sayWhyNotStarted(error)
  } catch (failed: unknown) {
    console.error(failed)
    await sayWhyNotStarted(failed).catch(() => undefined)
  }
  app.exit(1)
})
