import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { apiMessageTranslator } from '../../src/i18n/apiMessages'
import { apiMessages } from '../../src/i18n/de'

describe('apiMessageTranslator', () => {
  const translate = apiMessageTranslator({
    'Nothing was changed': 'Es wurde nichts geändert',
    'This time point was already assessed on {date}': 'Dieser Zeitpunkt wurde bereits am {date} erhoben',
    'Backstride cannot write to this folder ({code})': 'Backstride kann in diesen Ordner nicht schreiben ({code})',
    'Program {program} does not offer {exercises} as an optional exercise': '{exercises}: keine Wahlübung in {program}',
  })

  it('translates a sentence listed as it is', () => {
    expect(translate('Nothing was changed')).toBe('Es wurde nichts geändert')
  })

  it('translates a sentence with values through its template, keeping the values as they came', () => {
    expect(translate('This time point was already assessed on 2026-03-30')).toBe('Dieser Zeitpunkt wurde bereits am 2026-03-30 erhoben')
    expect(translate('Backstride cannot write to this folder (EACCES)')).toBe('Backstride kann in diesen Ordner nicht schreiben (EACCES)')
    expect(translate('Program P1 does not offer retro-walk, x as an optional exercise')).toBe('retro-walk, x: keine Wahlübung in P1')
  })

  it('leaves a sentence without an entry, or one that only begins like a template, as it came', () => {
    expect(translate('Something new')).toBe('Something new')
    expect(translate('This time point was already assessed on')).toBe('This time point was already assessed on')
    expect(translate('Nothing was changed.')).toBe('Nothing was changed.')
  })
})

/** Every .ts file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )
}

/**
 * The refusals the clinic service can send a therapist (ruleBroken, notFound,
 * conflict, with a plain or template string), as templates: `${…}` becomes {}.
 */
function refusalMessages(): string[] {
  const found = new Set<string>()
  const call = /\b(?:ruleBroken|notFound|conflict)\(\s*(?:'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`|"((?:[^"\\]|\\.)*)")/g
  for (const file of sources(join(__dirname, '..', '..', 'electron', 'clinic'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) {
      const text = (match[1] ?? match[2] ?? match[3]).replace(/\\'/g, "'")
      found.add(text.replace(/\$\{[^}]*\}/g, '{}'))
    }
  }
  return [...found].sort()
}

/**
 * The contract's field messages: those written out (`message: '…'`, `error: '…'`)
 * and those its helpers (electron/clinic/contract/fields.ts) make for each field
 * they are used on: requiredText('the first name', 100) → "Enter the first name",
 * "Keep the first name under 100 characters"; likewise optionalText, id and boundedNumber.
 */
function fieldMessages(): string[] {
  const found = new Set<string>()
  const capital = (what: string) => `${what[0].toUpperCase()}${what.slice(1)}`
  for (const file of sources(join(__dirname, '..', '..', 'electron', 'clinic', 'contract'))) {
    const text = readFileSync(file, 'utf8')
    for (const [, what, max = '200'] of text.matchAll(/\brequiredText\('([^']+)'(?:,\s*(\d+))?\)/g)) {
      found.add(`Enter ${what}`).add(`Keep ${what} under ${max} characters`)
    }
    for (const [, max = '2000'] of text.matchAll(/\boptionalText\((\d+)?\)/g)) found.add(`Keep this under ${max} characters`)
    for (const [, what] of text.matchAll(/\bid\('([^']+)'\)/g)) found.add(`Choose ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`)
    for (const [, literal] of text.matchAll(/\b(?:message|error):\s*'((?:[^'\\]|\\.)*)'/g)) found.add(literal.replace(/\\(.)/g, '$1'))
    for (const [, what, min, max] of text.matchAll(/\bboundedNumber\('([^']+)',\s*(\d+),\s*(\d+)\)/g)) {
      found.add(`Enter ${what}`).add(`${capital(what)} must be between ${min} and ${max}`)
    }
  }
  return [...found].sort()
}

describe('the German table of API messages', () => {
  const keys = new Set(Object.keys(apiMessages).map((english) => english.replace(/\{\w+\}/g, '{}')))

  it('has every refusal the clinic service can send, as it is or as a template', () => {
    const messages = refusalMessages()
    expect(messages.length).toBeGreaterThan(40)
    expect(messages.filter((message) => !keys.has(message))).toEqual([])
  })

  it("has every field message of the contract, its helpers' for each field they are used on", () => {
    const messages = fieldMessages()
    expect(messages.length).toBeGreaterThan(25)
    expect(messages.filter((message) => !(message in apiMessages))).toEqual([])
  })

  it('keeps the same placeholders on both sides of every template', () => {
    for (const [english, german] of Object.entries(apiMessages)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(names(german), english).toEqual(names(english))
    }
  })
})
