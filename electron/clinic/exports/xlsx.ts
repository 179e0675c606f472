import ExcelJS from 'exceljs'
import type { CsvTable, CsvValue } from './csv'

/*
 * The statistics tables as one .xlsx workbook, a sheet per CSV file, for
 * spreadsheet programs: no separator or encoding to choose, dates as date
 * cells (shown YYYY-MM-DD), numbers as numbers, true/false as logical values,
 * a missing value as an empty cell. Written with ExcelJS.
 */

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The sheet's name: the file's name without "backstride-" and ".csv" (sheet names hold at most 31 characters). */
export const sheetNameOf = (fileName: string) => fileName.replace(/^backstride-/, '').replace(/\.csv$/, '').slice(0, 31)

/** A local calendar date as the date cell of that day (Excel's serial dates have no time zone: UTC midnight). */
const dateCell = (value: string) => new Date(`${value}T00:00:00Z`)

function cellOf(value: CsvValue, type: CsvTable['types'][number]): ExcelJS.CellValue {
  if (value === null) return null
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dateCell(value)
  return value
}

export async function xlsxWorkbook(tables: readonly CsvTable[], created: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Backstride'
  workbook.created = created
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetNameOf(table.fileName), { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = table.columns.map((name, i) => ({
      header: name,
      key: name,
      width: Math.min(60, Math.max(10, name.length + 2)),
      style: table.types[i] === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
    }))
    sheet.getRow(1).font = { bold: true }
    for (const row of table.rows) sheet.addRow(row.map((value, i) => cellOf(value, table.types[i])))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
