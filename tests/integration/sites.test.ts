import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntry, ExportFile, GroupComparisonResult, PatientHistoryEntry, PatientRecord, SiteView } from '../../electron/clinic/contract'
import { allocationSequence, type AllocationSlot } from '../../electron/clinic/rules/randomisation'
import { PROGRAM_CODES, type ProgramCode } from '../../electron/clinic/domain/vocabulary'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * Several sites on a real SQLite file: the default site every database has, the site
 * stored on each enrollment, site-stratified randomisation, the comparison filtered by
 * site, and the site in the exports.
 */

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const runner = (n: number, overrides: Parameters<typeof enrollment>[0] = {}) =>
  enrollment({
    patient: { firstName: `Runner${n}`, lastName: `Site${n}`, dateOfBirth: '1988-05-14', sex: 'female', preferredLanguage: 'en' },
    ...overrides,
  })
const enroll = (input: unknown) => clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', input)
const addSite = (code: string, name: string) => clinic.value<SiteView>('sites/create', { code, name })
const siteOfEnrollment = (enrollmentId: number) => clinic.scalar<number>('select site_id from enrollments where id = ?', enrollmentId)

describe('the default site', () => {
  it('exists in every database and takes every enrollment while it is the only active site', async () => {
    expect(await clinic.value('sites/list')).toEqual([{ siteId: 1, code: 'MAIN', name: 'Main site', active: true }])
    const { patientId, enrollmentId } = await enroll(runner(1))
    expect(await siteOfEnrollment(enrollmentId)).toBe(1)
    expect((await clinic.value<PatientRecord>('patients/get', { patientId })).site).toMatchObject({ code: 'MAIN' })
  })

  it('no enrollment can be stored without a site, and no site is ever deleted (the database refuses both)', async () => {
    const { enrollmentId } = await enroll(runner(1))
    await expect(clinic.query('update enrollments set site_id = null where id = ?', enrollmentId)).rejects.toThrow(/NOT NULL constraint failed: enrollments.site_id/)
    await expect(clinic.query("insert into enrollments (patient_id, enrolled_on) values (1, '2026-03-02')")).rejects.toThrow(/NOT NULL constraint failed: enrollments.site_id/)
    await expect(clinic.query('delete from sites where id = 1')).rejects.toThrow(/never deleted/)
  })
})

describe('managing sites (clinic lead)', () => {
  it('adds a site with a unique code in capitals; refuses a wrong or taken code with coded field messages', async () => {
    expect(await addSite('muc', 'München Schwabing')).toEqual({ siteId: 2, code: 'MUC', name: 'München Schwabing', active: true })
    expect(await clinic.call('sites/create', { code: 'M-1', name: 'X' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: 'code', code: 'site_code_characters', params: { min: 2, max: 8 } }] },
    })
    expect(await clinic.call('sites/create', { code: 'MUC', name: 'Again' })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', code: 'site_code_taken', fields: [{ path: 'code' }] },
    })
    expect(await clinic.call('sites/create', { code: 'BER', name: '' })).toMatchObject({ ok: false, error: { fields: [{ path: 'name', code: 'field_required' }] } })
  })

  it('renames and deactivates with a reason, audited; keeps one site active; is closed to therapists', async () => {
    await addSite('MUC', 'München')
    expect(await clinic.call('sites/update', { siteId: 2, name: 'München Schwabing' })).toMatchObject({ ok: false, error: { fields: [{ path: 'reason' }] } })
    await clinic.value('sites/update', { siteId: 2, name: 'München Schwabing', reason: 'new premises' })
    await clinic.value('sites/update', { siteId: 1, active: false, reason: 'closed for renovation' })
    expect(await clinic.call('sites/update', { siteId: 2, active: false, reason: 'closing' })).toMatchObject({ ok: false, error: { code: 'site_last_active', fields: [{ path: 'active' }] } })
    expect(await clinic.value<SiteView[]>('sites/list')).toEqual([
      { siteId: 1, code: 'MAIN', name: 'Main site', active: false },
      { siteId: 2, code: 'MUC', name: 'München Schwabing', active: true },
    ])
    const audit = await clinic.query("select action, before, after, reason from audit_log where table_name = 'sites' order by id")
    expect(audit).toEqual([
      { action: 'create', before: null, after: JSON.stringify({ code: 'MUC', name: 'München' }), reason: null },
      { action: 'update', before: JSON.stringify({ name: 'München' }), after: JSON.stringify({ name: 'München Schwabing' }), reason: 'new premises' },
      { action: 'update', before: JSON.stringify({ active: true }), after: JSON.stringify({ active: false }), reason: 'closed for renovation' },
    ])
    await clinic.value('users/create', { username: 'tom', displayName: 'Tom', role: 'therapist', password: '246810' })
    await clinic.value('auth/signIn', { username: 'tom', password: '246810' })
    expect(await clinic.call('sites/create', { code: 'BER', name: 'Berlin' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    expect(await clinic.call('sites/update', { siteId: 2, name: 'X', reason: 'y' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    expect(await clinic.value<SiteView[]>('sites/list')).toHaveLength(2)
  })
})

describe('the site of an enrollment', () => {
  it('is asked once two sites are active, must be active, and is stored', async () => {
    await addSite('MUC', 'München')
    expect(await clinic.call('patients/enroll', runner(1))).toMatchObject({ ok: false, error: { code: 'site_needed', fields: [{ path: 'siteId' }] } })
    const { patientId, enrollmentId } = await enroll(runner(1, { siteId: 2 }))
    expect(await siteOfEnrollment(enrollmentId)).toBe(2)
    expect((await clinic.value<PatientRecord>('patients/get', { patientId })).site).toEqual({ siteId: 2, code: 'MUC', name: 'München', active: true })
    await clinic.value('sites/update', { siteId: 2, active: false, reason: 'closed' })
    expect(await clinic.call('patients/enroll', runner(2, { siteId: 2 }))).toMatchObject({ ok: false, error: { code: 'site_inactive', params: { code: 'MUC' } } })
    // One active site again: it is taken without asking.
    expect(await siteOfEnrollment((await enroll(runner(3))).enrollmentId)).toBe(1)
  })

  it('is corrected with a reason, kept in the history', async () => {
    await addSite('MUC', 'München')
    const { patientId, enrollmentId } = await enroll(runner(1, { siteId: 1 }))
    await clinic.value('enrollments/correct', { enrollmentId, siteId: 2, reason: 'enrolled at the wrong site' })
    expect(await siteOfEnrollment(enrollmentId)).toBe(2)
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId })
    expect(history.filter((h) => h.record === 'enrollments' && h.action === 'update')).toMatchObject([
      { before: { site: 'MAIN' }, after: { site: 'MUC' }, reason: 'enrolled at the wrong site' } satisfies Partial<AuditEntry>,
    ])
    expect(await clinic.call('enrollments/correct', { enrollmentId, siteId: 2, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'nothing_changed' } })
  })
})

describe('randomisation stratified by site', () => {
  const storedSeed = async () => JSON.parse(await clinic.scalar<string>("select value from settings where key = 'randomisation_seed'")) as string
  const first = (seed: string, stratum: string, n: number): AllocationSlot[] => {
    const slots: AllocationSlot[] = []
    for (const slot of allocationSequence(seed, stratum)) {
      slots.push(slot)
      if (slots.length === n) break
    }
    return slots
  }

  it('gives each site its own sequence per sex × pain stratum, balanced block by block', async () => {
    await addSite('MUC', 'München')
    await clinic.value('settings/updateRandomisation', { enabled: true })
    const seed = await storedSeed()
    const PER_SITE = 12
    // Alternating sites, one stratum (female, pain 6): the sites must not share positions.
    for (let i = 0; i < 2 * PER_SITE; i++) {
      await enroll(runner(i, { siteId: 1 + (i % 2), program: null, allocation: { startDate: '2026-03-02' } }))
    }
    const rows = (await clinic.query('select e.site_id as site, a.stratum, a.position, a.program_code as program from allocations a join enrollments e on e.id = a.enrollment_id order by a.id')) as { site: number; stratum: string; position: number; program: ProgramCode }[]
    for (const [site, stratum] of [
      [1, 'female:pain_6_or_more'],
      [2, 'site_2/female:pain_6_or_more'],
    ] as const) {
      const mine = rows.filter((r) => r.site === site)
      expect(mine.map((r) => r.stratum)).toEqual(Array(PER_SITE).fill(stratum))
      expect(mine.map((r) => r.position)).toEqual(Array.from({ length: PER_SITE }, (_, i) => i + 1))
      // A block may run past the 12th runner: read one block further to know where each block ends.
      const sequence = first(seed, stratum, PER_SITE + 6)
      const expected = sequence.slice(0, PER_SITE)
      expect(mine.map((r) => r.program)).toEqual(expected.map((s) => s.programCode))
      // Balance, counted by hand: within a block no program leads by more than 2, at each block's end all are equal.
      const counts = Object.fromEntries(PROGRAM_CODES.map((p) => [p, 0])) as Record<ProgramCode, number>
      mine.forEach((r, i) => {
        counts[r.program] += 1
        const values = Object.values(counts)
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(2)
        const endOfBlock = sequence[i + 1].block !== sequence[i].block
        if (endOfBlock) expect(new Set(values).size, `end of block ${expected[i].block} at site ${site}`).toBe(1)
      })
    }
    // Independent: the two sites' sequences differ (the same seed, different strata).
    expect(rows.filter((r) => r.site === 1).map((r) => r.program)).not.toEqual(rows.filter((r) => r.site === 2).map((r) => r.program))
  })
})

describe('the comparison and the exports by site', () => {
  it('filters the comparison to one site exactly as a hand computation on that subset; exports carry the site', async () => {
    await addSite('MUC', 'München')
    // Site, program and baseline pain of each runner.
    const plan: [number, ProgramCode, number][] = [
      [1, 'P1', 6], [1, 'P1', 8], [1, 'P2', 3], [1, 'P3', 9],
      [2, 'P1', 2], [2, 'P2', 5], [2, 'P2', 7], [2, 'P3', 4], [2, 'P3', 1],
    ]
    for (const [i, [siteId, programCode, pain]] of plan.entries()) {
      const base = runner(i, { siteId, program: { programCode, startDate: '2026-03-02', optionalExercises: [] } })
      await enroll({ ...base, baseline: { ...base.baseline, runningPain: pain } })
    }
    const baselineOf = (r: GroupComparisonResult, p: ProgramCode) => r.comparison.measures.runningPain.scores[p].baseline
    const bySite = await clinic.value<GroupComparisonResult>('outcomes/compare', { siteId: 2 })
    const all = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    expect(bySite.site).toMatchObject({ code: 'MUC' })
    expect([bySite.patients, all.patients]).toEqual([5, 9])
    for (const program of PROGRAM_CODES) {
      const pains = plan.filter(([site, p]) => site === 2 && p === program).map(([, , pain]) => pain)
      expect(baselineOf(bySite, program).n).toBe(pains.length)
      expect(baselineOf(bySite, program).mean).toBeCloseTo(pains.reduce((a, b) => a + b, 0) / pains.length, 10)
    }
    expect(await clinic.call('outcomes/compare', { siteId: 99 })).toMatchObject({ ok: false, error: { code: 'site_not_found' } })

    const csv = async (form: string) => {
      const file = await clinic.value<ExportFile>('exports/csv', { form })
      return parse(file.content, { columns: true, bom: true }) as Record<string, string>[]
    }
    const expectedSites = plan.map(([site]) => (site === 1 ? 'MAIN' : 'MUC'))
    expect((await csv('wide')).map((r) => r.site)).toEqual(expectedSites)
    expect((await csv('long')).map((r) => r.site)).toEqual(expectedSites)
    expect((await csv('patients')).map((r) => r.site)).toEqual(expectedSites)
    expect((await csv('dictionary')).filter((r) => r.column === 'site').map((r) => r.file)).toEqual([
      'backstride-outcomes-long.csv',
      'backstride-outcomes-wide.csv',
      'backstride-sessions.csv',
      'backstride-exercise-doses.csv',
      'backstride-adverse-events.csv',
      'backstride-patients.csv',
    ])
  })
})
