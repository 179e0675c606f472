import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, isExternalLinkAllowed } from '../../electron/security'

/*
 * The desktop window's security as the app runs it. Electron cannot start on the
 * test machines, so the window is read from electron/main.ts itself (parsed with
 * TypeScript, as the compiler reads it) and held against Electron's security
 * checklist written out here: context isolation, sandbox, no Node in the renderer,
 * web security on, no webviews, no navigation away and no new windows.
 */

const mainFile = join(import.meta.dirname, '../../electron/main.ts')
const main = ts.createSourceFile(mainFile, readFileSync(mainFile, 'utf8'), ts.ScriptTarget.Latest, true)

function nodesOf<T extends ts.Node>(root: ts.Node, is: (node: ts.Node) => node is T): T[] {
  const found: T[] = []
  const visit = (node: ts.Node) => {
    if (is(node)) found.push(node)
    ts.forEachChild(node, visit)
  }
  visit(root)
  return found
}

/** A property's value as written: true, false, a string, or the source text of anything else. */
function literal(expression: ts.Expression): boolean | string {
  if (expression.kind === ts.SyntaxKind.TrueKeyword) return true
  if (expression.kind === ts.SyntaxKind.FalseKeyword) return false
  if (ts.isStringLiteral(expression)) return expression.text
  return `<${expression.getText()}>`
}

function propertiesOf(object: ts.ObjectLiteralExpression): Record<string, boolean | string> {
  return Object.fromEntries(
    object.properties.map((property) => {
      if (!ts.isPropertyAssignment(property)) return [property.getText(), '<not a plain property>']
      return [property.name.getText(), literal(property.initializer)]
    }),
  )
}

/** The webPreferences of every `new BrowserWindow({...})` in main.ts. */
const windows = nodesOf(main, ts.isNewExpression)
  .filter((node) => node.expression.getText() === 'BrowserWindow')
  .map((node) => {
    const options = node.arguments?.[0]
    if (!options || !ts.isObjectLiteralExpression(options)) return { written: false as const }
    const preferences = options.properties.find((p) => p.name?.getText() === 'webPreferences')
    if (!preferences || !ts.isPropertyAssignment(preferences) || !ts.isObjectLiteralExpression(preferences.initializer)) {
      return { written: false as const }
    }
    return { written: true as const, preferences: propertiesOf(preferences.initializer) }
  })

/** Handlers registered with `….on(event, handler)` in main.ts, by event name. */
const handlers = (event: string) =>
  nodesOf(main, ts.isCallExpression).filter(
    (call) => call.expression.getText().endsWith('.on') && ts.isStringLiteral(call.arguments[0]) && call.arguments[0].text === event,
  )

describe('the desktop window as electron/main.ts creates it', () => {
  it('creates its window with webPreferences written out (so the security scanner sees the real values)', () => {
    expect(windows.length).toBeGreaterThan(0)
    for (const window of windows) expect(window.written).toBe(true)
  })

  it('isolates the renderer: context isolation, sandbox, no Node, web security on, no webviews', () => {
    for (const window of windows) {
      expect(window.written && window.preferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
      })
    }
  })

  it('sets nothing else that could loosen it (no enabled Blink features, no extra preload scripts)', () => {
    const checklist = [
      'contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webSecurity',
      'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'navigateOnDragDrop',
    ]
    const harmless = ['preload', 'spellcheck', 'disableBlinkFeatures']
    for (const window of windows) {
      const keys = Object.keys(window.written ? window.preferences : {})
      expect(keys.filter((key) => !checklist.includes(key) && !harmless.includes(key))).toEqual([])
    }
  })

  it('refuses navigation away from the app and webviews, and opens no new windows', () => {
    for (const event of ['will-navigate', 'will-attach-webview']) {
      const registered = handlers(event)
      expect(registered, `a handler for ${event}`).toHaveLength(1)
      expect(registered[0].arguments[1].getText()).toMatch(/^\(event\) => event\.preventDefault\(\)$/)
    }
    const openHandlers = nodesOf(main, ts.isCallExpression).filter((call) => call.expression.getText().endsWith('.setWindowOpenHandler'))
    expect(openHandlers).toHaveLength(1)
    const returned = nodesOf(openHandlers[0].arguments[0], ts.isReturnStatement).map((r) => r.expression?.getText())
    expect(returned).toEqual(["{ action: 'deny' }"])
  })

  it('puts the Content-Security-Policy on every response and refuses every permission request', () => {
    const onHeaders = nodesOf(main, ts.isCallExpression).filter((call) => call.expression.getText() === 'session.defaultSession.webRequest.onHeadersReceived')
    expect(onHeaders).toHaveLength(1)
    expect(onHeaders[0].getText()).toContain("'Content-Security-Policy': [CONTENT_SECURITY_POLICY]")
    const permissions = nodesOf(main, ts.isCallExpression).filter((call) => call.expression.getText() === 'session.defaultSession.setPermissionRequestHandler')
    expect(permissions.map((call) => call.arguments[0].getText())).toEqual(['(_contents, _permission, callback) => callback(false)'])
  })
})

describe('the Content-Security-Policy both transports send', () => {
  it('allows scripts from the app only: no inline or remote scripts, no eval, no plugins', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]))
    expect(directives['script-src']).toBe("script-src 'self'")
    expect(directives['default-src']).toBe("default-src 'self'")
    expect(directives['object-src']).toBe("object-src 'none'")
    expect(directives['connect-src']).toBe("connect-src 'self'")
    expect(directives['frame-ancestors']).toBe("frame-ancestors 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
  })
})

describe('links out of the app', () => {
  it('opens only https links, and only outside the app', () => {
    expect(isExternalLinkAllowed('https://www.example.org/guideline')).toBe(true)
    expect(isExternalLinkAllowed('http://www.example.org')).toBe(false)
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false)
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false)
    expect(isExternalLinkAllowed('not a url')).toBe(false)
  })
})
