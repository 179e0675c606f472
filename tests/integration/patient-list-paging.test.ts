import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientCursor, PatientPage, PatientRecord, PatientSummary } from '../../electron/clinic/contract'
import type { PatientStatus } from '../../electron/clinic/domain/vocabulary'
import { PgDialect } from 'drizzle-orm/pg-core'
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core'
import { patientsMatching } from '../../db/dialect'
import { patientListPage } from '../../db/repositories/enrollments'
import { lastStartCompletedBy } from '../../electron/clinic/rules/status'
import { tablesOf } from '../../db/tables'
import { enrollment, tempClinic, testQuery, TEST_STORE, withRedFlag, type TempClinic } from './factories'

/*
 * The patient list a page at a time on a real clinic file: every patient exactly once and in order
 * across pages (names that tie included), the filters with paging, and the search served by the
 * trigram index kept by the migration's triggers through enrollments, corrections and imports.
 */

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic() // today is 2026-03-10
})
afterEach(() => clinic.close())

type Filter = { search?: string; programCode?: string | null; status?: PatientStatus | null; archived?: boolean }

const page = (input: Filter & { limit?: number; after?: PatientCursor | null }) => clinic.value<PatientPage>('patients/list', input)

/** Every page of a filtered list, following nextCursor from the first page. */
async function allPages(filter: Filter, limit: number) {
  const pages: PatientPage[] = [await page({ ...filter, limit })]
  while (pages.at(-1)!.nextCursor) {
    if (pages.length > 1000) throw new Error('the list never ends')
    pages.push(await page({ ...filter, limit, after: pages.at(-1)!.nextCursor }))
  }
  return pages
}

const ids = (rows: PatientSummary[]) => rows.map((p) => p.patientId)

/** The list's order, computed here: last name, first name (code unit order, as the store compares), then id. */
const inListOrder = <T extends { lastName: string; firstName: string; patientId: number }>(rows: T[]) =>
  [...rows].sort((a, b) =>
    a.lastName !== b.lastName ? (a.lastName < b.lastName ? -1 : 1) : a.firstName !== b.firstName ? (a.firstName < b.firstName ? -1 : 1) : a.patientId - b.patientId,
  )

/** Imports patients (not enrolled) from a spreadsheet: name pairs, each with its own date of birth so none is a duplicate. */
async function importPatients(names: [first: string, last: string][], clinicIds: string[] = []) {
  const csv = [
    'clinic_id;first_name;last_name;date_of_birth;sex;phone;email;preferred_language',
    ...names.map(([first, last], i) => `${clinicIds[i] ?? ''};${first};${last};${1950 + (i % 50)}-0${1 + (i % 9)}-1${i % 10};f;;;de`),
  ].join('\n')
  const result = await clinic.value<{ counts: { created: number } }>('imports/patients', { csv })
  expect(result.counts.created).toBe(names.length)
}

describe('the patient list, a page at a time', () => {
  it('returns every patient exactly once, in order, across pages, names that tie included', async () => {
    // 3 × 5 names, each pair four times over (ties on last and first name), plus names that sort oddly.
    const names: [string, string][] = []
    for (const last of ['Meier', 'Adler', 'Zimmer']) for (const first of ['Eva', 'Anna', 'Ben', 'Cem', 'Dora']) for (let n = 0; n < 4; n++) names.push([first, last])
    names.push(['Jürgen', 'Müller'], ['jan', 'meier'], ['Ida', 'Meierhof'], ['Öztürk', 'Ali'])
    await importPatients(names)
    const everyone = (await page({ limit: 500 })).rows
    expect(everyone).toHaveLength(names.length)

    for (const limit of [1, 7, 20, names.length, names.length + 5]) {
      const pages = await allPages({}, limit)
      const rows = pages.flatMap((p) => p.rows)
      expect(ids(rows), `limit ${limit}`).toEqual(ids(inListOrder(everyone)))
      expect(new Set(ids(rows)).size).toBe(names.length)
      expect(pages.slice(0, -1).every((p) => p.rows.length === limit)).toBe(true)
      // Counted on the first page only.
      expect(pages[0].total).toBe(names.length)
      expect(pages.slice(1).every((p) => p.total === null)).toBe(true)
    }
    expect((await page({ limit: names.length })).nextCursor).toBeNull()
  })

  it('keeps a page where it was when a patient is added before it (a keyset, not an offset)', async () => {
    await importPatients([['Anna', 'Berg'], ['Ben', 'Celik'], ['Cem', 'Dahl'], ['Dora', 'Ernst']])
    const first = await page({ limit: 2 })
    expect(first.rows.map((p) => p.lastName)).toEqual(['Berg', 'Celik'])
    await importPatients([['Aaron', 'Abel']])
    const second = await page({ limit: 2, after: first.nextCursor })
    expect(second.rows.map((p) => p.lastName)).toEqual(['Dahl', 'Ernst'])
    expect(second.nextCursor).toBeNull()
  })

  it('filters by status, program and archive in the store, page by page, with the status the patient page shows', async () => {
    // One runner in each status on 2026-03-10, some twice; and imported patients not enrolled.
    const runner = (first: string, last: string) => ({ ...enrollment().patient, firstName: first, lastName: last })
    const enroll = (input: ReturnType<typeof enrollment>) => clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', input)
    await enroll(enrollment({ patient: runner('Anna', 'Aktiv') }))
    await enroll(enrollment({ patient: runner('Bert', 'Aktiv'), program: { programCode: 'P2', startDate: '2026-03-09', optionalExercises: [] } }))
    await enroll(enrollment({ patient: runner('Carl', 'Bereit'), program: null }))
    await enroll(withRedFlag('history_of_cancer', { patient: runner('Dana', 'Wartend'), program: null }))
    const done = (first: string, startDate: string) =>
      enrollment({
        patient: runner(first, 'Fertig'),
        enrolledOn: startDate,
        screening: { ...enrollment().screening, screenedOn: startDate },
        baseline: { ...enrollment().baseline, assessedOn: startDate },
        program: { programCode: 'P3', startDate, optionalExercises: [] },
        consent: { treatment: { consentedOn: startDate, takenBy: 'Test Therapist' }, comparison: { given: true, answeredOn: startDate } },
      })
    // 56 days before today: past week 8 (completed); 55 days: the last day of week 8 (active).
    await enroll(done('Emil', '2026-01-13'))
    await enroll(done('Frida', '2026-01-14'))
    const gone = await enroll(enrollment({ patient: runner('Gina', 'Weg') }))
    await clinic.value('withdrawals/withdraw', { enrollmentId: gone.enrollmentId, withdrawnOn: '2026-03-09', category: 'patient_choice', reason: 'Moved away' })
    await importPatients([['Hans', 'Neu'], ['Ines', 'Neu']])

    const everyone = (await page({})).rows
    expect(everyone).toHaveLength(9)
    // The status each patient's own page shows (rules/status.ts in TypeScript), not the list's SQL.
    const expected = new Map<number, PatientStatus>()
    for (const p of everyone) {
      const got = await clinic.call<PatientRecord>('patients/get', { patientId: p.patientId })
      expected.set(p.patientId, got.ok ? got.value.status : 'not_enrolled')
    }
    expect([...expected.values()].sort()).toEqual(
      ['active', 'active', 'active', 'awaiting_clearance', 'completed', 'not_enrolled', 'not_enrolled', 'ready', 'withdrawn'].sort(),
    )
    for (const p of everyone) expect(p.status, `${p.firstName} ${p.lastName}`).toBe(expected.get(p.patientId))

    for (const status of ['active', 'awaiting_clearance', 'completed', 'not_enrolled', 'ready', 'withdrawn'] as const) {
      const pages = await allPages({ status }, 1)
      const want = everyone.filter((p) => expected.get(p.patientId) === status)
      expect(ids(pages.flatMap((p) => p.rows)), status).toEqual(ids(want))
      expect(pages[0].total, status).toBe(want.length)
    }
    // The same through the repository with a name-order window of 0 to 3 patients, so a page is also made from
    // the status's own indexes (and counted there), compared with the statuses the patient pages show.
    for (const window of [0, 1, 3]) {
      for (const status of ['active', 'awaiting_clearance', 'completed', 'not_enrolled', 'ready', 'withdrawn'] as const) {
        for (const limit of [1, 2]) {
          const seen: number[] = []
          let after: PatientCursor | null = null
          let total: number | null = null
          for (let n = 0; n < 20; n++) {
            const got = await patientListPage(clinic.store.db, { search: '', programCode: null, status, archived: false }, {
              limit, after, count: after === null, lastStartCompleted: lastStartCompletedBy('2026-03-10'), window,
            })
            if (after === null) total = got.total
            seen.push(...got.rows.map((r) => r.patientId))
            const last = got.rows.at(-1)
            if (!got.more || !last) break
            after = { lastName: last.lastName, firstName: last.firstName, patientId: last.patientId }
          }
          const want = everyone.filter((p) => expected.get(p.patientId) === status)
          expect(seen, `${status} window ${window} limit ${limit}`).toEqual(ids(want))
          expect(total, `${status} window ${window}`).toBe(want.length)
        }
      }
    }
    const p1 = await allPages({ programCode: 'P1' }, 1)
    expect(p1.flatMap((p) => p.rows).map((p) => p.firstName)).toEqual(['Anna', 'Gina'])
    expect(p1[0].total).toBe(2)
    const activeP2 = await allPages({ programCode: 'P2', status: 'active' }, 1)
    expect(activeP2.flatMap((p) => p.rows).map((p) => p.firstName)).toEqual(['Bert'])

    const hans = everyone.find((p) => p.firstName === 'Hans')!
    await clinic.value('patients/archive', { patientId: hans.patientId, reason: 'Never came' })
    expect((await page({ search: 'neu' })).rows.map((p) => p.firstName)).toEqual(['Ines'])
    const archived = await page({ archived: true })
    expect(archived).toEqual({ rows: [expect.objectContaining({ firstName: 'Hans' })], total: 1, nextCursor: null })
  })

  it('refuses a page larger than the largest, and a cursor that is not one', async () => {
    expect(await clinic.call('patients/list', { limit: 501 })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await clinic.call('patients/list', { limit: 0 })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await clinic.call('patients/list', { after: { lastName: 'Meier' } })).toMatchObject({ ok: false, error: { kind: 'validation' } })
  })
})

describe('searching patients', () => {
  const found = async (search: string) => (await page({ search })).rows.map((p) => `${p.firstName} ${p.lastName}`)

  it('finds by part of a first name, last name (either order) or clinic ID, ignoring case and diacritics', async () => {
    await importPatients(
      [
        ['Anna', 'Meier'],
        ['Jürgen', 'Müller'],
        ['Zoë', 'Öztürk'],
        ['Ben', 'Okafor'],
        ['Ida', 'Brandmeier'],
      ],
      ['KL-17', 'KL-18', '', 'KL-0042', ''],
    )
    expect(await found('mei')).toEqual(['Ida Brandmeier', 'Anna Meier'])
    expect(await found('MEIER')).toEqual(['Ida Brandmeier', 'Anna Meier'])
    expect(await found('anna mei')).toEqual(['Anna Meier'])
    expect(await found('Meier  Anna')).toEqual(['Anna Meier'])
    expect(await found('kl-00')).toEqual(['Ben Okafor'])
    expect(await found('KL-18')).toEqual(['Jürgen Müller'])
    // Without a clinic ID in the file, the import gave Zoë BS-00001 and Ida BS-00002; Ö sorts after the ASCII letters.
    expect(await found('bs-0000')).toEqual(['Ida Brandmeier', 'Zoë Öztürk'])
    // Umlauts and other diacritics, typed with or without them, in either case.
    expect(await found('müll')).toEqual(['Jürgen Müller'])
    expect(await found('MÜLLER')).toEqual(['Jürgen Müller'])
    expect(await found('muller')).toEqual(['Jürgen Müller'])
    expect(await found('jurg')).toEqual(['Jürgen Müller'])
    expect(await found('öztü')).toEqual(['Zoë Öztürk'])
    expect(await found('OZTURK')).toEqual(['Zoë Öztürk'])
    expect(await found('zoe')).toEqual(['Zoë Öztürk'])
    // One or two letters: the start of a word of a name or of the clinic ID (case and diacritics ignored).
    expect(await found('OK')).toEqual(['Ben Okafor'])
    expect(await found('zz')).toEqual([])
    // Characters the index's query language or LIKE would read as syntax are searched as typed.
    for (const odd of ['"', 'a"b', '%', '_', 'mei*', 'NEAR(a b)', "o'k", '\\']) expect(await found(odd), odd).toEqual([])
    expect((await page({ search: 'mei' })).total).toBe(2)
  })

  it('finds one or two letters at the start of a word of a name or clinic ID, not inside one', async () => {
    const people: [first: string, last: string, clinicId: string][] = [
      ['Anna', 'Maier', 'KL-1'],
      ['Anna-Maria', 'Roth', 'KL-2'],
      ['Thomas', 'Amann', 'KL-3'],
      ['Lena', 'Du Mont', 'KL-4'],
      ['Émile', "O'Brien", 'XY-77'],
      ['Jürgen', 'Müller', 'KL-0042'],
      ['Zoë', 'Öztürk', 'AB-9'],
    ]
    await importPatients(people.map(([first, last]) => [first, last]), people.map(([, , id]) => id))
    // Expected by hand: a word starts the name, or follows a space, hyphen or apostrophe; "ma" inside Thomas or Amann is not a start.
    expect(await found('ma')).toEqual(['Anna Maier', 'Anna-Maria Roth'])
    expect(await found('MA')).toEqual(['Anna Maier', 'Anna-Maria Roth'])
    expect(await found('mo')).toEqual(['Lena Du Mont'])
    expect(await found('br')).toEqual(["Émile O'Brien"])
    expect(await found("O'")).toEqual(["Émile O'Brien", 'Zoë Öztürk']) // the apostrophe is left out: words starting with o (Ö too)
    expect(await found('em')).toEqual(["Émile O'Brien"])
    expect(await found('mu')).toEqual(['Jürgen Müller'])
    expect(await found('ÖZ')).toEqual(['Zoë Öztürk'])
    expect(await found('00')).toEqual(['Jürgen Müller'])
    expect(await found('7')).toEqual(["Émile O'Brien"])
    expect(await found('xy')).toEqual(["Émile O'Brien"])
    expect(await found('a')).toEqual(['Thomas Amann', 'Anna Maier', 'Anna-Maria Roth', 'Zoë Öztürk']) // Zoë by her clinic ID AB-9
    expect(await found('om')).toEqual([])
    expect(await found('-')).toEqual([])
    expect((await page({ search: 'a', limit: 1 })).total).toBe(4)
    // From three letters on, a part anywhere again.
    expect(await found('hom')).toEqual(['Thomas Amann'])
  })

  it('reads a one- or two-letter search from its index, not a scan of every patient', async () => {
    await importPatients([['Anna', 'Meier']])
    const { patients } = tablesOf(clinic.store.db)
    const matching = patientsMatching(clinic.store.db, patients, 'me')!
    if (TEST_STORE === 'sqlite') {
      const plan = await testQuery<{ detail: string }>(clinic.store.db, `explain query plan select id from patients where ${new SQLiteSyncDialect().sqlToQuery(matching).sql}`, '"me"*')
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/SCAN patients_words VIRTUAL TABLE INDEX/)
    } else {
      const plan = await clinic.store.transaction(async (tx) => {
        await testQuery(tx, 'set local enable_seqscan = off')
        return testQuery<{ 'QUERY PLAN': string }>(tx, `explain select id from patients where ${new PgDialect().sqlToQuery(matching).sql.replace(/\$\d+/g, '?')}`, 'me')
      })
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan (using|on) patient_word_starts_lookup/)
    }
  })

  it.runIf(TEST_STORE === 'postgres')('counts a one- or two-letter search that finds every patient from its index, never working out word starts per patient', async () => {
    // 3,000 patients whose clinic IDs all start with the word "bs", analysed, so the planner knows the search finds them all.
    await clinic.query(`insert into patients (clinic_id, first_name, last_name, date_of_birth, sex, preferred_language, created_by)
      select 'BS-' || lpad(i::text, 5, '0'), 'Anna', 'Meier' || i, '1980-01-01', 'female', 'de', 'test' from generate_series(1, 3000) i`)
    await clinic.query('analyze')
    const { patients } = tablesOf(clinic.store.db)
    const matching = patientsMatching(clinic.store.db, patients, 'BS')!
    const plan = await testQuery<{ 'QUERY PLAN': string }>(
      clinic.store.db,
      `explain select count(*) from patients where archived_at is null and ${new PgDialect().sqlToQuery(matching).sql.replace(/\$\d+/g, '?')}`,
      'BS',
    )
    const text = plan.map((p) => p['QUERY PLAN']).join('\n')
    // The function that splits names into words (unaccent, a regular expression) runs when a patient is written, not in the list's queries.
    expect(text).not.toMatch(/patient_search_word_starts/)
    expect(text).toMatch(/patient_word_starts_lookup/)
    expect((await page({ search: 'BS', limit: 5 })).total).toBe(3000)
  })

  it('stays right after a patient is enrolled, corrected, archived and imported', async () => {
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', enrollment())
    expect(await found('meier')).toEqual(['Anna Meier'])

    await clinic.value('patients/correct', { patientId, lastName: 'Maier', firstName: 'Änne', reason: 'ID card checked' })
    expect(await found('meier')).toEqual([])
    expect(await found('maier')).toEqual(['Änne Maier'])
    expect(await found('ma')).toEqual(['Änne Maier'])
    expect(await found('me')).toEqual([])
    expect(await found('anne mai')).toEqual(['Änne Maier'])
    expect(await found('anna')).toEqual([])
    // A correction of other details leaves the names findable.
    await clinic.value('patients/correct', { patientId, phone: '+49 30 7654321', reason: 'New number' })
    expect(await found('maier')).toEqual(['Änne Maier'])

    await importPatients([['Björn', 'Weiß']], ['IMP-9'])
    expect(await found('björn')).toEqual(['Björn Weiß'])
    expect(await found('weiß')).toEqual(['Björn Weiß'])
    expect(await found('imp-9')).toEqual(['Björn Weiß'])
  })

  it('is served by the store\'s trigram index, not a scan of every patient', async () => {
    await importPatients([['Anna', 'Meier']])
    const { patients } = tablesOf(clinic.store.db)
    const matching = patientsMatching(clinic.store.db, patients, 'mei')!
    if (TEST_STORE === 'sqlite') {
      const plan = await testQuery<{ detail: string }>(clinic.store.db, `explain query plan select id from patients where ${new SQLiteSyncDialect().sqlToQuery(matching).sql}`, '"mei"')
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/SCAN patients_search VIRTUAL TABLE INDEX/)
    } else {
      // A table of one row is read whole whatever its indexes; with scans of it ruled out, the plan shows which index serves the search.
      const plan = await clinic.store.transaction(async (tx) => {
        await testQuery(tx, 'set local enable_seqscan = off')
        return testQuery<{ 'QUERY PLAN': string }>(tx, `explain select id from patients where ${new PgDialect().sqlToQuery(matching).sql.replace(/\$\d+/g, '?')}`, '%mei%')
      })
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on patients_search/)
    }
  })
})
