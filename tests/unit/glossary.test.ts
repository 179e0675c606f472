import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as report from '../../src/i18n/report/de'
import * as screens from '../../src/i18n/de'
import * as sheet from '../../src/i18n/sheet/de'
import { de as clinic } from '../../electron/clinic/contract/messages/de'

/*
 * The German glossary (docs/glossary-de.md) against every German message: the screens',
 * the reports', the sheet's, and the catalogue's exercise and program texts.
 */

const glossary = readFileSync(new URL('../../docs/glossary-de.md', import.meta.url), 'utf8')

interface Entry {
  term: string
  forbidden: { label: string; test: (text: string) => boolean }[]
}

function entries(markdown: string): Entry[] {
  const rows = markdown.split('\n').filter((line) => /^\|/.test(line) && !/^\|\s*-/.test(line)).slice(1)
  return rows.map((row) => {
    const [, term, forbidden] = row.split('|').slice(1, -1).map((cell) => cell.trim())
    return {
      term,
      forbidden: [...forbidden.matchAll(/`([^`]+)`/g)].map(([, variant]) => {
        const regex = /^\/(.+)\/$/.exec(variant)
        return regex
          ? { label: variant, test: (text: string) => new RegExp(regex[1]).test(text) }
          : { label: variant, test: (text: string) => text.includes(variant) }
      }),
    }
  })
}

/** Every string inside a message table, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return [...Object.keys(value), ...Object.values(value)].flatMap(strings)
  return []
}

function catalogueGerman(): string[] {
  const catalogue: unknown = JSON.parse(readFileSync(new URL('../../resources/catalogue/catalogue.json', import.meta.url), 'utf8'))
  const german: string[] = []
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'de' && typeof inner === 'string') german.push(inner)
        else walk(inner)
      }
    }
  }
  walk(catalogue)
  return german
}

const sources: Record<string, string[]> = {
  'src/i18n/de.ts': strings(screens),
  'src/i18n/report/de.ts': strings(report),
  'src/i18n/sheet/de.ts': strings(sheet),
  'electron/clinic/contract/messages/de.ts': strings(clinic),
  'resources/catalogue/catalogue.json (de)': catalogueGerman(),
}
const table = entries(glossary)

describe('German glossary', () => {
  it('is a table of terms, each with the variants not to use', () => {
    expect(table.length).toBeGreaterThanOrEqual(10)
    for (const entry of table) expect(entry.forbidden.length, entry.term).toBeGreaterThan(0)
  })

  it.each(table.map((entry) => [entry.term, entry] as const))('%s: no German message uses a variant', (_, entry) => {
    const found = Object.entries(sources).flatMap(([file, texts]) =>
      texts.flatMap((text) => entry.forbidden.filter((f) => f.test(text)).map((f) => `${file}: ${f.label} in "${text}"`)),
    )
    expect(found).toEqual([])
  })

  it('finds the terms it prescribes where the product names those things', () => {
    const all = Object.values(sources).flat().join('\n')
    for (const term of ['Praxis-ID', 'Lauffähigkeit', 'Warnzeichen-Screening', 'Patient/in', 'Untersucher/in (verblindet)', 'Ballen', 'stärkster vorstellbarer Schmerz']) {
      expect(all, term).toContain(term)
    }
  })
})
