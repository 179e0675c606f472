import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { toCsvText } from '@clinic/exports/csv'
import { dataDictionary } from '@clinic/exports/dictionary'
import { patientRegister } from '@clinic/exports/patientCsv'
import { adverseEventsForm, dosesForm, longForm, sessionsForm, wideForm } from '@clinic/exports/statisticsCsv'
import { twoRunners } from './dataset'

const dictionary = () => parse(toCsvText(dataDictionary()), { columns: true, bom: true }) as Record<string, string>[]

describe('data dictionary', () => {
  it('has the columns file, column, type, unit_range and description', () => {
    expect(dataDictionary().columns).toEqual(['file', 'column', 'type', 'unit_range', 'description'])
  })

  it('describes every column of every exported file, and nothing else', () => {
    const entries = dictionary()
    const data = twoRunners()
    for (const table of [longForm(data), wideForm(data), sessionsForm(data), dosesForm(data), adverseEventsForm(data), patientRegister(data)]) {
      const described = entries.filter((e) => e.file === table.fileName && e.column !== '').map((e) => e.column)
      expect(described, table.fileName).toEqual(table.columns)
      expect(entries.filter((e) => e.file === table.fileName && e.column !== '').every((e) => e.description && e.type)).toBe(true)
    }
  })

  it('says that the statistics files are pseudonymous and the patient register is identifying', () => {
    const files = dictionary().filter((e) => e.column === '')
    expect(files.map((f) => f.file)).toEqual([
      'backstride-outcomes-long.csv',
      'backstride-outcomes-wide.csv',
      'backstride-sessions.csv',
      'backstride-exercise-doses.csv',
      'backstride-adverse-events.csv',
      'backstride-patients.csv',
    ])
    for (const f of files.slice(0, 5)) {
      expect(f.description).toMatch(/Pseudonymous: runners appear by clinic ID only, with no names/)
      expect(f.description).toMatch(/Only runners who consented to take part in the program comparison/)
    }
    expect(files[5].description).toMatch(/Identifying/)
    expect(files.every((f) => f.description.includes('UTF-8'))).toBe(true)
  })
})
