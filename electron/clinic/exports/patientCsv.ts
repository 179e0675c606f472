import type { ImportColumn } from '../contract/exports'
import { tableOf, type CsvColumn, type CsvFile, type CsvTable } from './csv'
import { latestSiteCodes, type ExportDataset, type ExportPatient } from './dataset'
import { LANGUAGES, SEXES } from '../domain/vocabulary'

/** A register row: the patient and the site of their newest enrollment. */
type RegisterRow = ExportPatient & { siteCode: string | null }

/**
 * The patient register: names and contact details, in the columns the patient
 * import reads, so a clinic can move its patients to another Backstride
 * database, and the site of each patient's enrollment (the import lists that
 * column as not read: a site is chosen at enrollment). Identifying: not part of
 * the statistics export.
 */
export const PATIENT_REGISTER: CsvFile<RegisterRow> = {
  fileName: 'backstride-patients.csv',
  description:
    'Patient register: one row per patient, in the format the patient import reads (it does not read site). Identifying (names, date of birth, contact details): not part of the statistics files; keep it as confidential as the patient records.',
  columns: [
    {
      name: 'clinic_id',
      type: 'text',
      unitRange: 'letters, digits and dashes, up to 20; empty on import = assigned (BS-00001, ...)',
      description: 'Clinic ID, the key linking this register to the statistics files.',
      value: (p) => p.clinicId,
    },
    { name: 'first_name', type: 'text', unitRange: 'up to 100 characters', description: 'First name.', value: (p) => p.firstName },
    { name: 'last_name', type: 'text', unitRange: 'up to 100 characters', description: 'Last name.', value: (p) => p.lastName },
    {
      name: 'date_of_birth',
      type: 'date',
      unitRange: 'YYYY-MM-DD (the import also reads DD.MM.YYYY)',
      description: 'Date of birth.',
      value: (p) => p.dateOfBirth,
    },
    {
      name: 'sex',
      type: 'category',
      unitRange: `${SEXES.join(', ')} (the import also reads f/m/d, w, weiblich/männlich/divers, other)`,
      description: 'Sex.',
      value: (p) => p.sex,
    },
    { name: 'phone', type: 'text', unitRange: 'up to 40 characters; may be empty', description: 'Phone number.', value: (p) => p.phone },
    { name: 'email', type: 'text', unitRange: 'e-mail address; may be empty', description: 'E-mail address.', value: (p) => p.email },
    {
      name: 'preferred_language',
      type: 'category',
      unitRange: `${LANGUAGES.join(', ')} (the import also reads english/german, englisch/deutsch)`,
      description: 'Language of the home-exercise sheets and reports.',
      value: (p) => p.preferredLanguage,
    },
    {
      name: 'is_demo',
      type: 'boolean',
      unitRange: 'true, false; may be empty (= false)',
      description: 'Simulated demo patient (kept apart from real patients in every export).',
      value: (p) => p.isDemo,
    },
    {
      name: 'site',
      type: 'category',
      unitRange: "site code of the clinic's sites, e.g. MAIN, MUC; empty = not enrolled",
      description: 'The site of the patient’s newest enrollment. Not read by the patient import (the site is chosen at enrollment).',
      value: (p) => p.siteCode,
    },
  ] satisfies CsvColumn<RegisterRow>[],
}

export const patientRegister = (dataset: ExportDataset): CsvTable => {
  const sites = latestSiteCodes(dataset)
  return tableOf(
    PATIENT_REGISTER,
    dataset.patients.map((p) => ({ ...p, siteCode: sites.get(p.patientId) ?? null })),
  )
}
