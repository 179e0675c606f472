import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import {
  CATALOGUES,
  FIELD_NAMES,
  MESSAGE_CODES,
  placeholderValues,
  translate,
  type Coded,
  type MessageCode,
  type MessageLanguage,
} from '../../electron/clinic/contract/messages'

/*
 * The clinic's coded messages (electron/clinic/contract/messages): every code
 * declared once has a message in each language with exactly its parameters,
 * every code is sent from somewhere, and the renderer translates from codes
 * only. How these were checked to fail: removing de.messages.stats_exact_fit
 * fails the first test (and the compiler), adding an unused code to
 * MESSAGE_CODES (with its two messages) fails "is sent from somewhere".
 */

const root = join(__dirname, '..', '..')
const CODES = Object.keys(MESSAGE_CODES) as MessageCode[]
const LANGUAGES = Object.keys(CATALOGUES) as MessageLanguage[]

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()

/** Source files below a folder (.ts and .vue). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path)
    return /\.(ts|vue)$/.test(entry.name) ? [path] : []
  })
}

/** Values of the right kind for a code's parameters, each recognisable in the output. */
function sampleParams(code: MessageCode): Record<string, string | number> {
  const kinds: Record<string, string> = MESSAGE_CODES[code]
  return Object.fromEntries(
    Object.entries(kinds).map(([name, kind], i) => [name, kind === 'number' ? 40 + i : kind === 'field' ? FIELD_NAMES[i] : `«${name}»`]),
  )
}

describe('the message catalogues', () => {
  it('have a message in every language for every declared code, with exactly its declared parameters', () => {
    const problems: string[] = []
    for (const language of LANGUAGES) {
      const messages: Record<string, string | undefined> = CATALOGUES[language].messages
      for (const code of CODES) {
        const text = messages[code]
        const declared = Object.keys(MESSAGE_CODES[code]).sort()
        if (typeof text !== 'string' || text.trim() === '') problems.push(`${language}: no message for ${code}`)
        else if (placeholders(text).join() !== declared.join()) problems.push(`${language}: ${code} uses {${placeholders(text)}}, declared {${declared}}`)
      }
      const extra = Object.keys(messages).filter((code) => !Object.hasOwn(MESSAGE_CODES, code))
      if (extra.length) problems.push(`${language}: messages for undeclared codes ${extra.join(', ')}`)
    }
    expect(problems).toEqual([])
    expect(CODES.length).toBeGreaterThan(100)
  })

  it('name every field in every language', () => {
    for (const language of LANGUAGES) {
      const fields: Record<string, string | undefined> = CATALOGUES[language].fields
      expect(FIELD_NAMES.filter((field) => !fields[field]?.trim()), language).toEqual([])
      expect(Object.keys(fields).sort(), language).toEqual([...FIELD_NAMES].sort())
    }
  })

  it('read the same through vue-i18n (the renderer) as through translate (the main process and the command line)', () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'en',
      messages: { en: { clinic: CATALOGUES.en }, de: { clinic: CATALOGUES.de } },
      missingWarn: false,
      fallbackWarn: false,
    })
    const { t } = i18n.global
    for (const language of LANGUAGES) {
      for (const code of CODES) {
        const message = { code, params: sampleParams(code) } as Pick<Coded, 'code' | 'params'>
        const expected = translate(CATALOGUES[language], message)
        // The sample values end up in the sentence: none is left as a placeholder.
        expect(expected, `${language} ${code}`).not.toMatch(/\{\w+\}/)
        const fieldName = (field: string) => t(`clinic.fields.${field}`, {}, { locale: language })
        expect(t(`clinic.messages.${code}`, placeholderValues(message, fieldName), { locale: language }), `${language} ${code}`).toBe(expected)
      }
    }
  })

  it('show a field parameter as the field name in the reader language', () => {
    const message = { code: 'field_too_long', params: { field: 'firstName', max: 100 } } as const
    expect(translate(CATALOGUES.en, message)).toBe('Keep the first name under 100 characters')
    expect(translate(CATALOGUES.de, message)).toBe('Bitte den Vornamen mit höchstens 100 Zeichen eingeben')
  })
})

describe('every message code', () => {
  const catalogueFolder = join(root, 'electron', 'clinic', 'contract', 'messages')
  const text = ['electron', 'db', 'src']
    .flatMap((dir) => sources(join(root, dir)))
    // The declaration and the two catalogues name every code; the use must be elsewhere.
    .filter((file) => !['codes.ts', 'en.ts', 'de.ts'].some((name) => file === join(catalogueFolder, name)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n')

  it('is sent from somewhere in electron/, db/ or src/ (no code declared but unused)', () => {
    expect(CODES.filter((code) => !new RegExp(`['"\`]${code}['"\`]`).test(text))).toEqual([])
  })

  it('names only fields that some check names (no field declared but unused)', () => {
    const used = (field: string) =>
      new RegExp(`(?:requiredText|boundedNumber|wholeNumber|\\bid)\\('${field}'|field: '${field}'`).test(text)
    expect(FIELD_NAMES.filter((field) => !used(field))).toEqual([])
  })
})

describe('the renderer', () => {
  const src = join(root, 'src')
  const files = sources(src).map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }))

  it('has no table or parser that turns English sentences back into its language', () => {
    for (const gone of ['src/i18n/apiMessages.ts', 'src/components/comparison/testReasons.ts', 'src/components/data/useImportMessage.ts']) {
      expect(existsSync(join(root, gone)), gone).toBe(false)
    }
    const names = /\b(apiMessageTranslator|translateApiMessage|apiMessages|useTestReason|useImportMessage)\b/
    expect(files.filter(({ text }) => names.test(text)).map(({ file }) => file)).toEqual([])
  })

  it('never reads the English message of an API error, a field error or a reason', () => {
    // The renderer shows coded messages through useFormat().message(value), from value.code and value.params.
    expect(files.filter(({ text }) => /\.message\b/.test(text)).map(({ file }) => file)).toEqual([])
  })

  it('keys no text by a sentence (the shape of the old English-to-German tables)', () => {
    // A quoted key of four or more words followed by a colon: 'Enter the first name': 'Bitte den Vornamen eingeben'.
    const sentenceKey = /^[ \t]*(['"`])(?:[^\s'"`]+[ \t]+){3,}[^'"`\n]*\1[ \t]*:/m
    expect(files.filter(({ text }) => sentenceKey.test(text)).map(({ file }) => file)).toEqual([])
  })
})
