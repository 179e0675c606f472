import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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

describe('the window as main.ts creates it', () => {
  const main = readFileSync(join(import.meta.dirname, '../../electron/main.ts'), 'utf8')
  const literal = /webPreferences: \{([^}]*)\}/.exec(main)?.[1] ?? ''

  it('writes webPreferences out literally (so the security scanner sees them), with every secure value', () => {
    const expected = Object.entries(secureWebPreferences('')).filter(([key]) => key !== 'preload')
    expect(literal).not.toBe('')
    for (const [key, value] of expected) expect(literal).toContain(`${key}: ${typeof value === 'string' ? `'${value}'` : String(value)},`)
    const keys = [...literal.matchAll(/^\s*(\w+):/gm)].map((m) => m[1])
    expect(keys.sort()).toEqual(['preload', ...expected.map(([key]) => key)].sort())
  })
})
