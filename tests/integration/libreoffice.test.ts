import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportFile, PatientRecord } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * The exported files as a spreadsheet program reads them: LibreOffice Calc
 * (Debian package libreoffice-calc, installed by .ci/run) opens each CSV, in the
 * locale its separator is meant for (semicolons: German, decimal comma;
 * commas: English, decimal point), and the .xlsx workbook, and writes every
 * table back as plain comma CSV in English notation. Those values must be the
 * ones the app exported, umlauts, line breaks and decimals included.
 */

const CSV_FORMS = ['long', 'wide', 'sessions', 'doses', 'dictionary', 'patients'] as const
const WORKBOOK_SHEETS = ['outcomes-long', 'outcomes-wide', 'sessions', 'exercise-doses', 'data-dictionary'] as const

let clinic: TempClinic
let dir: string

/** LibreOffice headless (soffice on PATH, as tests/preflight.mjs checks), with a profile of this test's own (parallel runs must not share one). */
function soffice(args: string[]) {
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  })
}

/** The CSV filter's options: separator, quote, UTF-8 (76), from line 1, …, the locale numbers are read or written in. */
const filter = (separator: ',' | ';', locale: 1031 | 1033) => `${separator.charCodeAt(0)},34,76,1,,${locale}`
const ENGLISH_OUT = `csv:Text - txt - csv (StarCalc):${filter(',', 1033)}`

const rowsOf = (text: string) => parse(text, { bom: true, relax_column_count: false }) as string[][]
/** Calc reads true/false as logical values and writes them back as TRUE/FALSE: the same value. */
const logical = (rows: string[][]) => rows.map((row) => row.map((v) => (v === 'TRUE' || v === 'FALSE' ? v.toLowerCase() : v)))

/** Anna with sessions, exercise doses and a decimal runability; Jörg Müller with an umlaut-laden missed reason. */
async function runners() {
  const anna = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
  const jorg = await clinic.value<{ patientId: number; enrollmentId: number }>(
    'patients/enroll',
    enrollment({ patient: { firstName: 'Jörg', lastName: 'Müller-Lüdenscheidt', dateOfBirth: '1975-11-30', sex: 'male', preferredLanguage: 'de' } }),
  )
  await clinic.value('sessions/record', {
    enrollmentId: anna.enrollmentId,
    sessionDate: '2026-03-03',
    attended: true,
    painBefore: 6,
    painAfter: 5,
    exercises: [
      { exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 42.5 },
      { exerciseCode: 'wall-sit', doneSets: 2, doneHoldSeconds: 15 },
    ],
  })
  await clinic.value('sessions/record', {
    enrollmentId: jorg.enrollmentId,
    sessionDate: '2026-03-04',
    attended: false,
    missedReason: 'Knöchel verstaucht; Arzt sagt: „schonen“, Größe ß\nzweite Zeile',
  })
  const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
  await clinic.value('sessions/record', {
    enrollmentId: anna.enrollmentId,
    sessionDate: '2026-03-30',
    attended: true,
    painBefore: 3,
    assessment: { timePoint: 'week_4', runningPain: 3, ratings: record.activities.map((a, i) => ({ activityId: a.activityId, rating: i === 0 ? 5 : 6 })) },
  })
}

const exported: Record<string, ExportFile> = {}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backstride-lo-'))
  clinic = await tempClinic(() => new Date('2026-03-30T10:00:00'))
  await runners()
  for (const separator of ['comma', 'semicolon'] as const) {
    const folder = join(dir, separator)
    mkdirSync(folder)
    for (const form of CSV_FORMS) {
      const file = await clinic.value<ExportFile>('exports/csv', { form, separator })
      exported[`${separator}/${form}`] = file
      writeFileSync(join(folder, file.fileName), file.content, 'utf8')
    }
  }
  const workbook = await clinic.value<ExportFile>('exports/xlsx', {})
  exported.xlsx = workbook
  writeFileSync(join(dir, workbook.fileName), Buffer.from(workbook.content, 'base64'))
}, 60_000)

afterAll(() => {
  clinic?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The comma file as csv-parse reads it: what every reading must give back. */
const expectedRows = (form: (typeof CSV_FORMS)[number]) => rowsOf(exported[`comma/${form}`].content)

describe('LibreOffice Calc reads the exports back to the same values', () => {
  it('has data worth the round trip: umlauts, a line break, decimals, dates', () => {
    const all = CSV_FORMS.map((form) => exported[`comma/${form}`].content).join('\n')
    expect(all).toContain('Müller-Lüdenscheidt')
    expect(all).toContain('„schonen“, Größe ß\nzweite Zeile')
    expect(all).toContain(',42.5,')
    expect(exported['comma/long'].content).toMatch(/,5\.\d+,,false,,false,false\r\n/) // runability at week 4 (a mean of 5 and 6s), no sit-to-stand
    expect(exported['semicolon/doses'].content).toContain(';42,5;')
  })

  it.each([
    ['comma', ',', 1033],
    ['semicolon', ';', 1031],
  ] as const)('CSV separated by %s, opened in the matching locale', (separator, character, locale) => {
    const folder = join(dir, separator)
    const out = join(dir, `${separator}-out`)
    const files = CSV_FORMS.map((form) => join(folder, exported[`${separator}/${form}`].fileName))
    soffice([`--infilter=CSV:${filter(character, locale)}`, '--convert-to', ENGLISH_OUT, '--outdir', out, ...files])
    for (const form of CSV_FORMS) {
      const read = logical(rowsOf(readFileSync(join(out, exported[`${separator}/${form}`].fileName), 'utf8')))
      expect(read, `${separator}/${form}`).toEqual(expectedRows(form))
    }
  }, 120_000)

  it('the .xlsx workbook: a sheet per table', () => {
    const out = join(dir, 'xlsx-out')
    // Sheet -1: every sheet into a file of its own, named after the sheet.
    soffice(['--convert-to', `${ENGLISH_OUT},,,,,,-1`, '--outdir', out, join(dir, exported.xlsx.fileName)])
    const sheets = readdirSync(out).sort()
    expect(sheets).toEqual(WORKBOOK_SHEETS.map((sheet) => `backstride-statistics-${sheet}.csv`).sort())
    const forms = ['long', 'wide', 'sessions', 'doses', 'dictionary'] as const
    WORKBOOK_SHEETS.forEach((sheet, i) => {
      const read = logical(rowsOf(readFileSync(join(out, `backstride-statistics-${sheet}.csv`), 'utf8')))
      expect(read, sheet).toEqual(expectedRows(forms[i]))
    })
    expect(exported.xlsx.records).toBe(forms.reduce((sum, form) => sum + expectedRows(form).length - 1, 0))
  }, 120_000)
})
