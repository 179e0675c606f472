import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, isExternalLinkAllowed, secureWebPreferences } from '../../electron/security'

describe('desktop window security', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('allows scripts from the app only: no inline or remote scripts, no eval, no plugins', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]))
    expect(directives['script-src']).toBe("script-src 'self'")
    expect(directives['default-src']).toBe("default-src 'self'")
    expect(directives['object-src']).toBe("object-src 'none'")
    expect(directives['connect-src']).toBe("connect-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
  })

  it('opens only https links, and only outside the app', () => {
    expect(isExternalLinkAllowed('https://www.example.org/guideline')).toBe(true)
    expect(isExternalLinkAllowed('http://www.example.org')).toBe(false)
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false)
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false)
  })
})
