/**
 * The desktop window's security settings and the Content-Security-Policy of
 * both transports, kept apart from Electron imports so tests can check them
 * (Electron's security checklist: context isolation, sandbox, no Node in the
 * renderer, a preload exposing only the contract, a strict CSP, no remote content).
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Vue's scoped styles and Chart.js set inline style attributes; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

export const secureWebPreferences = (preload: string) =>
  ({
    preload,
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
    // A middle click would ask for a new window (refused anyway by setWindowOpenHandler): switch it off at the source.
    disableBlinkFeatures: 'Auxclick',
  }) as const

/** Only https links leave the app, and only to the system browser; nothing opens inside it. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
