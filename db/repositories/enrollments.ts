import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import { namedColumns } from './namedColumns'
import type {
  assessments,
  assignments,
  eligibilityChecks,
  enrollments,
  followUps,
  patients,
  programs,
  programVersions,
  psfsActivities,
  psfsRatings,
  redFlagAnswers,
  redFlagScreenings,
  runningProfiles,
  sites,
} from '../schema'
import { tablesOf, type ClinicTables } from '../tables'
import { numberAfterPrefix, onServer, patientsMatching, searchesPartAnywhere, values } from '../dialect'
import type { FollowUpTimePoint, PatientStatus, ProgramCode, ScreeningOutcome } from '../../electron/clinic/domain/vocabulary'

export type PatientRow = typeof patients.$inferSelect
export type NewPatient = typeof patients.$inferInsert

export async function clinicIdTaken(db: ClinicDb, clinicId: string): Promise<boolean> {
  const { patients } = tablesOf(db)
  const [row] = await db.select({ id: patients.id }).from(patients).where(eq(patients.clinicId, clinicId))
  return row !== undefined
}

/** The next free clinic ID of the form BS-00001. */
export async function nextClinicId(db: ClinicDb): Promise<string> {
  const { patients } = tablesOf(db)
  const number = numberAfterPrefix(db, patients.clinicId, 'BS-')
  const [row] = await db
    .select({ n: sql<number | null>`max(${number.value})` })
    .from(patients)
    .where(number.matches)
  return `BS-${String((row?.n ?? 0) + 1).padStart(5, '0')}`
}

export interface NewEnrollment {
  /** Username of who records the enrollment; every row written carries it. */
  createdBy: string
  /** An existing patient (imported, not yet enrolled) whose details are updated, or null for a new one. */
  existingPatientId: number | null
  patient: NewPatient
  enrolledOn: string
  /** Where the runner is treated (sites). */
  siteId: number
  runningProfile: { runsPerWeek: number; weeklyDistanceKm: number; yearsRunning: number }
  eligibility: { criterion: string; met: boolean; overrideReason: string | null }[]
  screening: {
    screenedOn: string
    outcome: ScreeningOutcome
    answers: Record<string, boolean>
    clearedOn: string | null
    clearedBy: string | null
    clearanceNote: string | null
  }
  activities: string[]
  consent: {
    treatmentConsentOn: string | null
    treatmentConsentBy: string | null
    comparisonConsent: (typeof enrollments.$inferInsert)['comparisonConsent']
    comparisonConsentOn: string | null
  }
}

/** Writes a patient and everything recorded at enrollment. Call inside a transaction. */
export async function insertEnrollment(tx: ClinicDb, input: NewEnrollment) {
  const { patients, enrollments, runningProfiles, eligibilityChecks, redFlagScreenings, redFlagAnswers, psfsActivities } = tablesOf(tx)
  const { createdBy } = input
  const [patient] = input.existingPatientId
    ? await tx.update(patients).set(input.patient).where(eq(patients.id, input.existingPatientId)).returning({ id: patients.id })
    : await tx.insert(patients).values({ ...input.patient, createdBy }).returning({ id: patients.id })
  const [enrollment] = await tx
    .insert(enrollments)
    .values({ patientId: patient.id, enrolledOn: input.enrolledOn, siteId: input.siteId, consentAsked: true, ...input.consent, createdBy })
    .returning({ id: enrollments.id })
  const enrollmentId = enrollment.id
  await tx.insert(runningProfiles).values({ enrollmentId, ...input.runningProfile, createdBy })
  await tx.insert(eligibilityChecks).values(input.eligibility.map((e) => ({ enrollmentId, ...e, createdBy })))
  const { answers, ...screening } = input.screening
  const [screeningRow] = await tx
    .insert(redFlagScreenings)
    .values({ enrollmentId, ...screening, createdBy })
    .returning({ id: redFlagScreenings.id })
  await tx
    .insert(redFlagAnswers)
    .values(Object.entries(answers).map(([flag, present]) => ({ screeningId: screeningRow.id, flag, present })))
  const activityRows = await tx
    .insert(psfsActivities)
    .values(input.activities.map((description, position) => ({ enrollmentId, position: position + 1, description })))
    .returning({ id: psfsActivities.id, position: psfsActivities.position })
  return {
    patientId: patient.id,
    enrollmentId,
    activityIds: activityRows.sort((a, b) => a.position - b.position).map((a) => a.id),
  }
}

export async function insertAssessment(
  tx: ClinicDb,
  values: typeof assessments.$inferInsert,
  ratings: { activityId: number; rating: number }[],
) {
  const { assessments, psfsRatings, followUps } = tablesOf(tx)
  const [row] = await tx.insert(assessments).values(values).returning({ id: assessments.id })
  await tx.insert(psfsRatings).values(ratings.map((r) => ({ assessmentId: row.id, ...r })))
  await tx
    .update(followUps)
    .set({ assessmentId: row.id })
    .where(
      and(
        eq(followUps.enrollmentId, values.enrollmentId),
        eq(followUps.timePoint, values.timePoint),
        isNull(followUps.assessmentId),
      ),
    )
  return row.id
}

/** The scores of an assessment replaced (a fresh baseline), its ratings with them. */
export async function replaceAssessmentScores(
  tx: ClinicDb,
  assessmentId: number,
  values: { assessedOn: string; runningPain: number; runability: number; sitToStandReps: number | null },
  ratings: { activityId: number; rating: number }[],
) {
  const { assessments, psfsRatings } = tablesOf(tx)
  await tx.update(assessments).set(values).where(eq(assessments.id, assessmentId))
  await tx.delete(psfsRatings).where(eq(psfsRatings.assessmentId, assessmentId))
  await tx.insert(psfsRatings).values(ratings.map((r) => ({ assessmentId, ...r })))
}

/** The baseline assessment of an enrollment with its ratings; null before one is recorded. */
export async function baselineOf(db: ClinicDb, enrollmentId: number) {
  const { assessments, psfsRatings } = tablesOf(db)
  const [row] = await db
    .select({
      assessmentId: assessments.id,
      assessedOn: assessments.assessedOn,
      runningPain: assessments.runningPain,
      runability: assessments.runability,
      sitToStandReps: assessments.sitToStandReps,
    })
    .from(assessments)
    .where(and(eq(assessments.enrollmentId, enrollmentId), eq(assessments.timePoint, 'baseline')))
  if (!row) return null
  const ratings = await db
    .select({ activityId: psfsRatings.activityId, rating: psfsRatings.rating })
    .from(psfsRatings)
    .where(eq(psfsRatings.assessmentId, row.assessmentId))
    .orderBy(asc(psfsRatings.activityId))
  return { ...row, ratings }
}

export async function enrollmentRow(db: ClinicDb, enrollmentId: number) {
  const { enrollments, redFlagScreenings, assignments } = tablesOf(db)
  const [row] = await db
    .select({ enrollment: enrollments, screening: redFlagScreenings, assignment: assignments })
    .from(enrollments)
    .innerJoin(redFlagScreenings, eq(redFlagScreenings.enrollmentId, enrollments.id))
    .leftJoin(assignments, eq(assignments.enrollmentId, enrollments.id))
    .where(eq(enrollments.id, enrollmentId))
  return row ?? null
}

export async function activityIds(db: ClinicDb, enrollmentId: number): Promise<number[]> {
  const { psfsActivities } = tablesOf(db)
  const rows = await db
    .select({ id: psfsActivities.id })
    .from(psfsActivities)
    .where(eq(psfsActivities.enrollmentId, enrollmentId))
    .orderBy(asc(psfsActivities.position))
  return rows.map((r) => r.id)
}

export async function recordedTimePoints(db: ClinicDb, enrollmentId: number) {
  const { assessments } = tablesOf(db)
  return db
    .select({ timePoint: assessments.timePoint, assessedOn: assessments.assessedOn })
    .from(assessments)
    .where(and(eq(assessments.enrollmentId, enrollmentId), isNull(assessments.voidedAt)))
}

export async function followUpRows(db: ClinicDb, enrollmentIds: number[]) {
  const { followUps } = tablesOf(db)
  if (enrollmentIds.length === 0) return []
  return db
    .select()
    .from(followUps)
    .where(inArray(followUps.enrollmentId, enrollmentIds))
    .orderBy(asc(followUps.dueOn))
}

/** What the patient list shows of one patient: their newest enrollment (nulls for an imported patient not yet enrolled). */
export interface PatientListRow {
  patientId: number
  clinicId: string
  firstName: string
  lastName: string
  isDemo: boolean
  enrollmentId: number | null
  /** Where the runner stands (rules/status.ts patientStatus), read in SQL so the list can be filtered and paged by it. */
  status: PatientStatus
  startDate: string | null
  programCode: (typeof programs.$inferSelect)['code'] | null
  nonRandomisedReason: string | null
  /** The earliest follow-up not yet taken, by due date. */
  openFollowUp: { timePoint: (typeof followUps.$inferSelect)['timePoint']; dueOn: string } | null
}

export interface PatientListFilter {
  search: string
  programCode: ProgramCode | null
  status: PatientStatus | null
  archived: boolean
}

/**
 * patientStatus (rules/status.ts) as SQL over the list's joins, the same steps in the same order; a
 * started program counts as completed when it started on or before `lastStartCompleted`.
 */
function statusOf({ enrollments, redFlagScreenings, assignments }: ClinicTables, lastStartCompleted: string) {
  return sql<PatientStatus>`(case
    when ${enrollments.id} is null then 'not_enrolled'
    when ${enrollments.withdrawnOn} is not null then 'withdrawn'
    when not (${redFlagScreenings.outcome} = 'clear' or ${redFlagScreenings.clearedOn} is not null) then 'awaiting_clearance'
    when ${assignments.startDate} is null then 'ready'
    when ${assignments.startDate} <= ${lastStartCompleted} then 'completed'
    else 'active'
  end)`
}

/** The patient list's columns, as the store returns them (is_demo as 0 or 1; null where the patient has no enrollment yet). */
function listColumns(tables: ClinicTables, lastStartCompleted: string) {
  const { patients, enrollments, assignments, programs, followUps } = tables
  const openFollowUp = (column: typeof followUps.timePoint | typeof followUps.dueOn) =>
    sql`(select ${column} from ${followUps} where ${followUps.enrollmentId} = ${enrollments.id} and ${followUps.assessmentId} is null order by ${followUps.dueOn} limit 1)`
  return namedColumns([
    ['patientId', sql<number>`${patients.id}`],
    ['clinicId', sql<string>`${patients.clinicId}`],
    ['firstName', sql<string>`${patients.firstName}`],
    ['lastName', sql<string>`${patients.lastName}`],
    ['isDemo', sql<number>`${patients.isDemo}`],
    ['enrollmentId', sql<number | null>`${enrollments.id}`],
    ['status', statusOf(tables, lastStartCompleted)],
    ['startDate', sql<string | null>`${assignments.startDate}`],
    ['programCode', sql<PatientListRow['programCode']>`${programs.code}`],
    ['nonRandomisedReason', sql<string | null>`${assignments.nonRandomisedReason}`],
    ['openTimePoint', sql<NonNullable<PatientListRow['openFollowUp']>['timePoint'] | null>`${openFollowUp(followUps.timePoint)}`],
    ['openDueOn', sql<string | null>`${openFollowUp(followUps.dueOn)}`],
  ])
}

/** The patients, their newest enrollment, its screening and program: what the list reads and filters on. */
function listFrom({ patients, enrollments, redFlagScreenings, assignments, programVersions, programs }: ClinicTables, from: SQL = sql`${patients}`): SQL {
  return sql`${from}
    left join ${enrollments} on ${enrollments.id} = (select max(${sql.identifier('newest')}.${sql.identifier('id')}) from ${enrollments} as ${sql.identifier('newest')} where ${sql.identifier('newest')}.${sql.identifier('patient_id')} = ${patients.id})
    left join ${redFlagScreenings} on ${redFlagScreenings.enrollmentId} = ${enrollments.id}
    left join ${assignments} on ${assignments.enrollmentId} = ${enrollments.id}
    left join ${programVersions} on ${programVersions.id} = ${assignments.programVersionId}
    left join ${programs} on ${programs.id} = ${programVersions.programId}`
}

/**
 * The patients whose status (statusOf) is `status`, as a set read from the indexes the status depends
 * on, not by working out every patient's status: the withdrawn from enrollments_withdrawn, those awaiting
 * clearance from red_flag_screenings_awaiting, active and completed from assignments_start_date (a range
 * either side of `lastStartCompleted`). Ready and not enrolled are where a record is missing (no assignment,
 * no enrollment): one pass over a covering index. A patient has one enrollment (enrollments_one_per_patient),
 * so it is the newest the list shows. The same steps as statusOf, in the same order.
 */
function patientsWithStatus(tables: ClinicTables, status: PatientStatus, lastStartCompleted: string): SQL {
  const { patients, enrollments, redFlagScreenings, assignments } = tables
  const cleared = sql`(${redFlagScreenings.outcome} = 'clear' or ${redFlagScreenings.clearedOn} is not null)`
  const started = (range: SQL) => sql`select ${enrollments.patientId} from ${assignments}
    join ${enrollments} on ${enrollments.id} = ${assignments.enrollmentId}
    join ${redFlagScreenings} on ${redFlagScreenings.enrollmentId} = ${enrollments.id}
    where ${range} and ${enrollments.withdrawnOn} is null and ${cleared}`
  switch (status) {
    case 'not_enrolled':
      return sql`select ${patients.id} from ${patients} where not exists (select 1 from ${enrollments} where ${enrollments.patientId} = ${patients.id})`
    case 'withdrawn':
      return sql`select ${enrollments.patientId} from ${enrollments} where ${enrollments.withdrawnOn} is not null`
    case 'awaiting_clearance':
      return sql`select ${enrollments.patientId} from ${redFlagScreenings}
        join ${enrollments} on ${enrollments.id} = ${redFlagScreenings.enrollmentId}
        where ${redFlagScreenings.outcome} <> 'clear' and ${redFlagScreenings.clearedOn} is null and ${enrollments.withdrawnOn} is null`
    case 'ready':
      return sql`select ${enrollments.patientId} from ${enrollments}
        join ${redFlagScreenings} on ${redFlagScreenings.enrollmentId} = ${enrollments.id}
        where ${enrollments.withdrawnOn} is null and ${cleared}
        and not exists (select 1 from ${assignments} where ${assignments.enrollmentId} = ${enrollments.id})`
    case 'active':
      return started(sql`${assignments.startDate} > ${lastStartCompleted}`)
    case 'completed':
      return started(sql`${assignments.startDate} <= ${lastStartCompleted}`)
  }
}

/**
 * How many patients after the cursor, in name order, a page first looks among before reading its
 * filter's index instead. Smaller on PostgreSQL, where checking a patient of the window (its newest
 * enrollment, its status) costs more than on SQLite.
 */
const NAME_ORDER_WINDOW = { sqlite: 1000, postgres: 300 } as const

/**
 * A search of three letters or more usually finds few patients: its matches are read from the index
 * first, up to this many; only a search finding more looks in the name-order window.
 */
const MATCHES_READ_FIRST = 5000

/**
 * One page of the patient list, in order of last name, first name and id (the index
 * patients_name_order): `limit` patients after the cursor, rows as arrays; the newest enrollment and
 * the earliest open follow-up are index seeks per patient of the page. With `count`, also how many
 * patients the filter matches in all. Search (an index on either store, db/dialect.ts
 * patientsMatching), program, status and archive are all filtered in SQL, so a page holds `limit`
 * matching patients whatever the filter.
 *
 * A filtered page stays flat whether the filter matches most patients or almost none: it first looks
 * at the next NAME_ORDER_WINDOW patients in name order, checking each (enough when the filter matches
 * one patient in a few); when they do not fill the page and more patients follow, the filter's
 * matches are read from its index (the search index, the status's indexes) and only they are sorted.
 * A search of three letters or more alone goes to its index first (up to MATCHES_READ_FIRST matches),
 * as it usually finds few. The count reads the matches from the index too.
 */
export async function patientListPage(
  db: ClinicDb,
  filter: PatientListFilter,
  page: {
    limit: number
    after: { lastName: string; firstName: string; patientId: number } | null
    count: boolean
    /** A started program is completed when it started on or before this day (rules/status.ts lastStartCompletedBy). */
    lastStartCompleted: string
    /** How many patients in name order to look among first (NAME_ORDER_WINDOW; tests make it small to read the indexes). */
    window?: number
  },
): Promise<{ rows: PatientListRow[]; more: boolean; total: number | null }> {
  const tables = tablesOf(db)
  const { patients, programs } = tables
  const { lastStartCompleted } = page
  const windowSize = page.window ?? NAME_ORDER_WINDOW[onServer(db) ? 'postgres' : 'sqlite']
  const archived = filter.archived ? isNotNull(patients.archivedAt) : isNull(patients.archivedAt)
  const search = patientsMatching(db, patients, filter.search)
  const program = filter.programCode ? eq(programs.code, filter.programCode) : undefined
  const after = page.after
    ? sql`(${patients.lastName}, ${patients.firstName}, ${patients.id}) > (${page.after.lastName}, ${page.after.firstName}, ${page.after.patientId})`
    : undefined
  const order = sql`order by ${patients.lastName} asc, ${patients.firstName} asc, ${patients.id} asc`
  const filtered = search !== undefined || program !== undefined || filter.status !== null
  // Each patient checked as the list's joins read it (the status worked out per patient) ...
  const checked = and(search, program, filter.status ? sql`${statusOf(tables, lastStartCompleted)} = ${filter.status}` : undefined)
  // ... or the matches read from the indexes (the status's set of patients; program has no index of its own).
  const matched = and(
    archived,
    search,
    program,
    filter.status ? sql`${patients.id} in (${patientsWithStatus(tables, filter.status, lastStartCompleted)})` : undefined,
  )
  // The joins only where a filter reads them: without, counting every patient is one pass over the table.
  const matchedFrom = filter.programCode ? listFrom(tables) : sql`${patients}`
  let counted: number | null = null
  const pageIds = async (): Promise<number[]> => {
    if (!filtered && !filter.archived) {
      const ids = await values<[number]>(db, sql`select ${patients.id} from ${patients} where ${and(archived, after)} ${order} limit ${page.limit + 1}`)
      return ids.map(([id]) => id)
    }
    // Few matches: read them from the index, then sort only them (materialized: no walk of the name order),
    // at most `cap` of them (undefined when there were more). The same pass counts them (the count before the limit).
    const sortedMatches = async (cap: number | null): Promise<number[] | undefined> => {
      const rows = await values<[number, number]>(
        db,
        sql`with ${sql.identifier('matched')} as materialized (
          select ${patients.id} as ${sql.identifier('id')}, ${patients.lastName} as ${sql.identifier('last_name')}, ${patients.firstName} as ${sql.identifier('first_name')}
          from ${matchedFrom} where ${and(matched, after)} ${cap === null ? sql`` : sql`limit ${cap + 1}`}
        )
        select ${sql.identifier('id')}, count(*) over () from ${sql.identifier('matched')}
        order by ${sql.identifier('last_name')} asc, ${sql.identifier('first_name')} asc, ${sql.identifier('id')} asc limit ${page.limit + 1}`,
      )
      const found = rows[0]?.[1] ?? 0
      if (cap !== null && found > cap) return undefined
      if (page.after === null) counted = found
      return rows.map(([id]) => id)
    }
    // A search of three letters or more (alone): its matches first, as they are usually few.
    if (!filter.archived && program === undefined && filter.status === null && searchesPartAnywhere(filter.search)) {
      const few = await sortedMatches(MATCHES_READ_FIRST)
      if (few) return few
    }
    // The archived are few (the index patients_archived): their matches are read and sorted straight away.
    if (filtered && !filter.archived) {
      // The window stands in for the table under its name, so the list's joins and the filters read it as they read patients.
      const window = sql`(select * from ${patients} where ${and(archived, after)} ${order} limit ${windowSize}) as ${patients}`
      const windowFrom = filter.programCode || filter.status ? listFrom(tables, window) : window
      const near = await values<[number]>(db, sql`select ${patients.id} from ${windowFrom} where ${checked} ${order} limit ${page.limit + 1}`)
      if (near.length > page.limit) return near.map(([id]) => id)
      const [[looked]] = await values<[number]>(db, sql`select count(*) from ${window}`)
      if (looked < windowSize) return near.map(([id]) => id)
    }
    return (await sortedMatches(null))!
  }
  const ids = await pageIds()
  const LIST = listColumns(tables, lastStartCompleted)
  const shown = ids.slice(0, page.limit)
  const rows = shown.length === 0 ? [] : await LIST.rows(db, sql`select ${LIST.list} from ${listFrom(tables)} where ${inArray(patients.id, shown)} ${order}`)
  let total: number | null = null
  if (page.count && counted !== null) total = counted
  else if (page.count) {
    const [row] = await values<[number]>(db, sql`select count(*) from ${matchedFrom} where ${matched}`)
    total = row[0]
  }
  const at = LIST.at
  return {
    more: ids.length > page.limit,
    total,
    rows: rows.map((row) => {
      const timePoint = row[at.openTimePoint]
      const dueOn = row[at.openDueOn]
      return {
        patientId: row[at.patientId],
        clinicId: row[at.clinicId],
        firstName: row[at.firstName],
        lastName: row[at.lastName],
        isDemo: row[at.isDemo] === 1,
        enrollmentId: row[at.enrollmentId],
        status: row[at.status],
        startDate: row[at.startDate],
        programCode: row[at.programCode],
        nonRandomisedReason: row[at.nonRandomisedReason],
        openFollowUp: timePoint !== null && dueOn !== null ? { timePoint, dueOn } : null,
      }
    }),
  }
}

export async function patientRow(db: ClinicDb, patientId: number): Promise<PatientRow | null> {
  const { patients } = tablesOf(db)
  const [patient] = await db.select().from(patients).where(eq(patients.id, patientId))
  return patient ?? null
}

export async function latestEnrollmentOf(db: ClinicDb, patientId: number) {
  const { enrollments } = tablesOf(db)
  const [enrollment] = await db
    .select()
    .from(enrollments)
    .where(eq(enrollments.patientId, patientId))
    .orderBy(desc(enrollments.id))
    .limit(1)
  return enrollment ?? null
}

/** Everything recorded at and since enrollment for a patient's newest enrollment, or null. */
export async function patientRecordRows(db: ClinicDb, patientId: number) {
  const { runningProfiles, eligibilityChecks, redFlagScreenings, redFlagAnswers, assignments, psfsActivities, sites } = tablesOf(db)
  const patient = await patientRow(db, patientId)
  if (!patient) return null
  const enrollment = await latestEnrollmentOf(db, patientId)
  if (!enrollment) return null
  const enrollmentId = enrollment.id
  const [profile] = await db.select().from(runningProfiles).where(eq(runningProfiles.enrollmentId, enrollmentId))
  const eligibility = await db
    .select()
    .from(eligibilityChecks)
    .where(eq(eligibilityChecks.enrollmentId, enrollmentId))
    .orderBy(asc(eligibilityChecks.id))
  const [screening] = await db.select().from(redFlagScreenings).where(eq(redFlagScreenings.enrollmentId, enrollmentId))
  const answers = await db.select().from(redFlagAnswers).where(eq(redFlagAnswers.screeningId, screening.id))
  const [assignment] = await db.select().from(assignments).where(eq(assignments.enrollmentId, enrollmentId))
  const [site] = await db.select().from(sites).where(eq(sites.id, enrollment.siteId))
  const activities = await db
    .select()
    .from(psfsActivities)
    .where(eq(psfsActivities.enrollmentId, enrollmentId))
    .orderBy(asc(psfsActivities.position))
  return { patient, enrollment, site, profile, eligibility, screening, answers, assignment: assignment ?? null, activities }
}

export async function insertAssignment(tx: ClinicDb, values: typeof assignments.$inferInsert, schedule: { timePoint: FollowUpTimePoint; dueOn: string }[]) {
  const { assignments, followUps } = tablesOf(tx)
  const [row] = await tx.insert(assignments).values(values).returning({ id: assignments.id })
  await tx.insert(followUps).values(schedule.map((s) => ({ enrollmentId: values.enrollmentId, ...s })))
  return row.id
}

export async function recordClearance(
  tx: ClinicDb,
  enrollmentId: number,
  clearance: { clearedOn: string; clearedBy: string; clearanceNote: string | null },
) {
  const { redFlagScreenings } = tablesOf(tx)
  const [row] = await tx
    .update(redFlagScreenings)
    .set(clearance)
    .where(eq(redFlagScreenings.enrollmentId, enrollmentId))
    .returning()
  return row
}

export async function hasDemoPatients(db: ClinicDb): Promise<boolean> {
  const { patients } = tablesOf(db)
  const [row] = await db.select({ id: patients.id }).from(patients).where(eq(patients.isDemo, true)).limit(1)
  return row !== undefined
}

/** Archives or restores a patient: the records stay, the patient leaves (or returns to) the lists. */
export async function setPatientArchived(tx: ClinicDb, patientId: number, archived: { at: string; by: string } | null) {
  const { patients } = tablesOf(tx)
  const [row] = await tx
    .update(patients)
    .set({ archivedAt: archived?.at ?? null, archivedBy: archived?.by ?? null })
    .where(eq(patients.id, patientId))
    .returning()
  return row
}
