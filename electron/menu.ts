import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron'
import { MENU_COMMAND_CHANNEL, shortcutOf, type MenuCommand } from './menuCommands'
import { aboutDetail, menuLabels } from './menuText'

/**
 * The native application menu. Thin on purpose: each item either uses a
 * standard role or sends one of the fixed commands of menuCommands.ts to the
 * renderer, which runs it exactly as it runs the same keyboard shortcut.
 */

export function installMenu(databaseFile: string) {
  const labels = menuLabels(app.getLocale())
  const send = (command: MenuCommand) => () => BrowserWindow.getAllWindows()[0]?.webContents.send(MENU_COMMAND_CHANNEL, command)
  const item = (command: MenuCommand, label: string): MenuItemConstructorOptions => {
    const shortcut = shortcutOf(command)
    return { label, accelerator: shortcut.accelerator, registerAccelerator: shortcut.menuHandles, click: send(command) }
  }
  const about = () =>
    void dialog.showMessageBox({
      type: 'info',
      title: labels.about,
      message: 'Backstride',
      detail: aboutDetail(labels, { app: app.getVersion(), ...process.versions }, databaseFile),
    })
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: labels.file,
      submenu: [
        item('new-patient', labels.newPatient),
        item('record-session', labels.recordSession),
        item('focus-search', labels.searchPatients),
        { type: 'separator' },
        item('print-sheet', labels.printSheet),
        { type: 'separator' },
        { role: 'quit', label: labels.quit },
      ],
    },
    { label: labels.edit, role: 'editMenu' },
    {
      label: labels.view,
      submenu: [
        ...(app.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: labels.help,
      role: 'help',
      submenu: [item('show-shortcuts', labels.shortcuts), { type: 'separator' }, { label: labels.about, click: about }],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
