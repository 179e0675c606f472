import { app, BrowserWindow, ipcMain, session, shell } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { APP_NAME, DATABASE_FILE_NAME } from '../db/paths'
import { CHANNELS } from './clinic/contract'
import { dispatch } from './clinic/dispatch'
import { openClinic, type Clinic } from './clinic/open'
import { registerPrinting } from './print'
import { CONTENT_SECURITY_POLICY, isExternalLinkAllowed, secureWebPreferences } from './security'

/*
 * The desktop app's main process: opens the clinic database in the user's data
 * folder, registers one IPC handler per contract method, and shows the window.
 * Everything below the IPC boundary is the same code browser mode runs.
 */

app.setName(APP_NAME)
let clinic: Clinic | null = null

/** The Electron build of better-sqlite3, made by scripts/start.mjs (see ARCHITECTURE.md, "Native module"). */
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
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
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
  const file = process.env.BACKSTRIDE_DB ?? join(app.getPath('userData'), DATABASE_FILE_NAME)
  clinic = await openClinic({ file, mode: 'electron', version: app.getVersion(), nativeBinding: electronNativeBinding() })
  const handlers = clinic.handlers
  for (const channel of CHANNELS) ipcMain.handle(channel, (_event, input: unknown) => dispatch(handlers, channel, input))
  registerPrinting()
  createWindow()
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow())
}

app.on('window-all-closed', () => {
  clinic?.close()
  if (process.platform !== 'darwin') app.quit()
})

start().catch((error: unknown) => {
  console.error(error)
  app.exit(1)
})
