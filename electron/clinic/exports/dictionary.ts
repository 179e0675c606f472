import { tableOf, type CsvFile, type CsvTable } from './csv'
import { PATIENT_REGISTER } from './patientCsv'
import { ADVERSE_EVENTS, DOSES, LONG_FORM, SESSIONS, WIDE_FORM } from './statisticsCsv'

interface DictionaryEntry {
  file: string
  column: string
  type: string
  unitRange: string
  description: string
}

export const DATA_DICTIONARY: CsvFile<DictionaryEntry> = {
  fileName: 'backstride-data-dictionary.csv',
  description: 'Data dictionary: one row per file (column empty) and one per column of each file.',
  columns: [
    { name: 'file', type: 'text', unitRange: 'file name', description: 'The file described.', value: (e) => e.file },
    { name: 'column', type: 'text', unitRange: 'column name; empty = the file as a whole', description: 'The column described.', value: (e) => e.column },
    {
      name: 'type',
      type: 'category',
      unitRange: 'file (the row describes the whole file), text, category, date, integer, number, boolean',
      description: 'How to read the values.',
      value: (e) => e.type,
    },
    { name: 'unit_range', type: 'text', unitRange: 'free text', description: 'Unit, range or accepted values.', value: (e) => e.unitRange },
    { name: 'description', type: 'text', unitRange: 'free text', description: 'What the column means.', value: (e) => e.description },
  ],
}

/** Every exported CSV file; the register last, as it is the one that is not pseudonymous. */
const DOCUMENTED: CsvFile<never>[] = [LONG_FORM, WIDE_FORM, SESSIONS, DOSES, ADVERSE_EVENTS, PATIENT_REGISTER] as CsvFile<never>[]

const GENERAL =
  "RFC 4180 CSV in UTF-8 with a byte-order mark and a header row, fields separated by commas with a decimal point in numbers, or (as chosen at export) by semicolons with a decimal comma; dates are ISO 8601 (YYYY-MM-DD); an empty field is a missing value; booleans are true/false. A text value starting with =, +, -, @, a tab or a carriage return is written with a single quote ' in front (e.g. '+49 30 1234567), so that spreadsheets show it as text and run no formula; remove that quote when reading the text. Numbers, including negative ones such as -2.5, are written without it. The .xlsx workbook holds the same tables, one sheet per file, with dates as date cells."

/** The dictionary, derived from the same column declarations that build the files. */
export function dataDictionary(): CsvTable {
  const entries = DOCUMENTED.flatMap((file): DictionaryEntry[] => [
    { file: file.fileName, column: '', type: 'file', unitRange: '', description: `${file.description} ${GENERAL}` },
    ...file.columns.map((c) => ({
      file: file.fileName,
      column: c.name,
      type: c.type,
      unitRange: c.unitRange,
      description: c.description,
    })),
  ])
  return tableOf(DATA_DICTIONARY, entries)
}
