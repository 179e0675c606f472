import { describe, expect, it } from 'vitest'
import { longForm, sessionsForm, adverseEventsForm, wideForm } from '@clinic/exports/statisticsCsv'
import { patientRegister } from '@clinic/exports/patientCsv'
import { IMPORT_COLUMNS } from '@clinic/contract/exports'
import type { CsvTable } from '@clinic/exports/csv'
import { assessment, enrollment, patient, twoRunners } from './dataset'

/** The table as objects keyed by column name, to read cells by name. */
const records = (table: CsvTable) => table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i]])))

describe('long form', () => {
  it('has one row per assessment with the clinic ID, program, time point, date and both scores', () => {
    const table = longForm(twoRunners())
    expect(table.columns).toEqual([
      'clinic_id',
      'enrolled_on',
      'program',
      'site',
      'time_point',
      'assessed_on',
      'running_pain',
      'runability',
      'sit_to_stand_reps',
      'out_of_window',
      'deviation_reason',
      'is_demo',
      'archived',
    ])
    expect(table.rows).toEqual([
      ['BS-00001', '2026-03-02', 'P1', 'MAIN', 'baseline', '2026-03-02', 6, 4, null, false, null, false, false],
      ['BS-00001', '2026-03-02', 'P1', 'MAIN', 'week_4', '2026-03-29', 3, 6.33, null, false, null, false, false],
      ['BS-00002', '2026-03-02', null, 'MUC', 'baseline', '2026-03-02', 7, 2.67, null, false, null, false, false],
    ])
  })

  it('marks a follow-up taken outside its window with its protocol-deviation reason', () => {
    const data = twoRunners()
    data.assessments[1] = { ...data.assessments[1], deviationReason: 'Runner on holiday' }
    expect(longForm(data).rows[1].slice(9, 11)).toEqual([true, 'Runner on holiday'])
  })

  it('carries the sit-to-stand repetitions where the test was taken, empty where not', () => {
    const data = twoRunners()
    data.assessments[0] = { ...data.assessments[0], sitToStandReps: 12 }
    data.assessments[1] = { ...data.assessments[1], sitToStandReps: 15 }
    const table = longForm(data)
    const at = table.columns.indexOf('sit_to_stand_reps')
    expect(table.rows.map((row) => row[at])).toEqual([12, 15, null])
  })
})

describe('comparison consent', () => {
  it('leaves runners without consent in force out of every statistics file', () => {
    const data = twoRunners()
    data.enrollments[0] = { ...data.enrollments[0], inComparison: false }
    data.adverseEvents = [
      { adverseEventId: 1, enrollmentId: 10, occurredOn: '2026-03-05', description: 'Calf strain', severity: 'mild', related: 'yes', actionTaken: 'Load reduced' },
    ]
    const ids = (table: { rows: unknown[][] }) => new Set(table.rows.map((row) => row[0]))
    for (const table of [longForm(data), wideForm(data), sessionsForm(data), adverseEventsForm(data)]) {
      expect(ids(table).has('BS-00001'), table.fileName).toBe(false)
    }
    expect(ids(wideForm(data))).toEqual(new Set(['BS-00002']))
    data.enrollments[0] = { ...data.enrollments[0], inComparison: true }
    expect(adverseEventsForm(data).rows).toEqual([['BS-00001', '2026-03-02', 'P1', 'MAIN', '2026-03-05', 'mild', 'yes', 'Calf strain', 'Load reduced', false]])
  })
})

describe('wide form', () => {
  it('has one row per enrollment with a column per measure and trial time point, empty where not assessed', () => {
    const [anna, ben] = records(wideForm(twoRunners()))
    expect(anna).toMatchObject({
      clinic_id: 'BS-00001',
      program: 'P1',
      site: 'MAIN',
      sex: 'female',
      age_at_enrollment: 37,
      enrolled_on: '2026-03-02',
      start_date: '2026-03-02',
      withdrawn_on: null,
      withdrawal_category: null,
      withdrawal_reason: null,
      runs_per_week: 3,
      running_pain_baseline: 6,
      running_pain_week_4: 3,
      running_pain_week_8: null,
      runability_baseline: 4,
      runability_week_4: 6.33,
      runability_month_6: null,
    })
    expect(ben).toMatchObject({ clinic_id: 'BS-00002', program: null, site: 'MUC', start_date: null, sex: 'diverse', running_pain_baseline: 7 })
  })

  it('has sit-to-stand columns for baseline, week 4 and week 8 only', () => {
    const data = twoRunners()
    data.assessments[1] = { ...data.assessments[1], sitToStandReps: 15 }
    const table = wideForm(data)
    expect(table.columns.filter((c) => c.startsWith('sit_to_stand'))).toEqual(['sit_to_stand_reps_baseline', 'sit_to_stand_reps_week_4', 'sit_to_stand_reps_week_8'])
    expect(records(table)[0]).toMatchObject({ sit_to_stand_reps_baseline: null, sit_to_stand_reps_week_4: 15, sit_to_stand_reps_week_8: null })
  })

  it('counts age in whole years up to the day before the birthday', () => {
    const data = twoRunners()
    const [before] = records(wideForm({ ...data, enrollments: [enrollment({ enrolledOn: '2026-05-13' })] }))
    const [on] = records(wideForm({ ...data, enrollments: [enrollment({ enrolledOn: '2026-05-14' })] }))
    expect([before.age_at_enrollment, on.age_at_enrollment]).toEqual([37, 38])
  })

  it('leaves unscheduled assessments to the long form', () => {
    const data = twoRunners()
    data.assessments.push(assessment({ assessmentId: 103, timePoint: 'unscheduled', assessedOn: '2026-03-15', runningPain: 9 }))
    const wide = wideForm(data)
    expect(wide.columns.some((c) => c.includes('unscheduled'))).toBe(false)
    expect(records(wide)[0].running_pain_baseline).toBe(6)
    expect(longForm(data).rows).toHaveLength(4)
  })
})

describe('sessions', () => {
  it('has one row per session, missed ones with their reason and no scores', () => {
    const table = sessionsForm(twoRunners())
    expect(table.columns).toEqual([
      'clinic_id',
      'enrolled_on',
      'program',
      'site',
      'session_date',
      'week',
      'kind',
      'attended',
      'missed_reason',
      'pain_before',
      'pain_after',
      'is_demo',
      'archived',
    ])
    expect(table.rows[1]).toEqual(['BS-00001', '2026-03-02', 'P1', 'MAIN', '2026-03-06', 1, 'supervised', false, 'Ill, "flu", stayed home', null, null, false, false])
  })
})

describe('pseudonymity', () => {
  it('keeps names, dates of birth and contact details out of every statistics file', () => {
    const data = twoRunners()
    const identifying = data.patients.flatMap((p) => [p.firstName, p.lastName, p.dateOfBirth, p.phone, p.email]).filter(Boolean)
    for (const table of [longForm(data), wideForm(data), sessionsForm(data)]) {
      const cells = [...table.columns, ...table.rows.flat().map(String)]
      for (const value of identifying) expect(cells, `${table.fileName} holds ${value}`).not.toContain(value)
    }
  })

  it('writes names only into the patient register, in the columns the import reads and the site', () => {
    const register = patientRegister({ ...twoRunners(), patients: [patient()] })
    // The import's columns, then the site of the newest enrollment (which the import does not read).
    expect(register.columns).toEqual([...IMPORT_COLUMNS, 'site'])
    expect(register.rows[0]).toEqual(['BS-00001', 'Anna', 'Meier', '1988-05-14', 'female', '+49 30 1234567', 'anna.meier@example.org', 'de', false, 'MAIN'])
  })
})
