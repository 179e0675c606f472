import { describe, expect, it } from 'vitest'
import { patientDetails } from '@clinic/contract/inputs'
import { fieldErrorOf } from '@clinic/contract/messages'
import { ClinicError } from '@clinic/errors'
import { decodeCsvBytes } from '@clinic/imports/encoding'
import { readPatientCsv } from '@clinic/imports/patientCsv'
import { isoDate, previewRows, readPatientRow, type KnownPatient } from '@clinic/imports/patientRows'

const HEADER = 'clinic_id,first_name,last_name,date_of_birth,sex,phone,email,preferred_language'
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n')

const refusal = (text: string) => {
  try {
    readPatientCsv(text)
  } catch (error) {
    if (error instanceof ClinicError) return error.toApiError()
    throw error
  }
  throw new Error('expected the file to be refused')
}

describe('reading the file', () => {
  it('reads semicolon files with a byte-order mark and loose column names, as German Excel writes them', () => {
    const file = readPatientCsv('\uFEFFClinic ID;First Name;Last-Name;Date of birth;SEX;Phone;E-Mail;Preferred language;Notes\nBS-7;Jörg;Müller;01.02.1980;m;;;de;Knee\n')
    expect(file.records).toEqual([
      {
        line: 2,
        values: { clinic_id: 'BS-7', first_name: 'Jörg', last_name: 'Müller', date_of_birth: '01.02.1980', sex: 'm', phone: '', email: '', preferred_language: 'de' },
        fieldCount: null,
      },
    ])
    expect(file.ignoredColumns).toEqual(['notes'])
  })

  it('numbers rows by the line they start on, past quoted line breaks, and skips rows of empty cells', () => {
    const file = readPatientCsv(csv('A1,Anna,"Meier\nSchmidt",1988-05-14,f,,,de', ',,,,,,,', 'A2,Ben,Okafor,1990-03-03,m,,,en'))
    expect(file.records.map((r) => [r.line, r.values.clinic_id])).toEqual([
      [2, 'A1'],
      [5, 'A2'],
    ])
  })

  it('refuses a file without the required columns, naming them', () => {
    expect(refusal('first_name,last_name\nAnna,Meier')).toMatchObject({
      kind: 'rule',
      fields: [{ path: 'csv', message: expect.stringMatching(/no column date_of_birth, sex, preferred_language/) }],
    })
  })

  it('refuses an empty file and one that is not CSV', () => {
    expect(refusal('  \n')).toMatchObject({ fields: [{ path: 'csv', message: expect.stringMatching(/empty/) }] })
    expect(refusal(csv('A1,"Anna,Meier,1988-05-14,f,,,de'))).toMatchObject({
      fields: [{ path: 'csv', message: expect.stringMatching(/could not be read as CSV/) }],
    })
  })

  it('decodes UTF-8, and Windows-1252 from older spreadsheets', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Müller'))).toBe('Müller')
    expect(decodeCsvBytes(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe('Müller')
  })
})

const row = (values: Record<string, string>, line = 2) => ({ line, values, fieldCount: null })
const anna = { clinic_id: '', first_name: 'Anna', last_name: 'Meier', date_of_birth: '1988-05-14', sex: 'f', phone: '', email: '', preferred_language: 'de' }

describe('reading a row', () => {
  it('accepts the common spellings of sex, language and date', () => {
    for (const [sex, stored] of [['F', 'female'], ['weiblich', 'female'], ['w', 'female'], ['Männlich', 'male'], ['d', 'diverse'], ['divers', 'diverse']]) {
      expect(readPatientRow(row({ ...anna, sex })).patient?.sex, sex).toBe(stored)
    }
    expect(readPatientRow(row({ ...anna, preferred_language: 'Deutsch' })).patient?.preferredLanguage).toBe('de')
    expect(readPatientRow(row({ ...anna, preferred_language: 'english' })).patient?.preferredLanguage).toBe('en')
    expect(isoDate('1.2.1980')).toBe('1980-02-01')
    expect(readPatientRow(row({ ...anna, date_of_birth: '14.05.1988' })).patient).toMatchObject({
      dateOfBirth: '1988-05-14',
      clinicId: null,
      phone: null,
      email: null,
      isDemo: false,
    })
  })

  it("reports each bad field with the enrollment form's own message and the accepted spellings", () => {
    const { patient, problems } = readPatientRow(row({ ...anna, first_name: ' ', date_of_birth: '31.02.1990', sex: 'x', email: 'anna@' }))
    const formMessage = (field: string, value: unknown) => {
      const { path: _path, ...said } = fieldErrorOf(
        patientDetails.safeParse({ ...{ firstName: 'A', lastName: 'B', dateOfBirth: '1988-05-14', sex: 'female', preferredLanguage: 'de' }, [field]: value })
          .error!.issues[0],
      )
      return said
    }
    expect(patient).toBeNull()
    expect(problems).toEqual([
      { column: 'first_name', ...formMessage('firstName', ''), hint: null },
      { column: 'date_of_birth', ...formMessage('dateOfBirth', '1990-02-31'), hint: expect.objectContaining({ code: 'csv_spellings_date', message: 'YYYY-MM-DD or DD.MM.YYYY' }) },
      { column: 'sex', code: 'field_choose', params: { field: 'sex' }, message: 'Choose the sex', hint: expect.objectContaining({ message: expect.stringContaining('weiblich') }) },
      { column: 'email', code: 'email_invalid', params: {}, message: 'Enter a valid e-mail address', hint: null },
    ])
    expect(problems[0]).toMatchObject({ code: 'field_required', params: { field: 'firstName' }, message: 'Enter the first name' })
  })

  it('flags a row whose field count differs from the header', () => {
    const { problems } = readPatientRow({ line: 3, values: anna, fieldCount: { found: 9, expected: 8 } })
    expect(problems).toEqual([
      { column: null, code: 'csv_row_field_count', params: { found: 9, expected: 8 }, message: 'This row has 9 fields where the header has 8', hint: null },
    ])
  })
})

describe('sorting rows into new, duplicate and invalid', () => {
  const known: KnownPatient[] = [{ patientId: 5, clinicId: 'BS-00005', firstName: 'Anna', lastName: 'Meier', dateOfBirth: '1988-05-14' }]

  it('finds duplicates by clinic ID or by name and date of birth, in the database and earlier in the file', () => {
    const file = readPatientCsv(
      csv(
        'bs-00005,Someone,Else,1970-01-01,m,,,en',
        ',ANNA, meier ,14.05.1988,f,,,de',
        'X-1,Ben,Okafor,1990-03-03,m,,,en',
        ',Ben,Okafor,1990-03-03,m,,,en',
        'X-1,Carla,Rossi,1985-07-07,f,,,en',
        ',Dana,Weiss,1999-09-09,d,,,en',
        ',Eva,,1999-09-09,d,,,en',
      ),
    )
    const preview = previewRows(file, known)
    expect(preview.rows.map((r) => [r.line, r.status, r.duplicateOf?.reason ?? null, r.duplicateOf?.line ?? null])).toEqual([
      [2, 'duplicate', 'clinic_id', null],
      [3, 'duplicate', 'name_and_date_of_birth', null],
      [4, 'new', null, null],
      [5, 'duplicate', 'name_and_date_of_birth', 4],
      [6, 'duplicate', 'clinic_id', 4],
      [7, 'new', null, null],
      [8, 'invalid', null, null],
    ])
    expect(preview.rows[0].duplicateOf).toMatchObject({ patientId: 5, clinicId: 'BS-00005', lastName: 'Meier' })
    expect(preview.counts).toEqual({ new: 2, duplicates: 4, invalid: 1 })
  })
})
