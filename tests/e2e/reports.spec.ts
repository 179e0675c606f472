import { mkdtempSync, rmSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { GroupComparisonResult, PatientRecord, PatientPage } from '../../electron/clinic/contract'
import { change, improvement, isResponder } from '../../electron/clinic/stats'
import { fixed, groupReportFigures, readPdf, squash, type PrintedReport } from '../fixtures/reportPdf'
import { test, expect, E2E_ACCOUNT, type BrowserModeClinic } from './fixtures'

/*
 * The outcome reports are checked as printed: Chromium's PDF of the print
 * layout, read back with poppler. Set BACKSTRIDE_SHOTS to a folder to keep the PDFs.
 */

// Made per worker when its tests start (not at import: the runner imports spec files to list them, and that copy never cleans up).
let work: string
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'backstride-reports-'))
})
test.afterAll(() => rmSync(work, { recursive: true, force: true }))

async function value<T>(clinic: BrowserModeClinic, channel: Parameters<BrowserModeClinic['call']>[0], input: unknown = {}) {
  const result = await clinic.call<T>(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
  return result.value
}

/** Waits until the report says it is drawn, prints it as Chromium prints to paper (A4) and reads it back. */
async function printReport(page: Page, name: string): Promise<PrintedReport> {
  await expect(page.locator('[data-ready="true"]')).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  const file = join(work, `${name}.pdf`)
  await page.pdf({ path: file, format: 'A4', printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  if (process.env.BACKSTRIDE_SHOTS) copyFileSync(file, join(process.env.BACKSTRIDE_SHOTS, `${name}.pdf`))
  return readPdf(file)
}

/** A change as the progress report prints it: one decimal, with its sign. */
const signed = (value: number) => new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value)

test.describe('on the demo cohort', () => {
  test.use({ demoCohort: true })

  test('prints a runner’s progress report with the changes from baseline and responder status the record implies', async ({ page, clinic }) => {
    await clinic.call('settings/updateClinic', { clinicName: 'Physio am Stadtpark', address: 'Parkstraße 4\n80331 München', phone: '089 123456' })
    // A runner with follow-ups: the first demo patient with two or more assessments after baseline.
    const patients = (await value<PatientPage>(clinic, 'patients/list', {})).rows
    let record: PatientRecord | null = null
    for (const p of patients) {
      const r = await value<PatientRecord>(clinic, 'patients/get', { patientId: p.patientId })
      if (r.assignment && r.assessments.length >= 3 && r.sessions.filter((s) => s.attended).length >= 2 && r.assessments.some((a) => a.sitToStandReps !== null)) {
        record = r
        break
      }
    }
    if (!record) throw new Error('no demo runner with follow-ups')
    // Notes on two sessions (a correction, as a therapist would add one); the later one must come first.
    const attended = record.sessions.filter((s) => s.attended).sort((a, b) => a.sessionDate.localeCompare(b.sessionDate))
    const notes = [
      { session: attended[0], text: 'Early note: tolerated the first leg press sets well.' },
      { session: attended[attended.length - 1], text: `Latest note: ${'ran 5 km without pain, keep the cadence cue. '.repeat(8)}` },
    ]
    for (const note of notes) await value(clinic, 'sessions/correct', { sessionId: note.session.sessionId, reason: 'Note added', notes: note.text })

    await page.goto(clinic.url)
    await page.goto(`${clinic.origin}/#/patients/${record.patient.patientId}`)
    await page.getByRole('link', { name: 'Progress report' }).click()
    await expect(page.getByTestId('report-patient-name')).toHaveText(`${record.patient.firstName} ${record.patient.lastName}`)
    const printed = await printReport(page, 'progress-report-en')
    const text = squash(printed.text)

    expect(printed.pages).toBeLessThanOrEqual(2)
    // Leg strength: each sit-to-stand test as a row of its own table (time point, date, repetitions, change).
    expect(text).toContain(squash('Leg strength: sit-to-stand test'))
    const tested = record.assessments.filter((a) => a.sitToStandReps !== null && !a.voided)
    const baselineReps = tested.find((a) => a.timePoint === 'baseline')?.sitToStandReps ?? null
    for (const a of tested) {
      const change = baselineReps === null || a.timePoint === 'baseline' ? '—' : `${a.sitToStandReps! - baselineReps > 0 ? '+' : ''}${a.sitToStandReps! - baselineReps}`
      expect(printed.layout, `sit-to-stand ${a.timePoint}`).toMatch(new RegExp(`${a.timePoint === 'baseline' ? 'Baseline' : a.timePoint === 'week_4' ? 'Week 4' : 'Week 8'}\\s+\\S+\\s+${a.sitToStandReps}\\s+${change.replace('+', '\\+')}\\s*$`, 'm'))
    }
    for (const expected of [
      'Physio am Stadtpark',
      'Progress report',
      `${record.patient.firstName} ${record.patient.lastName}`,
      record.patient.clinicId,
      `${record.assignment!.programCode} ${record.assignment!.programName.en}, version ${record.assignment!.programVersion}`,
      `Therapist: ${E2E_ACCOUNT.displayName}`,
      'Signature',
    ]) {
      expect(text).toContain(squash(expected))
    }
    const supervised = record.sessions.filter((s) => s.kind === 'supervised')
    expect(text).toContain(squash(`${supervised.filter((s) => s.attended).length} of 16 supervised sessions attended`))

    // Every change from baseline, as the layout prints the row: time point, date, then both measures.
    const baseline = record.assessments.find((a) => a.timePoint === 'baseline')!
    const followUps = record.assessments.filter((a) => a !== baseline).sort((a, b) => a.assessedOn.localeCompare(b.assessedOn))
    const rows = printed.layout.split('\n')
    for (const a of followUps) {
      const pain = { baseline: baseline.runningPain, followUp: a.runningPain }
      const run = { baseline: baseline.runability, followUp: a.runability }
      const expected = [a.runningPain.toFixed(1), signed(change(pain)), isResponder('runningPain', pain) ? 'yes' : 'no']
      expected.push(a.runability.toFixed(1), signed(change(run)), isResponder('runability', run) ? 'yes' : 'no')
      expect(rows.some((line) => squash(line).endsWith(squash(expected.join(' ')))), `${a.timePoint}: ${expected.join(' ')}`).toBe(true)
    }
    // Responder status at the latest follow-up, from the clinic's own rule.
    const latest = followUps[followUps.length - 1]
    for (const [measure, label] of [['runningPain', 'Running pain'], ['runability', 'Runability']] as const) {
      const pair = { baseline: baseline[measure], followUp: latest[measure] }
      const status = isResponder(measure, pair) ? 'responder' : 'not a responder'
      expect(text).toContain(squash(`${label}: ${status} — improved by ${signed(improvement(measure, pair))} points`))
    }
    // The latest note comes first, shortened; the early one after it.
    expect(text).toContain(squash('Latest note: ran 5 km without pain'))
    expect(text.indexOf(squash('Latest note'))).toBeLessThan(text.indexOf(squash('Early note')))
    expect(text).not.toContain(squash(notes[1].text))
    expect(text).toContain('…')

    // The same report in German, the screen staying English.
    await page.getByLabel('Report language').selectOption('de')
    await expect(page.getByRole('heading', { name: 'Verlaufsbericht' })).toBeVisible()
    const german = await printReport(page, 'progress-report-de')
    expect(german.pages).toBeLessThanOrEqual(2)
    expect(squash(german.text)).toContain(squash('Veränderung gegenüber dem Ausgangswert'))
    expect(squash(german.text)).toContain(squash('Unterschrift'))
  })

  test('prints the group outcome report with the figures of outcomes/compare, formatted as in the comparison tables', async ({ page, clinic }) => {
    const compared = await value<GroupComparisonResult>(clinic, 'outcomes/compare', { includeDemo: true })
    await page.goto(clinic.url)
    await page.getByRole('link', { name: 'Compare programs' }).click()
    await expect(page.getByRole('status').getByText(/^The comparison includes/)).toHaveText('The comparison includes 84 patients with a program')
    await page.getByRole('link', { name: 'Print report' }).click()
    await expect(page).toHaveURL(/#\/comparison\/report\?.*demo=1/)
    const printed = await printReport(page, 'group-report-en')
    const text = squash(printed.text)
    // Only runners who consented to the comparison: every demo runner did.
    expect(text).toContain(
      squash('84 patients — All enrolled patients with a program; simulated demo patients included; only runners who consented to the program comparison (0 left out without that consent).'),
    )
    expect(text).toContain(squash('Patients per program: P1 n = 28, P2 n = 28, P3 n = 28.'))
    expect(text).toContain(squash('Wilson score interval'))
    expect(text).toContain(squash('ANCOVA'))

    const figures = groupReportFigures(printed.layout)
    for (const program of ['P1', 'P2', 'P3'] as const) {
      for (const measure of ['runningPain', 'runability'] as const) {
        for (const timePoint of ['baseline', 'week_8'] as const) {
          const expected = compared.comparison.measures[measure].scores[program][timePoint]
          expect(figures.scores[measure][program][timePoint], `${measure} ${program} ${timePoint}`).toMatchObject({
            n: String(expected.n),
            mean: fixed(expected.mean),
            sd: fixed(expected.sd),
          })
        }
        // The report opens where the comparison does: at the latest follow-up with data in every program, 6 months on the demo cohort.
        const changed = compared.comparison.measures[measure].followUps.month_6.change[program]
        expect(figures.change[measure][program], `change ${measure} ${program}`).toMatchObject({ n: String(changed.n), mean: fixed(changed.mean) })
      }
      // Leg strength: the sit-to-stand test at baseline, week 4 and week 8, n = the runners tested.
      for (const timePoint of ['baseline', 'week_4', 'week_8'] as const) {
        const expected = compared.comparison.measures.sitToStandReps.scores[program][timePoint]
        expect(expected.n).toBeGreaterThan(0)
        expect(figures.sitToStand[program][timePoint], `sit-to-stand ${program} ${timePoint}`).toMatchObject({ n: String(expected.n), mean: fixed(expected.mean), sd: fixed(expected.sd) })
      }
    }
    expect(text).toContain(squash('Leg strength, where tested, as repetitions in the 30-second sit-to-stand test'))
  })
})
