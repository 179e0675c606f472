import type { ImportColumn, ImportMatch, ImportProblem, PatientImportPreview, PatientImportRow } from '../contract/exports'
import { patientDetails } from '../contract/inputs'
import { coded, codedFromZod, type Coded, type MessageCode } from '../contract/messages'
import type { CsvRecord, PatientCsv } from './patientCsv'
import { unneutralisedText } from '../exports/formulaText'
import type { Language, Sex } from '../domain/vocabulary'

/*
 * Each row is checked with the enrollment form's own schema, so a row's
 * problems read exactly like the form's field messages. Before that, the
 * spellings spreadsheets commonly use are turned into the stored values.
 */

const SEX_SPELLINGS: Record<string, Sex> = {
  f: 'female',
  female: 'female',
  w: 'female',
  weiblich: 'female',
  m: 'male',
  male: 'male',
  männlich: 'male',
  maennlich: 'male',
  d: 'diverse',
  diverse: 'diverse',
  divers: 'diverse',
  other: 'diverse',
}

const LANGUAGE_SPELLINGS: Record<string, Language> = {
  en: 'en',
  english: 'en',
  englisch: 'en',
  de: 'de',
  german: 'de',
  deutsch: 'de',
}

const YES_NO: Record<string, boolean> = { '': false, false: false, no: false, nein: false, '0': false, true: true, yes: true, ja: true, '1': true }

/** The spellings each of these columns accepts, as a message code. */
export const ACCEPTED = {
  sex: 'csv_spellings_sex',
  preferred_language: 'csv_spellings_language',
  date_of_birth: 'csv_spellings_date',
  is_demo: 'csv_spellings_yes_no',
} as const satisfies Partial<Record<ImportColumn, MessageCode>>

/** DD.MM.YYYY (also D.M.YYYY) as YYYY-MM-DD; anything else is left for the schema to judge. */
export function isoDate(value: string): string {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value)
  return german ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}` : value
}

const FIELD_COLUMNS: Record<string, ImportColumn> = {
  clinicId: 'clinic_id',
  firstName: 'first_name',
  lastName: 'last_name',
  dateOfBirth: 'date_of_birth',
  sex: 'sex',
  phone: 'phone',
  email: 'email',
  preferredLanguage: 'preferred_language',
}

const hintFor = (column: ImportColumn, raw: string): Coded | null =>
  raw.trim() !== '' && column in ACCEPTED ? coded(ACCEPTED[column as keyof typeof ACCEPTED]) : null

/** One row's stored values, or its problems. */
export function readPatientRow(record: CsvRecord): Pick<PatientImportRow, 'patient' | 'problems'> {
  // The register export writes '+49 … for +49 … (formula neutralisation): read as typed.
  const raw = (column: ImportColumn) => unneutralisedText((record.values[column] ?? '').trim())
  const problems: ImportProblem[] = []
  if (record.fieldCount) {
    const { found, expected } = record.fieldCount
    problems.push({ column: null, ...coded('csv_row_field_count', { found, expected }), hint: null })
  }
  const isDemo = YES_NO[raw('is_demo').toLowerCase()]
  if (isDemo === undefined) {
    problems.push({ column: 'is_demo', ...coded('csv_true_or_false'), hint: coded(ACCEPTED.is_demo) })
  }
  const parsed = patientDetails.safeParse({
    clinicId: raw('clinic_id'),
    firstName: raw('first_name'),
    lastName: raw('last_name'),
    dateOfBirth: isoDate(raw('date_of_birth')),
    sex: SEX_SPELLINGS[raw('sex').toLowerCase()] ?? raw('sex'),
    phone: raw('phone'),
    email: raw('email'),
    preferredLanguage: LANGUAGE_SPELLINGS[raw('preferred_language').toLowerCase()] ?? raw('preferred_language'),
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = FIELD_COLUMNS[String(issue.path[0])] ?? null
      // One problem per column: the first message the form would show.
      if (column && problems.some((p) => p.column === column)) continue
      problems.push({ column, ...codedFromZod(issue.message), hint: column ? hintFor(column, raw(column)) : null })
    }
  }
  return {
    patient: parsed.success && problems.length === 0 ? { ...parsed.data, isDemo: isDemo ?? false } : null,
    problems,
  }
}

/** A patient already in the database, as the duplicate check sees it. */
export interface KnownPatient {
  patientId: number
  clinicId: string
  firstName: string
  lastName: string
  dateOfBirth: string
}

/** Names as the duplicate check compares them: NFC, without invisible characters (a patient stored before they were refused), spaces and case ignored. */
const nameKey = (first: string, last: string, dateOfBirth: string) =>
  [first, last].map((s) => s.normalize('NFC').replace(/\p{Cf}/gu, '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de')).join('|') +
  `|${dateOfBirth}`

/**
 * Sorts the rows into new, duplicate and invalid. A duplicate has the clinic ID,
 * or the name and date of birth, of a patient in the database or of an earlier
 * row of the same file; so importing a file twice creates nobody twice.
 */
export function previewRows(csv: PatientCsv, known: readonly KnownPatient[]): PatientImportPreview {
  type Holder = Omit<ImportMatch, 'reason'>
  const byClinicId = new Map<string, Holder>()
  const byName = new Map<string, Holder>()
  const remember = (match: Holder, dateOfBirth: string) => {
    if (match.clinicId) byClinicId.set(match.clinicId, match)
    byName.set(nameKey(match.firstName, match.lastName, dateOfBirth), match)
  }
  for (const p of known) remember({ ...p, line: null }, p.dateOfBirth)

  const rows = csv.records.map((record): PatientImportRow => {
    const { patient, problems } = readPatientRow(record)
    const base = { line: record.line, values: record.values, patient, problems }
    if (!patient) return { ...base, status: 'invalid', duplicateOf: null }
    const sameId = patient.clinicId ? byClinicId.get(patient.clinicId) : undefined
    const sameName = byName.get(nameKey(patient.firstName, patient.lastName, patient.dateOfBirth))
    const match: ImportMatch | null = sameId
      ? { reason: 'clinic_id', ...sameId }
      : sameName
        ? { reason: 'name_and_date_of_birth', ...sameName }
        : null
    if (match) return { ...base, status: 'duplicate', duplicateOf: match }
    remember(
      { patientId: null, clinicId: patient.clinicId, firstName: patient.firstName, lastName: patient.lastName, line: record.line },
      patient.dateOfBirth,
    )
    return { ...base, status: 'new', duplicateOf: null }
  })
  const count = (status: PatientImportRow['status']) => rows.filter((r) => r.status === status).length
  return {
    ignoredColumns: csv.ignoredColumns,
    rows,
    counts: { new: count('new'), duplicates: count('duplicate'), invalid: count('invalid') },
  }
}
