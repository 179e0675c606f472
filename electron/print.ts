import { BrowserWindow, dialog, ipcMain, type WebContents } from 'electron'
import { writeFile } from 'node:fs/promises'
import { PRINT_CHANNELS } from './printChannels'

/**
 * Printing for the desktop app: the system print dialog, and "Save as PDF"
 * through Chromium's print to PDF, A4 with margins. The page itself decides what
 * is printed through its print CSS, exactly as in browser mode.
 */

/** A4, 12 mm margins (in inches, as printToPDF takes them). */
export const PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  margins: { top: 0.47, bottom: 0.47, left: 0.47, right: 0.47 },
} as const

export function registerPrinting() {
  ipcMain.handle(PRINT_CHANNELS.dialog, (event) => printWithDialog(event.sender))
  ipcMain.handle(PRINT_CHANNELS.savePdf, (event, suggestedName: unknown) =>
    savePdf(event.sender, typeof suggestedName === 'string' ? suggestedName : 'backstride.pdf'),
  )
}

function printWithDialog(contents: WebContents): Promise<boolean> {
  return new Promise((resolve) => contents.print({ silent: false, printBackground: true }, (success) => resolve(success)))
}

async function savePdf(contents: WebContents, suggestedName: string): Promise<{ saved: boolean; file: string | null }> {
  const window = BrowserWindow.fromWebContents(contents)
  const options = { defaultPath: suggestedName.replace(/[^\w.\- ]+/g, '_'), filters: [{ name: 'PDF', extensions: ['pdf'] }] }
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return { saved: false, file: null }
  await writeFile(choice.filePath, await contents.printToPDF(PDF_OPTIONS))
  return { saved: true, file: choice.filePath }
}
