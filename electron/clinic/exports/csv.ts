import { stringify } from 'csv-stringify/sync'
import { neutralisedText } from './formulaText'

/*
 * Every CSV file is declared once as a list of columns: the same declaration
 * builds the rows and the data dictionary, so the two cannot drift apart.
 */

export type CsvValue = string | number | boolean | null

export interface CsvColumn<R> {
  name: string
  type: 'text' | 'category' | 'date' | 'integer' | 'number' | 'boolean'
  /** Unit, range or accepted values, e.g. "0–10" or "YYYY-MM-DD". */
  unitRange: string
  description: string
  value: (record: R) => CsvValue
}

export interface CsvFile<R> {
  fileName: string
  /** What one row is and who may read the file; the dictionary's first line for this file. */
  description: string
  columns: CsvColumn<R>[]
}

export interface CsvTable {
  fileName: string
  columns: string[]
  /** Each column's type, as declared: the workbook writes dates as date cells and numbers as numbers. */
  types: CsvColumn<never>['type'][]
  rows: CsvValue[][]
}

export function tableOf<R>(file: CsvFile<R>, records: readonly R[]): CsvTable {
  return {
    fileName: file.fileName,
    columns: file.columns.map((c) => c.name),
    types: file.columns.map((c) => c.type),
    rows: records.map((record) => file.columns.map((c) => c.value(record))),
  }
}

/**
 * The field separator, and the decimal mark that goes with it: commas with a
 * decimal point for statistics tools and English spreadsheets; semicolons with
 * a decimal comma, as German spreadsheet programs write and read CSV.
 */
export const CSV_SEPARATORS = { comma: { field: ',', decimal: '.' }, semicolon: { field: ';', decimal: ',' } } as const
export type CsvSeparator = keyof typeof CSV_SEPARATORS

/** Missing values are empty fields; booleans are true/false, read as logical by R, pandas and SPSS; text as neutralisedText writes it. */
const cell = (value: CsvValue, decimal: string): string =>
  value === null ? '' : typeof value === 'number' ? String(value).replace('.', decimal) : typeof value === 'string' ? neutralisedText(value) : String(value)

/**
 * RFC 4180 text: a header row, CRLF line ends, fields quoted only when they hold
 * the separator, a quote or a line break. UTF-8 with a byte-order mark, so that
 * spreadsheet programs (Excel, LibreOffice) read umlauts as UTF-8 instead of
 * guessing the system's code page; R (fileEncoding = "UTF-8-BOM"), pandas
 * (encoding = "utf-8-sig") and SPSS skip the mark.
 */
export function toCsvText(table: CsvTable, separator: CsvSeparator = 'comma'): string {
  const { field, decimal } = CSV_SEPARATORS[separator]
  return `\uFEFF${stringify([table.columns, ...table.rows.map((row) => row.map((value) => cell(value, decimal)))], {
    delimiter: field,
    record_delimiter: 'windows',
  })}`
}

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8'
