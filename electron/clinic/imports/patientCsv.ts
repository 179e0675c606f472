import { CsvError, parse } from 'csv-parse/sync'
import { IMPORT_COLUMNS, type ImportColumn } from '../contract/exports'
import { ruleBroken } from '../errors'
import { coded } from '../contract/messages'

/*
 * Reading a clinic's patient spreadsheet saved as CSV. Spreadsheets differ in
 * what they write, so the reader is lenient where it can be without guessing:
 * comma, semicolon (German Excel) or tab as separator, a byte-order mark,
 * column names in any case with spaces or dashes, rows of empty cells.
 */

/** Columns a row cannot do without; clinic_id (assigned when empty), phone, email and is_demo may be left out. */
export const REQUIRED_COLUMNS: ImportColumn[] = ['first_name', 'last_name', 'date_of_birth', 'sex', 'preferred_language']

export interface CsvRecord {
  /** Line in the file where the record starts (the header is line 1). */
  line: number
  values: Partial<Record<ImportColumn, string>>
  /** Set when the record has more or fewer fields than the header. */
  fieldCount: { found: number; expected: number } | null
}

export interface PatientCsv {
  ignoredColumns: string[]
  records: CsvRecord[]
}

/** "E-Mail" is how most spreadsheets, German and English, head that column. */
const ALIASES: Record<string, string> = { e_mail: 'email' }

const columnName = (header: string) => {
  const name = header.trim().toLowerCase().replace(/[\s-]+/g, '_')
  return ALIASES[name] ?? name
}

/** The separator that occurs most often in the header line (a header has no quoted separators in practice). */
function separatorOf(text: string): string {
  const header = text.split(/\r\n|\n|\r/, 1)[0]
  const counts = [',', ';', '\t'].map((s) => ({ s, n: header.split(s).length - 1 }))
  return counts.sort((a, b) => b.n - a.n)[0].s
}

const lineBreaks = (value: string) => (value.match(/\r\n|\n|\r/g) ?? []).length

export function readPatientCsv(text: string): PatientCsv {
  if (text.trim() === '') throw ruleBroken(coded('csv_empty'), 'csv')
  let parsed: { record: string[]; info: { lines: number } }[]
  try {
    // With info: true each record comes with where it ended (csv-parse's types do not show it).
    parsed = parse(text, {
      delimiter: separatorOf(text.replace(/^\uFEFF/, '')),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof parsed
  } catch (error) {
    if (error instanceof CsvError) throw ruleBroken(coded('csv_unreadable', { detail: error.message }), 'csv')
    throw error
  }
  const [header, ...rows] = parsed
  const names = header.record.map(columnName)
  const repeated = names.filter((name, i) => name !== '' && names.indexOf(name) !== i)
  if (repeated.length) throw ruleBroken(coded('csv_column_repeated', { column: repeated[0] }), 'csv')
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c))
  if (missing.length) {
    throw ruleBroken(
      coded('csv_columns_missing', { missing: missing.join(', '), expected: IMPORT_COLUMNS.join(', ') }),
      'csv',
    )
  }
  const known = (name: string): name is ImportColumn => (IMPORT_COLUMNS as readonly string[]).includes(name)
  const records = rows
    // Spreadsheets save rows of empty cells (";;;;") below the data: they are not patients.
    .filter(({ record }) => record.some((field) => field.trim() !== ''))
    .map(({ record, info }): CsvRecord => {
      const values: CsvRecord['values'] = {}
      names.forEach((name, i) => {
        if (known(name)) values[name] = record[i] ?? ''
      })
      return {
        line: info.lines - record.reduce((n, field) => n + lineBreaks(field), 0),
        values,
        fieldCount: record.length === names.length ? null : { found: record.length, expected: names.length },
      }
    })
  return { ignoredColumns: names.filter((name) => name !== '' && !known(name)), records }
}
