import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every file of the renderer. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

describe('the renderer shows text as text', () => {
  it('never renders a string as HTML (no v-html, innerHTML or insertAdjacentHTML)', () => {
    const src = new URL('../../src', import.meta.url).pathname
    const offenders = files(src).filter((file) => /v-html|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(readFileSync(file, 'utf8')))
    expect(offenders).toEqual([])
  })
})
