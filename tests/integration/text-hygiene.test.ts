import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientImportPreview, PatientRecord, PatientPage } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * Names and free text are stored NFC and refuse characters that hide or
 * reorder what the reader sees (electron/clinic/contract/fields.ts), in the
 * forms and in the patient import alike. The characters are written as escapes
 * here so that the test reads what it sends.
 */

const ZERO_WIDTH_SPACE = '\u200B'
const RIGHT_TO_LEFT_OVERRIDE = '\u202E'
const FIRST_STRONG_ISOLATE = '\u2068'
const BELL = '\u0007'
const ESCAPE = '\u001B'
/** "René" as a Mac or a copied web page may send it: e + combining acute accent. */
const RENE_DECOMPOSED = 'Rene\u0301'
const RENE = 'Ren\u00E9'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const base = enrollment()
const enrollNamed = (firstName: string, lastName = 'Meier') => clinic.call<{ patientId: number }>('patients/enroll', { ...base, patient: { ...base.patient, firstName, lastName } })
const hidden = (path: string) => ({ ok: false, error: { kind: 'validation', fields: [{ path, code: 'text_hidden_characters' }] } })

describe('names and free text', () => {
  it('refuse zero-width, bidi-override, isolate and control characters with a field message', async () => {
    for (const name of [`An${ZERO_WIDTH_SPACE}na`, `${RIGHT_TO_LEFT_OVERRIDE}annA`, `Anna${FIRST_STRONG_ISOLATE}`, `An${BELL}na`, `${ESCAPE}[31mAnna`, 'An\nna', 'An\tna']) {
      expect(await enrollNamed(name), JSON.stringify(name)).toMatchObject(hidden('patient.firstName'))
    }
    expect(await enrollNamed('Anna', `Mei${ZERO_WIDTH_SPACE}er`)).toMatchObject(hidden('patient.lastName'))
    expect((await clinic.query('select count(*) as n from patients'))[0]).toEqual({ n: 0 })
  })

  it('store names NFC, so a decomposed René is the same René', async () => {
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', {
      ...base,
      patient: { ...base.patient, firstName: RENE_DECOMPOSED },
    })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.patient.firstName).toBe(RENE)
    expect(record.patient.firstName).toHaveLength(4)
    // Searched for either way, it is found.
    for (const search of [RENE, RENE_DECOMPOSED]) {
      expect((await clinic.value<PatientPage>('patients/list', { search })).rows, search).toMatchObject([{ patientId }])
    }
  })

  it('keep tabs and line breaks in free text (CR LF stored as LF), and refuse the hidden ones there too', async () => {
    const { enrollmentId, patientId } = await clinic.value<{ enrollmentId: number; patientId: number }>('patients/enroll', base)
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-03', attended: false, missedReason: 'Knee:\r\n\tswollen' })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.sessions[0].missedReason).toBe('Knee:\n\tswollen')
    const refused = await clinic.call('sessions/record', { enrollmentId, sessionDate: '2026-03-04', attended: false, missedReason: `ill${RIGHT_TO_LEFT_OVERRIDE}` })
    expect(refused).toMatchObject(hidden('missedReason'))
  })
})

describe('the patient import', () => {
  const csv = (...rows: string[]) => ['first_name;last_name;date_of_birth;sex;preferred_language', ...rows].join('\n')

  it('refuses a row whose name holds hidden characters, with the same field message', async () => {
    const preview = await clinic.value<PatientImportPreview>('imports/previewPatients', {
      csv: csv(`Ben${ZERO_WIDTH_SPACE};Okafor;1990-03-03;m;en`, `Ben;${RIGHT_TO_LEFT_OVERRIDE}Okafor;1990-03-03;m;en`, 'Ben;Okafor;1990-03-03;m;en'),
    })
    expect(preview.rows.map((row) => row.status)).toEqual(['invalid', 'invalid', 'new'])
    expect(preview.rows[0].problems).toMatchObject([{ column: 'first_name', code: 'text_hidden_characters' }])
    expect(preview.rows[1].problems).toMatchObject([{ column: 'last_name', code: 'text_hidden_characters' }])
  })

  it('finds duplicates on NFC names: a decomposed René is the René already in the database, and in the same file', async () => {
    await clinic.value('patients/enroll', { ...base, patient: { ...base.patient, firstName: RENE, dateOfBirth: '1988-05-14' } })
    const preview = await clinic.value<PatientImportPreview>('imports/previewPatients', {
      csv: csv(`${RENE_DECOMPOSED};Meier;14.05.1988;m;de`, `Zoë;Weiss;1999-09-09;d;de`, `Zoe\u0308;Weiss;1999-09-09;d;de`),
    })
    expect(preview.rows.map((row) => row.status)).toEqual(['duplicate', 'new', 'duplicate'])
    expect(preview.rows[0].duplicateOf).toMatchObject({ reason: 'name_and_date_of_birth', firstName: RENE })
  })
})
