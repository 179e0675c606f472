import { sql } from 'drizzle-orm'
import { customType, doublePrecision, index, integer, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import {
  AE_RELATEDNESS,
  AE_SEVERITIES,
  AUDIT_ACTIONS,
  COMPARISON_CONSENTS,
  LANGUAGES,
  PROGRAM_CODES,
  PROGRAM_VERSION_ORIGINS,
  RUNNING_ADVICE,
  SCREENING_OUTCOMES,
  SECTIONS,
  SESSION_KINDS,
  SEXES,
  TIME_POINTS,
  USER_ROLES,
  WITHDRAWAL_CATEGORIES,
} from '../../electron/clinic/domain/vocabulary'

/*
 * The clinic's records on PostgreSQL: the same tables, columns and TypeScript
 * shapes as db/schema.ts (SQLite), so the repositories run unchanged on either
 * store (docs/stores.md). Storage types follow SQLite's closely where that keeps
 * one SQL text for both stores:
 * - times and dates stay ISO-8601 text (created_at in UTC with milliseconds, as SQLite's strftime writes it);
 * - flags stay integers 0/1 (`flag`, read and written as booleans), so `x = 1` and the partial indexes read alike;
 * - JSON columns are `json` (kept as written, key order included); reals are double precision (SQLite's REAL is 8 bytes);
 * - ids are identity columns: never reused, like SQLite's AUTOINCREMENT.
 * tests/unit/storeSchemas.test.ts checks both schemas carry the same tables, columns, keys and indexes.
 */

/** A yes/no stored as 0 or 1, as SQLite stores it: read and written as a boolean. */
const flag = customType<{ data: boolean; driverData: number }>({
  dataType: () => 'integer',
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => value === 1,
})

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)

/** Who created a clinical record: the signed-in user's username (older rows: null). */
const createdBy = () => text('created_by')

// ── Program catalogue ────────────────────────────────────────────────────────

export const exercises = pgTable('exercises', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  /** Catalogue entry as loaded (names, cues, progression, safety notes in every language), JSON. */
  content: json('content').notNull(),
  createdAt: createdAt(),
})

export const programs = pgTable('programs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code', { enum: PROGRAM_CODES }).notNull().unique(),
  createdAt: createdAt(),
})

export const programVersions = pgTable(
  'program_versions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id),
    version: integer('version').notNull(),
    /** Name and focus in every language, JSON. */
    content: json('content').notNull(),
    weeks: integer('weeks').notNull(),
    supervisedSessionsPerWeek: integer('supervised_sessions_per_week').notNull(),
    homeSessionsPerWeek: integer('home_sessions_per_week').notNull(),
    /** Hash of the catalogue content this version was made from; a change makes a new version. */
    contentHash: text('content_hash').notNull(),
    createdAt: createdAt(),
    /**
     * Where the version comes from: the catalogue file shipped with the app, or published by the
     * clinic lead in Settings (a copy of the version before with changed dosage). A published
     * version is never changed (the initial migration adds triggers refusing update and delete), and the
     * catalogue file loaded at start never replaces one.
     */
    origin: text('origin', { enum: PROGRAM_VERSION_ORIGINS }).notNull().default('catalogue'),
    /** The version a published one was copied from. */
    basedOnVersionId: integer('based_on_version_id'),
    publishedBy: text('published_by'),
    publishedAt: text('published_at'),
    /** Why the clinic lead published it. */
    publicationNote: text('publication_note'),
    /** Where weeks, supervised and home sessions a week come from (ProgramNumberSources), JSON; null for versions loaded before sources were kept. */
    sources: json('sources'),
  },
  (t) => [uniqueIndex('program_versions_program_version').on(t.programId, t.version)],
)

export const programVersionExercises = pgTable(
  'program_version_exercises',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    programVersionId: integer('program_version_id')
      .notNull()
      .references(() => programVersions.id),
    exerciseId: integer('exercise_id')
      .notNull()
      .references(() => exercises.id),
    section: text('section', { enum: SECTIONS }).notNull(),
    position: integer('position').notNull(),
    optional: flag('optional').notNull().default(sql`0`),
  },
  (t) => [index('pve_version').on(t.programVersionId)],
)

export const dosages = pgTable(
  'dosages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    programVersionExerciseId: integer('program_version_exercise_id')
      .notNull()
      .references(() => programVersionExercises.id),
    week: integer('week').notNull(),
    sets: integer('sets').notNull(),
    repsMin: integer('reps_min'),
    repsMax: integer('reps_max'),
    holdSeconds: integer('hold_seconds'),
    durationSeconds: integer('duration_seconds'),
    /** Load or intensity in words in every language, JSON or null. */
    note: json('note'),
    /** Where each number (and the load) comes from (DosageSources), JSON; null for rows loaded before sources were kept. */
    source: json('source'),
  },
  (t) => [uniqueIndex('dosages_exercise_week').on(t.programVersionExerciseId, t.week)],
)

// ── Sites and patients and enrollment ───────────────────────────────────────

/**
 * The clinic's sites (treatment locations), e.g. "MUC" Munich. Every database has
 * one: migration 0011_clinic_sites creates it (id 1, code MAIN, named after the
 * clinic) and gives it every enrollment made before. Sites are added, renamed and
 * deactivated by the clinic lead, never deleted; the code never changes (it is in
 * the exports and keys a site's randomisation strata).
 */
export const sites = pgTable('sites', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Deactivated: offered for no new enrollment; its enrollments keep it. Null while active. */
  deactivatedAt: text('deactivated_at'),
  createdAt: createdAt(),
  createdBy: createdBy(),
})


export const patients = pgTable(
  'patients',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Pseudonymous clinic ID printed on sheets and exports instead of the name where needed. */
    clinicId: text('clinic_id').notNull().unique(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    phone: text('phone'),
    email: text('email'),
    preferredLanguage: text('preferred_language', { enum: LANGUAGES }).notNull(),
    /** Simulated demo cohort rows: shown as demo and left out of exports unless asked. */
    isDemo: flag('is_demo').notNull().default(sql`0`),
    /** Archived patients leave the lists but keep every record; nothing clinical is deleted. */
    archivedAt: text('archived_at'),
    archivedBy: text('archived_by'),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  /*
   * The list's order (last name, first name, id) is one index, so a page after a keyset cursor is a
   * seek. Search is served by the trigram index patients_search (pg_trgm GIN over the folded names,
   * appended by hand to migration 0002_patient_search).
   */
  (t) => [
    index('patients_name_order').on(t.lastName, t.firstName, t.id),
    // The few archived patients, for the list of them (the list of the others walks patients_name_order).
    index('patients_archived').on(t.archivedAt).where(sql`${t.archivedAt} is not null`),
  ],
)

export const enrollments = pgTable(
  'enrollments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    enrolledOn: text('enrolled_on').notNull(),
    /**
     * Where the runner is treated. Not null: SQLite cannot add a NOT NULL column with a
     * foreign key to a table with rows, so migration 0011_clinic_sites adds it nullable,
     * fills it with the default site and adds triggers that refuse a null on insert and
     * update (the SQLite file's column reads nullable; no row can hold a null).
     */
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    /** The runner left the program; the status shown (awaiting clearance, active, ...) is derived from the records. */
    withdrawnOn: text('withdrawn_on'),
    /** The therapist's free text on the withdrawal. */
    withdrawalReason: text('withdrawal_reason'),
    /** Why the runner left (WITHDRAWAL_CATEGORIES); null on withdrawals recorded before it was asked (migration 0005). */
    withdrawalCategory: text('withdrawal_category', { enum: WITHDRAWAL_CATEGORIES }),
    /**
     * The enrollment was recorded once Backstride asked for consent (migration 0005). Enrollments
     * from before have false: their treatment consent shows as "not recorded (before consent was
     * asked)" and their comparison consent as not recorded, which leaves them out of the
     * statistics exports and the group report until it is recorded.
     */
    consentAsked: flag('consent_asked').notNull().default(sql`0`),
    /** Consent to the treatment: the day and who took it. Required before a program is assigned. */
    treatmentConsentOn: text('treatment_consent_on'),
    treatmentConsentBy: text('treatment_consent_by'),
    /** Consent to take part in the clinic's program comparison (randomised allocation, pseudonymised exports): given or refused, and when. Null: not recorded. */
    comparisonConsent: text('comparison_consent', { enum: COMPARISON_CONSENTS }),
    comparisonConsentOn: text('comparison_consent_on'),
    /** The runner withdrew the comparison consent on this day: from then on left out of the statistics exports and the group report. */
    comparisonConsentWithdrawnOn: text('comparison_consent_withdrawn_on'),
    /** What the therapist advised about running during the program, when it differs from the clinic's default (migration 0012); null: the clinic's default applies. */
    runningAdvice: text('running_advice', { enum: RUNNING_ADVICE }),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  (t) => [
    // One enrollment per patient (the service refuses a second: already_enrolled); the database keeps it across desks too.
    uniqueIndex('enrollments_one_per_patient').on(t.patientId),
    // The withdrawn runners, for the patient list's status filter (the few withdrawn, without reading every enrollment).
    index('enrollments_withdrawn').on(t.patientId).where(sql`${t.withdrawnOn} is not null`),
    index('enrollments_site').on(t.siteId),
  ],
)

export const runningProfiles = pgTable('running_profiles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  enrollmentId: integer('enrollment_id')
    .notNull()
    .unique()
    .references(() => enrollments.id),
  runsPerWeek: doublePrecision('runs_per_week').notNull(),
  weeklyDistanceKm: doublePrecision('weekly_distance_km').notNull(),
  yearsRunning: doublePrecision('years_running').notNull(),
  createdAt: createdAt(),
  createdBy: createdBy(),
})

export const eligibilityChecks = pgTable(
  'eligibility_checks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    criterion: text('criterion').notNull(),
    met: flag('met').notNull(),
    /** Required when the criterion is not met but the therapist enrolls the runner anyway. */
    overrideReason: text('override_reason'),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  (t) => [uniqueIndex('eligibility_enrollment_criterion').on(t.enrollmentId, t.criterion)],
)

export const redFlagScreenings = pgTable(
  'red_flag_screenings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .unique()
      .references(() => enrollments.id),
    screenedOn: text('screened_on').notNull(),
    outcome: text('outcome', { enum: SCREENING_OUTCOMES }).notNull(),
    clearedOn: text('cleared_on'),
    clearedBy: text('cleared_by'),
    clearanceNote: text('clearance_note'),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  // The screenings still awaiting clearance, for the patient list's status filter.
  (t) => [index('red_flag_screenings_awaiting').on(t.enrollmentId).where(sql`${t.outcome} <> 'clear' and ${t.clearedOn} is null`)],
)

export const redFlagAnswers = pgTable(
  'red_flag_answers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    screeningId: integer('screening_id')
      .notNull()
      .references(() => redFlagScreenings.id),
    flag: text('flag').notNull(),
    present: flag('present').notNull(),
  },
  (t) => [uniqueIndex('red_flag_answers_screening_flag').on(t.screeningId, t.flag)],
)

export const assignments = pgTable(
  'assignments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .unique()
      .references(() => enrollments.id),
    programVersionId: integer('program_version_id')
      .notNull()
      .references(() => programVersions.id),
    startDate: text('start_date').notNull(),
    /** Optional exercises (retro walking) the therapist switched on for this runner: JSON array of exercise codes. */
    optionalExercises: json('optional_exercises').$type<string[]>().notNull(),
    /** The program came from the randomisation sequence (see allocations); false when chosen by the therapist. */
    randomised: flag('randomised').notNull().default(sql`0`),
    /** Why the program was chosen by hand while the clinic randomises (such runners are marked non-randomised). */
    nonRandomisedReason: text('non_randomised_reason'),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  // Programs by start date (with the enrollment, so the index alone answers): the patient list's active and completed filters.
  (t) => [index('assignments_start_date').on(t.startDate, t.enrollmentId)],
)

/**
 * Randomised allocations, one per enrollment, written once in the enrollment's
 * transaction and never changed (the initial migration adds triggers refusing update and
 * delete). position is the 1-based place in the stratum's sequence.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .unique()
      .references(() => enrollments.id),
    stratum: text('stratum').notNull(),
    position: integer('position').notNull(),
    programCode: text('program_code', { enum: PROGRAM_CODES }).notNull(),
    allocatedAt: text('allocated_at').notNull(),
    allocatedBy: text('allocated_by').notNull(),
  },
  (t) => [uniqueIndex('allocations_stratum_position').on(t.stratum, t.position)],
)

// ── Sessions and outcomes ───────────────────────────────────────────────────

export const sessions = pgTable(
  'sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    sessionDate: text('session_date').notNull(),
    /** Program week (1–8) the session belongs to, from the assignment's start date. */
    week: integer('week').notNull(),
    attended: flag('attended').notNull(),
    missedReason: text('missed_reason'),
    painBefore: integer('pain_before'),
    painAfter: integer('pain_after'),
    notes: text('notes'),
    createdAt: createdAt(),
    createdBy: createdBy(),
    updatedAt: text('updated_at'),
    /** Voided: entered in error. Kept and shown as voided, left out of every count, statistic and statistics export. */
    voidedAt: text('voided_at'),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [
    index('sessions_enrollment_date').on(t.enrollmentId, t.sessionDate),
    // One home log per runner and day (the service refuses a second: home_day_already_logged); a voided one frees its day.
    uniqueIndex('sessions_one_home_day').on(t.enrollmentId, t.sessionDate).where(sql`${t.kind} = 'home' and ${t.voidedAt} is null`),
    // Attendance counts (the enrollment_attendance triggers) read only this small index.
    index('sessions_supervised_attended')
      .on(t.enrollmentId)
      .where(sql`${t.kind} = 'supervised' and ${t.attended} = 1`),
    // Attended sessions per runner, kind and week (adherence), read in order from the index alone.
    index('sessions_attended_weeks').on(t.enrollmentId, t.kind, t.week).where(sql`${t.attended} = 1`),
  ],
)

/**
 * Supervised sessions attended per enrollment, kept by the triggers of
 * the initial migration (db/migrations-pg) whenever sessions are written, in the same transaction; the
 * app never writes it. The group comparison reads one row per runner instead
 * of counting every session.
 */
export const enrollmentAttendance = pgTable('enrollment_attendance', {
  enrollmentId: integer('enrollment_id')
    .primaryKey()
    .references(() => enrollments.id, { onDelete: 'cascade' }),
  supervisedAttended: integer('supervised_attended').notNull(),
})

/**
 * Each enrollment's scores at the scheduled time points side by side, one row per enrollment with a
 * scheduled assessment that is not voided (null where a time point has none): what the group
 * comparison reads, one row per runner instead of a look-up per time point in assessments. Kept by
 * the triggers of migration 0016_enrollment_scores (PostgreSQL: 0005) from the view scheduled_scores
 * whenever assessments are written, in the same transaction; the app never writes it.
 * out_of_window_<time point> is 1 when that assessment carries a protocol-deviation reason.
 */
export const enrollmentScores = pgTable('enrollment_scores', {
  enrollmentId: integer('enrollment_id')
    .primaryKey()
    .references(() => enrollments.id, { onDelete: 'cascade' }),
  runningPainBaseline: integer('running_pain_baseline'),
  runabilityBaseline: doublePrecision('runability_baseline'),
  sitToStandRepsBaseline: integer('sit_to_stand_reps_baseline'),
  outOfWindowBaseline: integer('out_of_window_baseline'),
  runningPainWeek4: integer('running_pain_week_4'),
  runabilityWeek4: doublePrecision('runability_week_4'),
  sitToStandRepsWeek4: integer('sit_to_stand_reps_week_4'),
  outOfWindowWeek4: integer('out_of_window_week_4'),
  runningPainWeek8: integer('running_pain_week_8'),
  runabilityWeek8: doublePrecision('runability_week_8'),
  sitToStandRepsWeek8: integer('sit_to_stand_reps_week_8'),
  outOfWindowWeek8: integer('out_of_window_week_8'),
  runningPainMonth3: integer('running_pain_month_3'),
  runabilityMonth3: doublePrecision('runability_month_3'),
  sitToStandRepsMonth3: integer('sit_to_stand_reps_month_3'),
  outOfWindowMonth3: integer('out_of_window_month_3'),
  runningPainMonth6: integer('running_pain_month_6'),
  runabilityMonth6: doublePrecision('runability_month_6'),
  sitToStandRepsMonth6: integer('sit_to_stand_reps_month_6'),
  outOfWindowMonth6: integer('out_of_window_month_6'),
})

export const sessionExercises = pgTable(
  'session_exercises',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id),
    exerciseId: integer('exercise_id')
      .notNull()
      .references(() => exercises.id),
    prescribedSets: integer('prescribed_sets'),
    prescribedRepsMin: integer('prescribed_reps_min'),
    prescribedRepsMax: integer('prescribed_reps_max'),
    prescribedHoldSeconds: integer('prescribed_hold_seconds'),
    prescribedDurationSeconds: integer('prescribed_duration_seconds'),
    doneSets: integer('done_sets'),
    doneReps: integer('done_reps'),
    doneLoadKg: doublePrecision('done_load_kg'),
    doneHoldSeconds: integer('done_hold_seconds'),
    doneDurationSeconds: integer('done_duration_seconds'),
    /** Recorded as not done in the session (the done fields stay empty): counts as zero in fidelity. */
    notDone: flag('not_done').notNull().default(sql`0`),
    /** Why it was not done, when the therapist gave a reason. */
    notDoneReason: text('not_done_reason'),
  },
  (t) => [index('session_exercises_session').on(t.sessionId)],
)

/**
 * Each session's dose totals over its exercises with a prescribed dose. Kept by
 * the triggers of the initial migration (db/migrations-pg) whenever session_exercises change, in the same
 * transaction; the app never writes it. The program comparison's fidelity then
 * sums sessions instead of reading every exercise row (1.6 million at 10,000
 * runners). The dose rules are those of electron/clinic/stats/fidelity.ts;
 * tests/integration/fidelity-view.test.ts checks both agree over generated doses.
 */
export const sessionDoses = pgTable('session_doses', {
  sessionId: integer('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  /** Exercises with a prescribed dose. */
  exercises: integer('exercises').notNull(),
  /** Those done with at least the prescribed sets and the lower end of the prescribed reps, hold or duration. */
  asPrescribed: integer('as_prescribed').notNull(),
  /** Sum over the exercises of done volume ÷ prescribed volume (sets × unit). */
  volumeRatioSum: doublePrecision('volume_ratio_sum').notNull(),
})

/** The 3–5 running activities the runner named at baseline (Patient-Specific Functional Scale). */
export const psfsActivities = pgTable(
  'psfs_activities',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    position: integer('position').notNull(),
    description: text('description').notNull(),
  },
  (t) => [uniqueIndex('psfs_activities_enrollment_position').on(t.enrollmentId, t.position)],
)

export const assessments = pgTable(
  'assessments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    timePoint: text('time_point', { enum: TIME_POINTS }).notNull(),
    assessedOn: text('assessed_on').notNull(),
    /** Running pain, 0–10 numeric rating scale. */
    runningPain: integer('running_pain').notNull(),
    /** Runability: mean of the PSFS activity ratings, 0–10. */
    runability: doublePrecision('runability').notNull(),
    runsPerWeek: doublePrecision('runs_per_week'),
    weeklyDistanceKm: doublePrecision('weekly_distance_km'),
    /** Leg strength: repetitions in the 30-second sit-to-stand test (0–60), optional, at baseline, week 4 and week 8 only (migration 0012). */
    sitToStandReps: integer('sit_to_stand_reps'),
    /** Set when the assessment was taken during a supervised session. */
    sessionId: integer('session_id').references(() => sessions.id),
    /** Why a follow-up was taken outside its window around the due date (a protocol deviation); null when within it. */
    deviationReason: text('deviation_reason'),
    createdAt: createdAt(),
    createdBy: createdBy(),
    /** Voided: entered in error (as sessions.voided_at). A voided assessment frees its time point. */
    voidedAt: text('voided_at'),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [
    // Covering index: the group comparison reads scores by enrollment and time point without touching the table.
    // voided_at is in it too: the cohort query joins only assessments not voided; and the optional sit-to-stand repetitions (migration 0012).
    index('assessments_enrollment_scores').on(t.enrollmentId, t.timePoint, t.runningPain, t.runability, t.voidedAt, t.sitToStandReps),
    // One assessment per scheduled time point (unscheduled ones may repeat; a voided one does not count): the rule the service checks, kept by the database too.
    uniqueIndex('assessments_scheduled_time_point')
      .on(t.enrollmentId, t.timePoint)
      .where(sql`${t.timePoint} <> 'unscheduled' and ${t.voidedAt} is null`),
  ],
)

export const psfsRatings = pgTable(
  'psfs_ratings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    activityId: integer('activity_id')
      .notNull()
      .references(() => psfsActivities.id),
    rating: integer('rating').notNull(),
  },
  (t) => [uniqueIndex('psfs_ratings_assessment_activity').on(t.assessmentId, t.activityId)],
)

export const followUps = pgTable(
  'follow_ups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    timePoint: text('time_point', { enum: TIME_POINTS }).notNull(),
    dueOn: text('due_on').notNull(),
    assessmentId: integer('assessment_id').references(() => assessments.id),
  },
  (t) => [
    uniqueIndex('follow_ups_enrollment_time_point').on(t.enrollmentId, t.timePoint),
    // The patient list's "next due": each runner's earliest open follow-up, read from the index alone.
    index('follow_ups_open').on(t.enrollmentId, t.dueOn, t.timePoint).where(sql`${t.assessmentId} is null`),
  ],
)

/** Harm that happened to a runner during their enrollment, whatever its cause. Never deleted: corrected (audit_log) or voided. */
export const adverseEvents = pgTable(
  'adverse_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    occurredOn: text('occurred_on').notNull(),
    description: text('description').notNull(),
    severity: text('severity', { enum: AE_SEVERITIES }).notNull(),
    /** Related to the exercise program, in the therapist's judgement. */
    related: text('related', { enum: AE_RELATEDNESS }).notNull(),
    actionTaken: text('action_taken').notNull(),
    createdAt: createdAt(),
    createdBy: createdBy(),
    /** Entered in error: kept and shown marked, left out of every count and export (migration 0010). */
    voidedAt: text('voided_at'),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [index('adverse_events_enrollment').on(t.enrollmentId, t.occurredOn)],
)

/** Every correction of a clinical record: who, when, the value before and after, and why. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tableName: text('table_name').notNull(),
    recordId: integer('record_id').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    before: json('before'),
    after: json('after'),
    reason: text('reason'),
    actor: text('actor').notNull(),
    at: createdAt(),
  },
  (t) => [index('audit_log_record').on(t.tableName, t.recordId)],
)

/** The clinic's local accounts. Passwords are stored as salted scrypt hashes only. */
export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  archivedAt: text('archived_at'),
  createdAt: createdAt(),
  createdBy: createdBy(),
})

/**
 * Wrong sign-in attempts per user name, also for names without an account (so
 * the wait tells nothing about which names exist). Kept in the database so a
 * restart does not reset the wait (electron/clinic/auth/throttle.ts).
 */
export const signInFailures = pgTable('sign_in_failures', {
  username: text('username').primaryKey(),
  /** Attempts since the last success, counted before the password is checked (parallel guesses count too). */
  failures: integer('failures').notNull(),
  lastAttemptAt: text('last_attempt_at').notNull(),
  /** No attempt for this name is checked before this instant (ISO-8601 UTC); null below the free attempts. */
  blockedUntil: text('blocked_until'),
})

/** Clinic-wide settings and markers (e.g. 'demo_data' when a demo cohort was written). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: json('value').notNull(),
})
