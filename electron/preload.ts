import { contextBridge, ipcRenderer } from 'electron'
import type { PreloadBridge } from '../src/api/client'
import { isChannel } from './clinic/dispatch'
import { isMenuCommand, MENU_COMMAND_CHANNEL } from './menuCommands'
import { PRINT_CHANNELS } from './printChannels'
import { STORE_CHOICE_CHANNELS } from './storeChoiceChannels'

/** Exposes only the clinic API's channels, nothing else of Electron or Node. */
const bridge = {
  invoke: (channel, input) => {
    if (!isChannel(channel)) return Promise.reject(new Error(`Unknown API method ${channel}`))
    return ipcRenderer.invoke(channel, input)
  },
  print: {
    dialog: () => ipcRenderer.invoke(PRINT_CHANNELS.dialog),
    savePdf: (suggestedName) => ipcRenderer.invoke(PRINT_CHANNELS.savePdf, suggestedName),
  },
  storeChoice: {
    needed: () => ipcRenderer.invoke(STORE_CHOICE_CHANNELS.needed),
    choose: (choice) => ipcRenderer.invoke(STORE_CHOICE_CHANNELS.choose, choice),
  },
  // One way only, main to renderer, and only the fixed command names.
  onMenuCommand: (callback) => {
    const listener = (_event: unknown, command: unknown) => isMenuCommand(command) && callback(command)
    ipcRenderer.on(MENU_COMMAND_CHANNEL, listener)
    return () => void ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, listener)
  },
} satisfies PreloadBridge

contextBridge.exposeInMainWorld('backstride', bridge)
