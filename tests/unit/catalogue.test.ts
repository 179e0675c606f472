import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalogueFile, SOURCES, type CatalogueFile, type CatalogueProgramExercise } from '../../db/catalogue-file'

/** Paths are resolved from this file, so the tests pass whatever the working directory. */
const resources = new URL('../../resources/', import.meta.url)
const catalogueUrl = new URL('catalogue/catalogue.json', resources)
const illustrationUrl = (fileName: string) => new URL(`illustrations/${fileName}`, resources)

function readCatalogue(): unknown {
  return JSON.parse(readFileSync(catalogueUrl, 'utf8'))
}

const catalogue: CatalogueFile = catalogueFile.parse(readCatalogue())

/** Every list of prescribed exercises with a label for failure messages. */
function exerciseLists(c: CatalogueFile): Array<{ label: string; exercises: CatalogueProgramExercise[] }> {
  return [
    { label: 'warm-up', exercises: c.warmUp },
    { label: 'cool-down', exercises: c.coolDown },
    ...c.programs.map((p) => ({ label: p.code, exercises: p.exercises })),
  ]
}

// ---------------------------------------------------------------------------------------------
// A minimal XML well-formedness check (no XML parser is a dependency of the project): single
// root element, balanced and properly nested tags, quoted and unique attributes, escaped '&'.
// ---------------------------------------------------------------------------------------------
interface XmlElement {
  name: string
  attributes: Record<string, string>
  text: string
}

const NAME = /^[A-Za-z_][\w.:-]*/
const ATTRIBUTE = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/

function parseXml(source: string): { root: XmlElement; elements: XmlElement[] } {
  const text = source.replace(/^\uFEFF?<\?xml[^?]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '')
  const stack: XmlElement[] = []
  const elements: XmlElement[] = []
  let root: XmlElement | undefined
  let closedRoot = false
  for (const token of text.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      if (BAD_AMPERSAND.test(token)) throw new Error(`unescaped & in text: ${token.trim()}`)
      if (stack.length === 0) {
        if (token.trim() !== '') throw new Error(`text outside the root element: ${token.trim()}`)
      } else {
        stack[stack.length - 1].text += token
      }
      continue
    }
    if (!token.endsWith('>') || token.includes('<', 1)) throw new Error(`broken tag: ${token}`)
    if (token.startsWith('</')) {
      const name = token.slice(2, -1).trim()
      const open = stack.pop()
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`)
      if (stack.length === 0) closedRoot = true
      continue
    }
    if (token.startsWith('<!') || token.startsWith('<?')) throw new Error(`unexpected markup: ${token}`)
    const selfClosing = token.endsWith('/>')
    let rest = token.slice(1, selfClosing ? -2 : -1)
    const name = NAME.exec(rest)?.[0]
    if (!name) throw new Error(`tag without a name: ${token}`)
    rest = rest.slice(name.length)
    const attributes: Record<string, string> = {}
    for (let m = ATTRIBUTE.exec(rest); m; m = ATTRIBUTE.exec(rest)) {
      if (m[1] in attributes) throw new Error(`duplicate attribute ${m[1]} in <${name}>`)
      const value = m[2] ?? m[3] ?? ''
      if (BAD_AMPERSAND.test(value)) throw new Error(`unescaped & in attribute ${m[1]} of <${name}>`)
      attributes[m[1]] = value
      rest = rest.slice(m[0].length)
    }
    if (rest.trim() !== '') throw new Error(`malformed attributes in ${token}`)
    if (stack.length === 0 && (root || closedRoot)) throw new Error(`second root element <${name}>`)
    const element: XmlElement = { name, attributes, text: '' }
    elements.push(element)
    root ??= element
    if (selfClosing) {
      if (stack.length === 0) closedRoot = true
    } else {
      stack.push(element)
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`)
  if (!root) throw new Error('no root element')
  return { root, elements }
}

describe('program catalogue file', () => {
  it('parses with the catalogueFile schema', () => {
    const result = catalogueFile.safeParse(readCatalogue())
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2)).toBe(true)
  })

  it('has unique exercise codes', () => {
    const codes = catalogue.exercises.map((e) => e.code)
    const duplicates = codes.filter((code, i) => codes.indexOf(code) !== i)
    expect(duplicates).toEqual([])
  })

  it('has the three programs P1, P2 and P3 of 8 weeks each', () => {
    expect(catalogue.programs.map((p) => p.code).sort()).toEqual(['P1', 'P2', 'P3'])
    for (const program of catalogue.programs) expect(program.weeks).toBe(8)
  })

  it('references only existing exercises from the warm-up, the cool-down and every program', () => {
    const codes = new Set(catalogue.exercises.map((e) => e.code))
    const missing = exerciseLists(catalogue).flatMap(({ label, exercises }) =>
      exercises.filter((pe) => !codes.has(pe.exercise)).map((pe) => `${label}: ${pe.exercise}`),
    )
    expect(missing).toEqual([])
  })

  it('lists each exercise at most once per program, warm-up or cool-down', () => {
    for (const { label, exercises } of exerciseLists(catalogue)) {
      const codes = exercises.map((pe) => pe.exercise)
      expect(new Set(codes).size, label).toBe(codes.length)
    }
  })

  it('uses every exercise of the catalogue somewhere', () => {
    const used = new Set(exerciseLists(catalogue).flatMap(({ exercises }) => exercises.map((pe) => pe.exercise)))
    expect(catalogue.exercises.map((e) => e.code).filter((code) => !used.has(code))).toEqual([])
  })

  it('gives each program a main part of its own: no exercise of one program appears in another program', () => {
    // The trial's programs had different emphases (legs, lumbar extensors, stabilisers); only the
    // warm-up and the cool-down are shared.
    for (const program of catalogue.programs) {
      const own = new Set(program.exercises.map((pe) => pe.exercise))
      for (const other of catalogue.programs.filter((p) => p !== program)) {
        const shared = other.exercises.map((pe) => pe.exercise).filter((code) => own.has(code))
        expect(shared, `${program.code} and ${other.code}`).toEqual([])
      }
    }
  })

  it('keeps the warm-up and cool-down exercises out of every main part', () => {
    const shared = new Set([...catalogue.warmUp, ...catalogue.coolDown].map((pe) => pe.exercise))
    for (const program of catalogue.programs) {
      expect(program.exercises.map((pe) => pe.exercise).filter((code) => shared.has(code)), program.code).toEqual([])
    }
  })

  it('gives P1 the leg exercises, P2 the lumbar extensor exercises and P3 balance and band work, as the trial article names them', () => {
    const main = (code: string) => catalogue.programs.find((p) => p.code === code)!.exercises.map((pe) => pe.exercise)
    expect(main('P1')).toEqual(expect.arrayContaining(['leg-press', 'single-leg-squat', 'wall-sit']))
    expect(main('P2')).toEqual(expect.arrayContaining(['back-extension-roman-chair', 'prone-back-extension', 'bird-dog']))
    expect(main('P3')).toEqual(expect.arrayContaining(['single-leg-balance', 'band-hip-abduction', 'pallof-press']))
  })

  it('gives every exercise, every dosage number and every program number its source, read from the file as written', () => {
    // The raw file, not the parsed one: a number without a source must be visible here even if the schema changed.
    type RawDosage = Record<string, unknown> & { source?: unknown }
    const raw = readCatalogue() as {
      exercises: { code: string; source?: unknown }[]
      warmUp: { exercise: string; dosage: RawDosage[] }[]
      coolDown: { exercise: string; dosage: RawDosage[] }[]
      programs: { code: string; sources?: Record<string, unknown>; exercises: { exercise: string; dosage: RawDosage[] }[] }[]
    }
    const known = (value: unknown) => typeof value === 'string' && (SOURCES as readonly string[]).includes(value)
    const missing: string[] = []
    for (const e of raw.exercises) if (!known(e.source)) missing.push(`exercise ${e.code}`)
    const lists = [
      { label: 'warm-up', entries: raw.warmUp },
      { label: 'cool-down', entries: raw.coolDown },
      ...raw.programs.map((p) => ({ label: p.code, entries: p.exercises })),
    ]
    const numberKeys: [string, string][] = [
      ['sets', 'sets'],
      ['repsMin', 'reps'],
      ['holdSeconds', 'holdSeconds'],
      ['durationSeconds', 'durationSeconds'],
    ]
    for (const { label, entries } of lists) {
      for (const entry of entries) {
        for (const d of entry.dosage) {
          for (const [field, key] of numberKeys) {
            if (d[field] === null || d[field] === undefined) continue
            const source = typeof d.source === 'object' && d.source !== null ? (d.source as Record<string, unknown>)[key] : d.source
            if (!known(source)) missing.push(`${label} / ${entry.exercise} weeks ${String(d.fromWeek)}-${String(d.toWeek)}: ${field}`)
          }
        }
      }
    }
    for (const p of raw.programs) {
      for (const field of ['weeks', 'supervisedSessionsPerWeek', 'homeSessionsPerWeek']) {
        if (!known(p.sources?.[field])) missing.push(`${p.code}: ${field}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('refuses a catalogue with a dosage number that has no source', () => {
    const raw = readCatalogue() as { programs: { exercises: { dosage: Record<string, unknown>[] }[] }[] }
    const withoutSource = structuredClone(raw)
    delete withoutSource.programs[0].exercises[0].dosage[0].source
    expect(catalogueFile.safeParse(withoutSource).success).toBe(false)
    const partial = structuredClone(raw)
    partial.programs[0].exercises[0].dosage[0].source = { reps: 'clinic-default' } // sets has none
    expect(catalogueFile.safeParse(partial).success).toBe(false)
  })

  it('plans home sessions on the days without a supervised session, as the trial article reports (2 supervised → 5 at home)', () => {
    for (const program of catalogue.programs) {
      expect(program.supervisedSessionsPerWeek, program.code).toBe(2)
      expect(program.homeSessionsPerWeek, program.code).toBe(5)
    }
  })

  it('covers weeks 1 to 8 exactly once in every dosage table', () => {
    for (const { label, exercises } of exerciseLists(catalogue)) {
      for (const pe of exercises) {
        const timesCovered = Array.from({ length: 8 }, () => 0)
        for (const d of pe.dosage) for (let week = d.fromWeek; week <= d.toWeek; week++) timesCovered[week - 1]++
        expect(timesCovered, `${label} / ${pe.exercise}`).toEqual([1, 1, 1, 1, 1, 1, 1, 1])
      }
    }
  })

  it('describes each set by exactly one of repetitions, hold time or duration', () => {
    for (const { label, exercises } of exerciseLists(catalogue)) {
      for (const pe of exercises) {
        for (const d of pe.dosage) {
          const where = `${label} / ${pe.exercise} weeks ${d.fromWeek}-${d.toWeek}`
          const hasReps = d.repsMin !== null || d.repsMax !== null
          const kinds = [hasReps, d.holdSeconds !== null, d.durationSeconds !== null].filter(Boolean)
          expect(kinds.length, where).toBe(1)
          if (hasReps) {
            expect(d.repsMin, where).not.toBeNull()
            expect(d.repsMax, where).not.toBeNull()
            expect(d.repsMin!, where).toBeLessThanOrEqual(d.repsMax!)
          }
        }
      }
    }
  })

  it('gives exercise and program names that differ between English and German', () => {
    const same = [
      ...catalogue.exercises.filter((e) => e.name.en === e.name.de).map((e) => e.code),
      ...catalogue.programs.filter((p) => p.name.en === p.name.de).map((p) => p.code),
    ]
    expect(same).toEqual([])
  })

  it('translates every description, cue, progression and safety note into German', () => {
    const untranslated = catalogue.exercises.flatMap((e) =>
      [e.description, ...e.cues, e.progression, ...e.safetyNotes]
        .filter((text) => text.en === text.de)
        .map((text) => `${e.code}: ${text.en}`),
    )
    expect(untranslated).toEqual([])
  })
})

const allIllustrations = catalogue.exercises.flatMap((e) => [e.illustration, ...e.stageIllustrations.map((s) => s.illustration)])

describe('exercise illustrations', () => {
  it('are named after the exercise code; an easier variant\'s drawing after the code and its stage', () => {
    for (const e of catalogue.exercises) {
      expect(e.illustration).toBe(`${e.code}.svg`)
      for (const stage of e.stageIllustrations) expect(stage.illustration).toMatch(new RegExp(`^${e.code}-[a-z]+\\.svg$`))
    }
  })

  it('exist for every exercise and every stage', () => {
    expect(allIllustrations.filter((fileName) => !existsSync(illustrationUrl(fileName)))).toEqual([])
  })

  it('give the early-week variant for side plank (knees bent), wall sit and single-leg balance in weeks 1–2', () => {
    for (const code of ['side-plank', 'wall-sit', 'single-leg-balance']) {
      const stages = catalogue.exercises.find((e) => e.code === code)!.stageIllustrations
      expect(stages, code).toEqual([{ fromWeek: 1, toWeek: 2, illustration: `${code}-early.svg` }])
    }
  })

  describe.each(allIllustrations.map((fileName) => [fileName]))('%s', (fileName) => {
    const read = () => readFileSync(illustrationUrl(fileName), 'utf8')

    it('is well-formed XML with an <svg> root and viewBox "0 0 240 120"', () => {
      const { root } = parseXml(read())
      expect(root.name).toBe('svg')
      expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg')
      expect(root.attributes.viewBox).toBe('0 0 240 120')
    })

    it('contains no script, event handler or external reference', () => {
      const source = read()
      const { elements } = parseXml(source)
      expect(elements.map((el) => el.name.toLowerCase())).not.toContain('script')
      expect(elements.map((el) => el.name.toLowerCase())).not.toContain('foreignobject')
      for (const el of elements) {
        for (const [attribute, value] of Object.entries(el.attributes)) {
          expect(attribute.toLowerCase().startsWith('on'), `${el.name} ${attribute}`).toBe(false)
          if (/(^|:)href$/i.test(attribute)) expect(value.startsWith('#'), `${el.name} ${attribute}="${value}"`).toBe(true)
          for (const [, target] of value.matchAll(/url\(\s*['"]?([^'")]*)/gi)) expect(target.startsWith('#')).toBe(true)
        }
      }
      expect(source).not.toMatch(/<script/i)
      expect(source).not.toMatch(/@import|javascript:/i)
    })

    it('has no text other than the panel numbers', () => {
      const texts = parseXml(read())
        .elements.filter((el) => el.name === 'text')
        .map((el) => el.text.trim())
      expect(texts.every((t) => /^[12]$/.test(t)), texts.join(', ')).toBe(true)
    })
  })
})
