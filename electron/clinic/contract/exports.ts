import { z } from 'zod'
import type { patientDetails } from './inputs'
import { zodMessage, type Coded } from './messages'

/*
 * Exports (outcome CSVs, the patient register, a FHIR bundle) and the patient
 * import from a clinic's spreadsheet. Inputs are zod schemas; results are plain
 * objects. Nothing here may import Node modules: the renderer loads this file.
 */

/**
 * What a CSV export holds. long, wide, sessions, doses (the exercise doses
 * prescribed and performed per session) and adverse_events are the pseudonymous
 * statistics files (only runners with consent to the comparison); dictionary
 * describes every column; patients is the identifying patient register in the
 * import format (for moving or backing up).
 */
export const CSV_FORMS = ['long', 'wide', 'sessions', 'doses', 'adverse_events', 'dictionary', 'patients'] as const
export type CsvForm = (typeof CSV_FORMS)[number]

/** Simulated demo patients are left out of every export unless asked for. */
const includeDemo = z.boolean({ error: zodMessage('include_demo_required') }).default(false)

/** The CSV field separator: comma (decimal point), or semicolon with a decimal comma for German spreadsheet programs. */
export const CSV_SEPARATOR_NAMES = ['comma', 'semicolon'] as const
export type CsvSeparatorName = (typeof CSV_SEPARATOR_NAMES)[number]

export const exportCsvInput = z.object({
  form: z.enum(CSV_FORMS, { error: zodMessage('export_form_required') }),
  separator: z.enum(CSV_SEPARATOR_NAMES, { error: zodMessage('export_separator_required') }).default('comma'),
  includeDemo,
})

export const exportFhirInput = z.object({ includeDemo })

/** The statistics tables (long, wide, sessions, doses, dictionary) as one .xlsx workbook. */
export const exportXlsxInput = z.object({ includeDemo })

/**
 * About 8 000 patients. Browser mode takes request bodies up to 1 MB
 * (electron/web.ts), and the file travels inside a JSON request.
 */
export const MAX_IMPORT_CHARACTERS = 800_000

export const importPatientsInput = z.object({
  csv: z
    .string({ error: zodMessage('field_choose', { field: 'csvFile' }) })
    .max(MAX_IMPORT_CHARACTERS, {
      message: zodMessage('import_too_large'),
    }),
})

/** A patient's details as the enrollment form stores them. */
export type PatientDetails = z.output<typeof patientDetails>

/** A file ready to save or to offer as a download. */
export interface ExportFile {
  fileName: string
  /** e.g. "text/csv; charset=utf-8" or "application/fhir+json". */
  mediaType: string
  /** text: the content as is; base64: the bytes of a binary file (an .xlsx workbook). */
  encoding: 'text' | 'base64'
  content: string
  /** Data rows (CSV, without the header; a workbook: of all its sheets) or resources (FHIR bundle entries). */
  records: number
}

/** The columns a patient import reads; clinic_id, phone, email and is_demo may be empty. */
export const IMPORT_COLUMNS = [
  'clinic_id',
  'first_name',
  'last_name',
  'date_of_birth',
  'sex',
  'phone',
  'email',
  'preferred_language',
  'is_demo',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** What is wrong in a row: the same coded message the enrollment form shows for that field. */
export type ImportProblem = Coded & {
  /** The CSV column at fault, or null for the row as a whole. */
  column: ImportColumn | null
  /** The spellings accepted in this column, when the value was not one of them. */
  hint: Coded | null
}

export interface ImportMatch {
  /** What the rows share: the clinic ID, or the name and date of birth. */
  reason: 'clinic_id' | 'name_and_date_of_birth'
  patientId: number | null
  clinicId: string | null
  firstName: string
  lastName: string
  /** Line of this file that the row repeats, when the duplicate is within the file. */
  line: number | null
}

export interface PatientImportRow {
  /** Line in the file where the row starts (line 1 is the header). */
  line: number
  /** The values as written in the file, by column. */
  values: Partial<Record<ImportColumn, string>>
  /** The values as they would be stored; null when the row is invalid. clinicId null: assigned on import. */
  patient: (PatientDetails & { isDemo: boolean }) | null
  status: 'new' | 'duplicate' | 'invalid'
  problems: ImportProblem[]
  /** Why a duplicate is one: the patient with the same clinic ID, or the same name and date of birth. */
  duplicateOf: ImportMatch | null
}

export interface PatientImportPreview {
  /** Columns found in the header that the import does not read. */
  ignoredColumns: string[]
  rows: PatientImportRow[]
  counts: { new: number; duplicates: number; invalid: number }
}

export interface PatientImportResult {
  counts: { created: number; duplicates: number; invalid: number }
  created: { line: number; patientId: number; clinicId: string }[]
  duplicateRows: PatientImportRow[]
  /** Rows not written, each with its problems. */
  invalidRows: PatientImportRow[]
}
