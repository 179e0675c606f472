import { ref } from 'vue'

/**
 * Print and Save as PDF for a print-ready page (sheet, report). The desktop app
 * has the system print dialog and a save dialog for the PDF (A4, margins); a
 * browser has its own print dialog, where "Save as PDF" is one of the printers.
 */
export function usePrinting() {
  const bridge = window.backstride
  const saved = ref<string | null>(null)
  const busy = ref(false)

  async function print() {
    saved.value = null
    if (!bridge) return window.print()
    busy.value = true
    await bridge.print.dialog()
    busy.value = false
  }

  async function savePdf(fileName: string) {
    saved.value = null
    if (!bridge) return window.print()
    busy.value = true
    const result = await bridge.print.savePdf(fileName)
    busy.value = false
    if (result.saved) saved.value = result.file
  }

  return { inBrowser: !bridge, saved, busy, print, savePdf }
}
