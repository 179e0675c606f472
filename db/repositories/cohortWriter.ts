import type Database from 'better-sqlite3'
import { and, count, eq, getTableColumns, getTableName, inArray, sql, type SQLWrapper } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { ClinicDb, ClinicStore } from '../client'
import type {
  adverseEvents,
  assessments,
  assignments,
  auditLog,
  eligibilityChecks,
  enrollments,
  followUps,
  patients,
  psfsActivities,
  psfsRatings,
  redFlagAnswers,
  redFlagScreenings,
  runningProfiles,
  sessionExercises,
  sessions,
  settings,
} from '../schema'
import { tablesOf } from '../tables'
import { firstFreeId, idsUsedUpTo, insertByColumns } from '../dialect'
import { exerciseIdsByCode, latestProgramVersionIds } from './catalogue'
import { activeSites } from './sites'
import type { FollowUpTimePoint, ProgramCode } from '../../electron/clinic/domain/vocabulary'

/*
 * Bulk writer for a simulated demo cohort (electron/clinic/demo generates the
 * plan). Everything lands in one transaction; every patient is marked is_demo
 * and the settings row 'demo_data' records what was written. Real patients and
 * their records are never read for writing, changed or removed.
 */

type Select<T extends SQLiteTable> = T['$inferSelect']

export type CohortTimePoint = Select<typeof assessments>['timePoint']

/** One runner's records as plain data; records point at each other by position in their list. */
export interface RunnerPlan {
  patient: Omit<Select<typeof patients>, 'id' | 'isDemo' | 'createdAt' | 'createdBy' | 'archivedAt' | 'archivedBy'>
  enrolledOn: string
  withdrawal: { withdrawnOn: string; category: NonNullable<Select<typeof enrollments>['withdrawalCategory']>; reason: string } | null
  /** Consent to treatment (day, who took it) and to the program comparison (given on a day). */
  consent: { treatmentConsentOn: string; treatmentConsentBy: string; comparisonConsentOn: string }
  adverseEvents: Pick<Select<typeof adverseEvents>, 'occurredOn' | 'description' | 'severity' | 'related' | 'actionTaken'>[]
  runningProfile: Pick<Select<typeof runningProfiles>, 'runsPerWeek' | 'weeklyDistanceKm' | 'yearsRunning'>
  eligibility: Pick<Select<typeof eligibilityChecks>, 'criterion' | 'met' | 'overrideReason'>[]
  screening: Omit<Select<typeof redFlagScreenings>, 'id' | 'enrollmentId' | 'createdAt' | 'createdBy'> & { answers: Record<string, boolean> }
  /** The runner's PSFS activities, positions 1, 2, ... in this order. */
  activities: string[]
  assignment: { programCode: ProgramCode; startDate: string; optionalExercises: string[] }
  /** Supervised sessions; assessments point at them by position. */
  sessions: SessionPlan[]
  /** Home sessions from the runner's weekly logs (kind 'home', no exercises), as the app records a returned sheet. */
  homeSessions: SessionPlan[]
  assessments: AssessmentPlan[]
  followUps: { timePoint: FollowUpTimePoint; dueOn: string; assessment: number | null }[]
}

/** A demo record is never voided: the void columns are left to their default (null). */
type VoidColumns = 'voidedAt' | 'voidedBy' | 'voidReason'

export type SessionPlan = Omit<Select<typeof sessions>, 'id' | 'enrollmentId' | 'createdAt' | 'createdBy' | 'updatedAt' | VoidColumns> & {
  exercises: SessionExercisePlan[]
}

export type SessionExercisePlan = Omit<Select<typeof sessionExercises>, 'id' | 'sessionId' | 'exerciseId'> & {
  exerciseCode: string
}

export type AssessmentPlan = Omit<Select<typeof assessments>, 'id' | 'enrollmentId' | 'sessionId' | 'createdAt' | 'createdBy' | 'deviationReason' | VoidColumns> & {
  /** One rating per activity, in the activities' order. */
  ratings: number[]
  /** Position in `sessions` of the supervised session it was taken in, or null. */
  session: number | null
}

export interface CohortPlan {
  seed: number
  runners: RunnerPlan[]
}

export const DEMO_SETTING_KEY = 'demo_data'

export interface DemoMarker {
  seed: number
  patients: number
  createdAt: string
}

export interface CohortCounts {
  patients: number
  /** Every session row written, supervised and home. */
  sessions: number
  /** Of these, home sessions. */
  homeSessions: number
  sessionExercises: number
  assessments: number
  psfsRatings: number
  followUps: number
}

/** Refusal to write a second demo cohort over a first one. */
export class DemoCohortPresentError extends Error {
  constructor(
    readonly demoPatients: number,
    readonly marker: DemoMarker | null,
  ) {
    super(
      `The database already holds a demo cohort (${demoPatients} demo patients` +
        (marker ? `, seed ${marker.seed}, written ${marker.createdAt}` : '') +
        '). Nothing was written.',
    )
    this.name = 'DemoCohortPresentError'
  }
}

/**
 * SQLite's default limit on bound parameters in one statement
 * (SQLITE_MAX_VARIABLE_NUMBER, 32766 since 3.32; better-sqlite3 bundles its own SQLite).
 */
const MAX_VARIABLES = 32766
/** Rows per INSERT: fastest around 200 here (50: 40 % slower, 2000: 30 % slower). */
const ROWS_PER_STATEMENT = 200
/** Runners turned into rows at a time, to bound memory on large cohorts. */
const RUNNERS_PER_BATCH = 500

/**
 * Multi-row INSERTs, each under the parameter limit, prepared once per table
 * and row count. Column names and value conversions (booleans, JSON) come from
 * the Drizzle schema; the statements run on the raw connection because
 * Drizzle's query builder costs about 40 µs a row, minutes for a benchmark
 * cohort of three million rows. Rows given in one call must have the same keys.
 */
function sqliteBulkInserter(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>()
  return <T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]) => {
    if (rows.length === 0) return
    const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0])
    const name = getTableName(table)
    const chunk = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_VARIABLES / columns.length)))
    const tuple = `(${columns.map(() => '?').join(', ')})`
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk) as Record<string, unknown>[]
      const key = `${name}:${part.length}`
      let statement = statements.get(key)
      if (!statement) {
        const head = `insert into "${name}" (${columns.map(([, column]) => `"${column.name}"`).join(', ')}) values `
        statement = sqlite.prepare(head + Array<string>(part.length).fill(tuple).join(', '))
        statements.set(key, statement)
      }
      const params: unknown[] = []
      for (const row of part) {
        for (const [field, column] of columns) {
          const value = row[field]
          params.push(value === null || value === undefined ? null : column.mapToDriverValue(value))
        }
      }
      statement.run(params)
    }
  }
}

/** Writes rows of a table in bulk, on the store's own fastest path; rows given in one call have the same keys. */
function bulkInserter(store: ClinicStore, tx: ClinicDb): <T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]) => Promise<void> {
  // A server: one array parameter per column, unnested (db/dialect.ts insertByColumns).
  if (store.kind === 'postgres') return (table, rows) => insertByColumns(tx, table, rows as Record<string, unknown>[])
  const insert = sqliteBulkInserter(store.sqlite)
  return async (table, rows) => insert(table, rows)
}

export async function demoMarker(db: ClinicDb): Promise<DemoMarker | null> {
  const { settings } = tablesOf(db)
  const [row] = await db.select().from(settings).where(eq(settings.key, DEMO_SETTING_KEY))
  return row ? (row.value as DemoMarker) : null
}

async function demoPatientCount(db: ClinicDb): Promise<number> {
  const { patients } = tablesOf(db)
  const [row] = await db.select({ n: count() }).from(patients).where(eq(patients.isDemo, true))
  return row.n
}

/** Removes every demo patient and all of their records (audit entries included); returns how many patients. */
export async function removeDemoCohort(tx: ClinicDb): Promise<number> {
  const { patients, enrollments, runningProfiles, eligibilityChecks, redFlagScreenings, redFlagAnswers, assignments, sessions, sessionExercises, psfsActivities, assessments, psfsRatings, followUps, adverseEvents, auditLog, settings } = tablesOf(tx)
  const removed = await demoPatientCount(tx)
  const demoPatients = tx.select({ id: patients.id }).from(patients).where(eq(patients.isDemo, true))
  const demoEnrollments = tx.select({ id: enrollments.id }).from(enrollments).where(inArray(enrollments.patientId, demoPatients))
  const ofDemoEnrollments = <T extends SQLiteTable & { id: SQLiteColumn; enrollmentId: SQLiteColumn }>(table: T) =>
    tx.select({ id: table.id }).from(table as SQLiteTable).where(inArray(table.enrollmentId, demoEnrollments))
  const demoAssessments = ofDemoEnrollments(assessments)
  const demoSessions = ofDemoEnrollments(sessions)
  const demoScreenings = ofDemoEnrollments(redFlagScreenings)

  const demoAdverseEvents = ofDemoEnrollments(adverseEvents)
  const owned: [SQLiteTable, SQLWrapper][] = [
    [patients, demoPatients],
    [adverseEvents, demoAdverseEvents],
    [enrollments, demoEnrollments],
    [runningProfiles, ofDemoEnrollments(runningProfiles)],
    [eligibilityChecks, ofDemoEnrollments(eligibilityChecks)],
    [redFlagScreenings, demoScreenings],
    [assignments, ofDemoEnrollments(assignments)],
    [psfsActivities, ofDemoEnrollments(psfsActivities)],
    [sessions, demoSessions],
    [assessments, demoAssessments],
    [followUps, ofDemoEnrollments(followUps)],
  ]
  for (const [table, ids] of owned) {
    await tx
      .delete(auditLog)
      .where(and(eq(auditLog.tableName, getTableName(table)), inArray(auditLog.recordId, ids)))
  }
  // Children before parents: foreign keys are checked on every statement.
  await tx.delete(adverseEvents).where(inArray(adverseEvents.enrollmentId, demoEnrollments))
  await tx.delete(psfsRatings).where(inArray(psfsRatings.assessmentId, demoAssessments))
  await tx.delete(followUps).where(inArray(followUps.enrollmentId, demoEnrollments))
  await tx.delete(assessments).where(inArray(assessments.enrollmentId, demoEnrollments))
  await tx.delete(sessionExercises).where(inArray(sessionExercises.sessionId, demoSessions))
  await tx.delete(sessions).where(inArray(sessions.enrollmentId, demoEnrollments))
  await tx.delete(psfsActivities).where(inArray(psfsActivities.enrollmentId, demoEnrollments))
  await tx.delete(assignments).where(inArray(assignments.enrollmentId, demoEnrollments))
  await tx.delete(redFlagAnswers).where(inArray(redFlagAnswers.screeningId, demoScreenings))
  await tx.delete(redFlagScreenings).where(inArray(redFlagScreenings.enrollmentId, demoEnrollments))
  await tx.delete(eligibilityChecks).where(inArray(eligibilityChecks.enrollmentId, demoEnrollments))
  await tx.delete(runningProfiles).where(inArray(runningProfiles.enrollmentId, demoEnrollments))
  await tx.delete(enrollments).where(inArray(enrollments.patientId, demoPatients))
  await tx.delete(patients).where(eq(patients.isDemo, true))
  await tx.delete(settings).where(eq(settings.key, DEMO_SETTING_KEY))
  return removed
}

/** What the cohort refers to by name: the latest version of each program and the exercises by code. */
async function catalogueIds(tx: ClinicDb, plan: CohortPlan) {
  const versions = await latestProgramVersionIds(tx)
  const exercises = await exerciseIdsByCode(tx)
  for (const runner of plan.runners) {
    if (!versions.has(runner.assignment.programCode)) {
      throw new Error(`Program ${runner.assignment.programCode} is not in the catalogue: open the clinic once to load it`)
    }
    for (const session of runner.sessions) {
      const unknown = session.exercises.find((e) => !exercises.has(e.exerciseCode))
      if (unknown) throw new Error(`Exercise ${unknown.exerciseCode} is not in the catalogue`)
    }
  }
  return { versions, exercises }
}

async function refuseTakenClinicIds(tx: ClinicDb, plan: CohortPlan) {
  const { patients } = tablesOf(tx)
  const taken = new Set((await tx.select({ clinicId: patients.clinicId }).from(patients)).map((r) => r.clinicId))
  const clash = plan.runners.find((r) => taken.has(r.patient.clinicId))
  if (clash) throw new Error(`Clinic ID ${clash.patient.clinicId} is already used by a patient; no demo data was written`)
}

/**
 * Writes the cohort in one transaction. Refuses (DemoCohortPresentError, nothing
 * written) when demo data is present, unless `replace`, which first removes the
 * earlier demo patients and their records in the same transaction.
 */
export async function writeDemoCohort(
  store: ClinicStore,
  plan: CohortPlan,
  options: { replace?: boolean; now?: () => Date } = {},
): Promise<CohortCounts & { replacedPatients: number }> {
  const createdAt = (options.now ?? (() => new Date()))().toISOString()
  return store.transaction(async (tx) => {
    const present = await demoPatientCount(tx)
    const marker = await demoMarker(tx)
    if ((present > 0 || marker) && !options.replace) throw new DemoCohortPresentError(present, marker)
    const replacedPatients = present > 0 || marker ? await removeDemoCohort(tx) : 0
    await refuseTakenClinicIds(tx, plan)
    const ids = await catalogueIds(tx, plan)
    // Demo runners are enrolled at the clinic's first active site.
    const [site] = await activeSites(tx)
    if (!site) throw new Error('the clinic has no active site for the demo runners')

    const { patients, enrollments, runningProfiles, eligibilityChecks, redFlagScreenings, redFlagAnswers, psfsActivities, assignments, sessions, sessionExercises, assessments, psfsRatings, followUps, adverseEvents, settings } = tablesOf(tx)
    // Ids are given here (records point at each other before they are written), above every id ever used,
    // so ids of removed demo rows are never reused and the audit trail cannot point at a different record later.
    const withOwnIds = [patients, enrollments, redFlagScreenings, psfsActivities, sessions, assessments]
    const next = {
      patient: await firstFreeId(tx, patients),
      enrollment: await firstFreeId(tx, enrollments),
      screening: await firstFreeId(tx, redFlagScreenings),
      activity: await firstFreeId(tx, psfsActivities),
      session: await firstFreeId(tx, sessions),
      assessment: await firstFreeId(tx, assessments),
    }
    const insert = bulkInserter(store, tx)
    const counts: CohortCounts = { patients: 0, sessions: 0, homeSessions: 0, sessionExercises: 0, assessments: 0, psfsRatings: 0, followUps: 0 }
    for (let i = 0; i < plan.runners.length; i += RUNNERS_PER_BATCH) {
      const rows = cohortRows(plan.runners.slice(i, i + RUNNERS_PER_BATCH), ids, next, site.id)
      // Parents before children: foreign keys are checked on every statement.
      await insert(patients, rows.patients)
      await insert(enrollments, rows.enrollments)
      await insert(runningProfiles, rows.runningProfiles)
      await insert(eligibilityChecks, rows.eligibilityChecks)
      await insert(redFlagScreenings, rows.screenings)
      await insert(redFlagAnswers, rows.redFlagAnswers)
      await insert(psfsActivities, rows.activities)
      await insert(assignments, rows.assignments)
      await insert(sessions, rows.sessions)
      await insert(sessionExercises, rows.sessionExercises)
      await insert(assessments, rows.assessments)
      await insert(psfsRatings, rows.psfsRatings)
      await insert(followUps, rows.followUps)
      await insert(adverseEvents, rows.adverseEvents)
      counts.patients += rows.patients.length
      counts.sessions += rows.sessions.length
      counts.homeSessions += rows.homeSessions
      counts.sessionExercises += rows.sessionExercises.length
      counts.assessments += rows.assessments.length
      counts.psfsRatings += rows.psfsRatings.length
      counts.followUps += rows.followUps.length
    }
    for (const table of withOwnIds) await idsUsedUpTo(tx, table)
    const value: DemoMarker = { seed: plan.seed, patients: plan.runners.length, createdAt }
    await tx.insert(settings).values({ key: DEMO_SETTING_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
    return { ...counts, replacedPatients }
  })
}

/** The rows of a batch of runners, with ids taken from (and advancing) `next`. */
function cohortRows(
  runners: RunnerPlan[],
  ids: { versions: Map<string, number>; exercises: Map<string, number> },
  next: Record<'patient' | 'enrollment' | 'screening' | 'activity' | 'session' | 'assessment', number>,
  siteId: number,
) {
  const rows = {
    patients: [] as (typeof patients.$inferInsert)[],
    enrollments: [] as (typeof enrollments.$inferInsert)[],
    runningProfiles: [] as (typeof runningProfiles.$inferInsert)[],
    eligibilityChecks: [] as (typeof eligibilityChecks.$inferInsert)[],
    screenings: [] as (typeof redFlagScreenings.$inferInsert)[],
    redFlagAnswers: [] as (typeof redFlagAnswers.$inferInsert)[],
    activities: [] as (typeof psfsActivities.$inferInsert)[],
    assignments: [] as (typeof assignments.$inferInsert)[],
    sessions: [] as (typeof sessions.$inferInsert)[],
    sessionExercises: [] as (typeof sessionExercises.$inferInsert)[],
    assessments: [] as (typeof assessments.$inferInsert)[],
    psfsRatings: [] as (typeof psfsRatings.$inferInsert)[],
    followUps: [] as (typeof followUps.$inferInsert)[],
    adverseEvents: [] as (typeof adverseEvents.$inferInsert)[],
    /** How many of `sessions` are home sessions. */
    homeSessions: 0,
  }
  for (const runner of runners) {
    const patientId = next.patient++
    const enrollmentId = next.enrollment++
    const screeningId = next.screening++
    rows.patients.push({ id: patientId, ...runner.patient, isDemo: true })
    rows.enrollments.push({
      id: enrollmentId,
      patientId,
      enrolledOn: runner.enrolledOn,
      siteId,
      withdrawnOn: runner.withdrawal?.withdrawnOn ?? null,
      withdrawalCategory: runner.withdrawal?.category ?? null,
      withdrawalReason: runner.withdrawal?.reason ?? null,
      consentAsked: true,
      treatmentConsentOn: runner.consent.treatmentConsentOn,
      treatmentConsentBy: runner.consent.treatmentConsentBy,
      comparisonConsent: 'given',
      comparisonConsentOn: runner.consent.comparisonConsentOn,
    })
    for (const event of runner.adverseEvents) rows.adverseEvents.push({ enrollmentId, ...event })
    rows.runningProfiles.push({ enrollmentId, ...runner.runningProfile })
    for (const check of runner.eligibility) rows.eligibilityChecks.push({ enrollmentId, ...check })
    const { answers, ...screening } = runner.screening
    rows.screenings.push({ id: screeningId, enrollmentId, ...screening })
    for (const [flag, present] of Object.entries(answers)) rows.redFlagAnswers.push({ screeningId, flag, present })
    const activityIds = runner.activities.map((description, i) => {
      const id = next.activity++
      rows.activities.push({ id, enrollmentId, position: i + 1, description })
      return id
    })
    rows.assignments.push({
      enrollmentId,
      programVersionId: ids.versions.get(runner.assignment.programCode)!,
      startDate: runner.assignment.startDate,
      optionalExercises: runner.assignment.optionalExercises,
    })
    const sessionIds = runner.sessions.map(({ exercises, ...session }) => {
      const id = next.session++
      rows.sessions.push({ id, enrollmentId, ...session })
      for (const { exerciseCode, ...performed } of exercises) {
        rows.sessionExercises.push({ sessionId: id, exerciseId: ids.exercises.get(exerciseCode)!, ...performed })
      }
      return id
    })
    // Same columns as the supervised rows (one INSERT takes both): kind 'home', no exercises.
    for (const { exercises, ...session } of runner.homeSessions) {
      if (exercises.length) throw new Error(`A home session of ${runner.patient.clinicId} lists exercises: home sessions record none`)
      rows.sessions.push({ id: next.session++, enrollmentId, ...session })
      rows.homeSessions++
    }
    const assessmentIds = runner.assessments.map(({ ratings, session, ...assessment }) => {
      const id = next.assessment++
      rows.assessments.push({ id, enrollmentId, sessionId: session === null ? null : sessionIds[session], ...assessment })
      ratings.forEach((rating, i) => rows.psfsRatings.push({ assessmentId: id, activityId: activityIds[i], rating }))
      return id
    })
    for (const followUp of runner.followUps) {
      rows.followUps.push({
        enrollmentId,
        timePoint: followUp.timePoint,
        dueOn: followUp.dueOn,
        assessmentId: followUp.assessment === null ? null : assessmentIds[followUp.assessment],
      })
    }
  }
  return rows
}
