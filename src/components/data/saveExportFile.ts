import type { ExportFile } from '@clinic/contract'

/**
 * Offers an exported file as a download. A Blob URL with <a download> works in
 * browser mode and in the desktop app alike (Electron saves it to Downloads or
 * asks where); the URL is revoked once the download has started.
 */
export function saveExportFile(file: ExportFile) {
  const body = file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content
  const url = URL.createObjectURL(new Blob([body], { type: file.mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download in some browsers: give it a moment to start.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
