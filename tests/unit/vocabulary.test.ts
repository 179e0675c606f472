import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as vocabulary from '../../electron/clinic/domain/vocabulary'

const root = new URL('../..', import.meta.url).pathname
const home = join(root, 'electron/clinic/domain/vocabulary.ts')

/** Every word list the vocabulary module exports (the arrays of strings). */
const lists: [name: string, words: readonly string[]][] = Object.entries(vocabulary).flatMap(([name, value]: [string, unknown]) =>
  Array.isArray(value) && value.every((w) => typeof w === 'string') ? [[name, value as string[]] as [string, string[]]] : [],
)

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|vue|mts)$/.test(name) ? [path] : []
  })
}

/**
 * Texts for people, where a sentence may name the words ("programs P1, P2 and P3"):
 * the translations, and the import's list of the spellings it accepts (more than
 * the vocabulary: "f, m, d; female, male, diverse; ..."). Checked for arrays and unions only.
 */
const PROSE = [
  'src/i18n/en.ts',
  'src/i18n/de.ts',
  'electron/clinic/contract/messages/en.ts',
  'electron/clinic/contract/messages/de.ts',
  'electron/clinic/imports/patientRows.ts',
]

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Where a text spells out two words of one list side by side: in an array
 * (`'P1', 'P2'`), a union type (`'P1' | 'P2'`) or a string that starts by
 * listing them (`'baseline, week_4, ...'`). Each hit is a copy of a list that should be imported.
 */
function copies(text: string, { prose = false } = {}): string[] {
  const found: string[] = []
  for (const [name, words] of lists) {
    for (const first of words) {
      for (const second of words) {
        if (first === second) continue
        const [a, b] = [escape(first), escape(second)]
        const quoted = new RegExp(`['"\`]${a}['"\`]\\s*[,|]\\s*['"\`]${b}['"\`]`)
        const listed = new RegExp(`['"\`]${a}, ${b}\\b`)
        if (quoted.test(text) || (!prose && listed.test(text))) found.push(`${name}: ${first}, ${second}`)
      }
    }
  }
  return found
}

describe('one domain vocabulary', () => {
  it('finds the lists it guards, and finds them where they are declared', () => {
    // The check below is only as good as this: every list of the module is seen, and the scan spots each declaration.
    expect(lists.map(([name]) => name)).toEqual(expect.arrayContaining(['PROGRAM_CODES', 'TIME_POINTS', 'USER_ROLES', 'SESSION_KINDS', 'ANALYSIS_SETS', 'SEXES', 'LANGUAGES']))
    const declared = readFileSync(home, 'utf8')
    for (const [name, words] of lists) {
      if (words.length > 1 && new RegExp(`export const ${name} = \\[`).test(declared)) expect(copies(declared).some((c) => c.startsWith(`${name}:`)), name).toBe(true)
    }
  })

  it('is declared once: no source re-declares a list of its words', () => {
    const files = ['electron', 'db', 'src'].flatMap((dir) => sources(join(root, dir))).filter((file) => file !== home)
    expect(files.length).toBeGreaterThan(100)
    const offenders = files.flatMap((file) =>
      copies(readFileSync(file, 'utf8'), { prose: PROSE.includes(relative(root, file)) }).map((copy) => `${relative(root, file)} (${copy})`),
    )
    expect(offenders).toEqual([])
  })
})
