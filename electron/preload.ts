import { contextBridge, ipcRenderer } from 'electron'
import type { PreloadBridge } from '../src/api/client'
import { isChannel } from './clinic/dispatch'

/** Exposes only the clinic API's channels, nothing else of Electron or Node. */
const bridge = {
  invoke: (channel, input) => {
    if (!isChannel(channel)) return Promise.reject(new Error(`Unknown API method ${channel}`))
    return ipcRenderer.invoke(channel, input)
  },
} satisfies PreloadBridge

contextBridge.exposeInMainWorld('backstride', bridge)
