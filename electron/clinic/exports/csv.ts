import { stringify } from 'csv-stringify/sync'

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
  rows: CsvValue[][]
}

export function tableOf<R>(file: CsvFile<R>, records: readonly R[]): CsvTable {
  return {
    fileName: file.fileName,
    columns: file.columns.map((c) => c.name),
    rows: records.map((record) => file.columns.map((c) => c.value(record))),
  }
}

/** Missing values are empty fields; booleans are true/false, read as logical by R, pandas and SPSS. */
const cell = (value: CsvValue): string => (value === null ? '' : String(value))

/**
 * RFC 4180 text: a header row, CRLF line ends, fields quoted only when they hold
 * a comma, a quote or a line break. UTF-8 without a byte-order mark, which
 * statistics tools read as is (a BOM would end up in the first column's name).
 */
export function toCsvText(table: CsvTable): string {
  return stringify([table.columns, ...table.rows.map((row) => row.map(cell))], {
    record_delimiter: 'windows',
  })
}

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8'
