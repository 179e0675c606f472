/**
 * The clinic's words, declared once: the programs, the assessment time points
 * and when the follow-ups fall due, the roles, and the other fixed sets of values
 * the records use. Plain data with no imports, so the database schema, the API
 * contract, the rules, the statistics, the exports and the renderer all read the
 * same lists (tests/unit/vocabulary.test.ts keeps copies from creeping back).
 */

/** The three 8-week programs: leg strength (P1), lumbar extensors (P2), stabilisers (P3). */
export const PROGRAM_CODES = ['P1', 'P2', 'P3'] as const
export type ProgramCode = (typeof PROGRAM_CODES)[number]

/** Where a program version comes from: the catalogue file shipped with the app, or published by the clinic lead. */
export const PROGRAM_VERSION_ORIGINS = ['catalogue', 'clinic'] as const
export type ProgramVersionOrigin = (typeof PROGRAM_VERSION_ORIGINS)[number]

/**
 * Every assessment time point, in the order they fall: baseline at enrollment,
 * the follow-ups (FOLLOW_UP_DUE), and unscheduled assessments (any day, may repeat).
 */
export const TIME_POINTS = ['baseline', 'week_4', 'week_8', 'month_3', 'month_6', 'unscheduled'] as const
export type TimePoint = (typeof TIME_POINTS)[number]

/** When a follow-up falls due: this many days after the program's start date, or months after its last day. */
export type FollowUpDue = { readonly from: 'start'; readonly days: number } | { readonly from: 'end'; readonly months: number }

/**
 * The follow-ups and when each falls due (docs/clinical-basis.md, "Outcomes and time
 * points"): 6 months after the program is the trial article's headline result; the
 * middle of the program (end of week 4), its last day (end of week 8) and 3 months
 * after it are clinic defaults.
 */
export const FOLLOW_UP_DUE = {
  week_4: { from: 'start', days: 4 * 7 - 1 },
  week_8: { from: 'end', months: 0 },
  month_3: { from: 'end', months: 3 },
  month_6: { from: 'end', months: 6 },
} as const satisfies Partial<Record<TimePoint, FollowUpDue>>
export type FollowUpTimePoint = keyof typeof FOLLOW_UP_DUE

const isFollowUp = (point: TimePoint): point is FollowUpTimePoint => point in FOLLOW_UP_DUE

/** The follow-up time points, in schedule order. */
export const FOLLOW_UP_TIME_POINTS: readonly FollowUpTimePoint[] = TIME_POINTS.filter(isFollowUp)

/**
 * The scheduled time points: baseline and the follow-ups, at most one assessment
 * each per enrollment. The group comparison scores these (not unscheduled ones).
 */
export type ScheduledTimePoint = 'baseline' | FollowUpTimePoint
export const SCHEDULED_TIME_POINTS: readonly ScheduledTimePoint[] = TIME_POINTS.filter(
  (point): point is ScheduledTimePoint => point === 'baseline' || isFollowUp(point),
)

/**
 * The outcome measures: running pain (0–10, improves when it falls), runability (0–10, improves when it
 * rises) and, optional, leg strength as the 30-second sit-to-stand test (repetitions, improves when it rises).
 */
export const MEASURES = ['runningPain', 'runability', 'sitToStandReps'] as const
export type Measure = (typeof MEASURES)[number]

/** The two measures every assessment records (0–10): what the comparison's default time point and responders are about. */
export const CORE_MEASURES = ['runningPain', 'runability'] as const satisfies readonly Measure[]
export type CoreMeasure = (typeof CORE_MEASURES)[number]

/** Leg strength: repetitions in the 30-second sit-to-stand test, 0–60, optional (docs/clinical-basis.md, "Outcomes and time points"). */
export const SIT_TO_STAND_MAX = 60

/**
 * The time points at which each measure is taken: pain and runability at every scheduled one; the
 * sit-to-stand test only at baseline, week 4 and week 8 (during the program, in the clinic).
 */
export const MEASURE_TIME_POINTS = {
  runningPain: SCHEDULED_TIME_POINTS,
  runability: SCHEDULED_TIME_POINTS,
  sitToStandReps: ['baseline', 'week_4', 'week_8'],
} as const satisfies Record<Measure, readonly ScheduledTimePoint[]>

/** Whether an assessment at this time point may record the measure. */
export function measureTakenAt(measure: Measure, timePoint: TimePoint): boolean {
  return (MEASURE_TIME_POINTS[measure] as readonly TimePoint[]).includes(timePoint)
}

/**
 * What the therapist tells the runner about running during the eight weeks (the sheet and the patient page
 * print it): keep running, at no more than the usual load and guided by pain (clinic default), or pause
 * running and move instead by walking, Nordic walking or swimming (prevention article). The clinic lead
 * sets the clinic's default; the therapist may choose the other for a runner.
 */
export const RUNNING_ADVICE = ['keep_running', 'pause_running'] as const
export type RunningAdvice = (typeof RUNNING_ADVICE)[number]

/** Who works at the desk: a clinic lead manages accounts and settings; a blinded assessor sees no programs. */
export const USER_ROLES = ['therapist', 'clinic_lead', 'assessor'] as const
export type UserRole = (typeof USER_ROLES)[number]

/** Where a session took place: supervised in the clinic, or at home from the exercise sheet. */
export const SESSION_KINDS = ['supervised', 'home'] as const
export type SessionKind = (typeof SESSION_KINDS)[number]

/**
 * Which runners the group comparison counts: everyone, as randomised (intention to treat), per protocol,
 * or those whose consent to the program comparison is in force (what the statistics exports and the group report carry).
 */
export const ANALYSIS_SETS = ['all', 'itt', 'per_protocol', 'consented'] as const
export type AnalysisSet = (typeof ANALYSIS_SETS)[number]

/** A patient's state, derived from their records. */
export const PATIENT_STATUSES = ['not_enrolled', 'awaiting_clearance', 'ready', 'active', 'completed', 'withdrawn'] as const
export type PatientStatus = (typeof PATIENT_STATUSES)[number]

/** The red-flag screening's result: clear to start, or refer (the same day when urgent). */
export const SCREENING_OUTCOMES = ['clear', 'refer', 'refer_same_day'] as const
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number]

export const SEXES = ['female', 'male', 'diverse'] as const
export type Sex = (typeof SEXES)[number]

/** The languages of the app, the program catalogue and the sheets. */
export const LANGUAGES = ['en', 'de'] as const
export type Language = (typeof LANGUAGES)[number]

/** The parts of a program session, in order. */
export const SECTIONS = ['warm_up', 'main', 'cool_down'] as const
export type Section = (typeof SECTIONS)[number]

/** Why a runner left the program. */
export const WITHDRAWAL_CATEGORIES = ['patient_choice', 'lost_to_contact', 'adverse_event', 'clinician_decision', 'other'] as const
export type WithdrawalCategory = (typeof WITHDRAWAL_CATEGORIES)[number]

/** An adverse event's severity, and whether it is related to the exercise program. */
export const AE_SEVERITIES = ['mild', 'moderate', 'serious'] as const
export type AdverseEventSeverity = (typeof AE_SEVERITIES)[number]
export const AE_RELATEDNESS = ['yes', 'no', 'unclear'] as const
export type AdverseEventRelatedness = (typeof AE_RELATEDNESS)[number]

/** The runner's answer on taking part in the program comparison as stored, and as asked (withdrawn: given earlier, taken back). */
export const COMPARISON_CONSENTS = ['given', 'refused'] as const
export type ComparisonConsent = (typeof COMPARISON_CONSENTS)[number]
export const COMPARISON_CONSENT_ANSWERS = [...COMPARISON_CONSENTS, 'withdrawn'] as const
export type ComparisonConsentAnswer = (typeof COMPARISON_CONSENT_ANSWERS)[number]

/** What an audit entry records: a creation, a correction, archiving and restoring, a withdrawal from the program and a re-admission. */
export const AUDIT_ACTIONS = ['create', 'update', 'archive', 'restore', 'withdraw', 'readmit', 'void', 'unvoid'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** Whether a value is one of a vocabulary's words (for values from outside: query strings, stored settings). */
export function isOneOf<T extends string>(words: readonly T[], value: unknown): value is T {
  return (words as readonly unknown[]).includes(value)
}
