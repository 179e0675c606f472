/**
 * The Content-Security-Policy of both transports and the rule for links out of
 * the app, kept apart from Electron imports so tests can check them. The window's
 * webPreferences are written out in main.ts (tests/unit/security.test.ts holds
 * them against Electron's security checklist).
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

/** Only https links leave the app, and only to the system browser; nothing opens inside it. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
