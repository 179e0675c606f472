import { z } from 'zod'
import { ELIGIBILITY_CRITERIA } from '../rules/eligibility'
import { RED_FLAGS, type RedFlag } from '../rules/redFlags'
import { boundedNumber, id, localDate, optionalText, pastOrToday, requiredText, score, sitToStandCount, sitToStandReps } from './fields'
import { zodMessage } from './messages'
import {
  AE_RELATEDNESS,
  AE_SEVERITIES,
  ANALYSIS_SETS,
  COMPARISON_CONSENT_ANSWERS,
  LANGUAGES,
  PATIENT_STATUSES,
  RUNNING_ADVICE,
  PROGRAM_CODES,
  SESSION_KINDS,
  SEXES,
  TIME_POINTS,
  WITHDRAWAL_CATEGORIES,
} from '../domain/vocabulary'

/** Runability is rated on 3 to 5 running activities, in the format of the Patient-Specific Functional Scale (clinic default; docs/clinical-basis.md "Outcomes and time points"). */
export const PSFS_ACTIVITIES = { min: 3, max: 5 } as const

export const programCode = z.enum(PROGRAM_CODES, { error: zodMessage('field_choose', { field: 'program' }) })

export const patientDetails = z.object({
  /** Left empty, the clinic ID is assigned (BS-00001, BS-00002, ...). */
  clinicId: z
    .string()
    .trim()
    .max(20, { message: zodMessage('field_too_long', { field: 'clinicId', max: 20 }) })
    .regex(/^[A-Za-z0-9-]*$/, { message: zodMessage('clinic_id_characters') })
    .nullish()
    .transform((v) => (v ? v.toUpperCase() : null)),
  firstName: requiredText('firstName', 100),
  lastName: requiredText('lastName', 100),
  dateOfBirth: pastOrToday,
  sex: z.enum(SEXES, { error: zodMessage('field_choose', { field: 'sex' }) }),
  phone: optionalText(40),
  email: z
    .union([z.literal(''), z.email({ message: zodMessage('email_invalid') })])
    .nullish()
    .transform((v) => (v ? v : null)),
  preferredLanguage: z.enum(LANGUAGES, { error: zodMessage('field_choose', { field: 'language' }) }),
})

export const runningProfile = z.object({
  runsPerWeek: boundedNumber('runsPerWeek', 0, 14),
  weeklyDistanceKm: boundedNumber('weeklyDistance', 0, 300),
  yearsRunning: boundedNumber('yearsRunning', 0, 80),
})

export const eligibilityAnswer = z
  .object({
    criterion: z.enum(ELIGIBILITY_CRITERIA),
    met: z.boolean({ error: zodMessage('criterion_met_required') }),
    overrideReason: optionalText(500),
  })
  .refine((a) => a.met || a.overrideReason !== null, {
    message: zodMessage('criterion_reason_needed'),
    path: ['overrideReason'],
  })

export const eligibility = z
  .array(eligibilityAnswer)
  .refine((answers) => ELIGIBILITY_CRITERIA.every((c) => answers.filter((a) => a.criterion === c).length === 1), {
    message: zodMessage('criteria_each_once'),
  })

export const clearance = z.object({
  clearedOn: pastOrToday,
  clearedBy: requiredText('physician', 200),
  note: optionalText(1000),
})

export const redFlagAnswers = z.object(
  Object.fromEntries(RED_FLAGS.map((flag) => [flag, z.boolean({ error: zodMessage('answer_required') })])) as Record<
    RedFlag,
    z.ZodBoolean
  >,
)

export const screening = z.object({
  screenedOn: pastOrToday,
  answers: redFlagAnswers,
  clearance: clearance.nullish().transform((v) => v ?? null),
})

export const psfsActivity = z.object({
  description: requiredText('activity', 200),
  rating: score,
})

export const baseline = z.object({
  assessedOn: pastOrToday,
  runningPain: score,
  /** Leg strength (optional): repetitions in the 30-second sit-to-stand test. */
  sitToStandReps,
  activities: z
    .array(psfsActivity)
    .min(PSFS_ACTIVITIES.min, { message: zodMessage('activities_too_few', { min: PSFS_ACTIVITIES.min }) })
    .max(PSFS_ACTIVITIES.max, { message: zodMessage('activities_too_many', { max: PSFS_ACTIVITIES.max }) }),
})

export const programChoice = z.object({
  programCode,
  startDate: localDate,
  /** Optional exercises switched on, e.g. ['retro-walking'] in P1. */
  optionalExercises: z.array(z.string()).default([]),
  /** Required when the clinic randomises: why this runner's program is chosen by hand (they are then marked non-randomised). */
  nonRandomisedReason: optionalText(500),
})

/** When the clinic randomises: the program is allocated from the sequence, not chosen; only the start date is given. */
export const allocationChoice = z.object({ startDate: localDate })

/** Consent to the treatment: the day and who took it (required before a program is assigned). */
export const treatmentConsent = z.object({
  consentedOn: pastOrToday,
  takenBy: requiredText('consentTakenBy', 200),
})

/** Consent to take part in the program comparison (randomised allocation, pseudonymised data in exports): yes or no, and when. */
export const comparisonConsent = z.object({
  given: z.boolean({ error: zodMessage('comparison_consent_required') }),
  answeredOn: pastOrToday,
})

export const enrollmentConsent = z.object({
  /** Absent: not taken yet (the program then waits for it). */
  treatment: treatmentConsent.nullish().transform((v) => v ?? null),
  /** Absent: not asked yet (the runner is then left out of the statistics exports and the group report until it is recorded). */
  comparison: comparisonConsent.nullish().transform((v) => v ?? null),
})

/** A site chosen in a list. */
export const siteRef = id('site')

/** A site's code: 2 to 8 letters (A–Z) or digits, e.g. MUC; stored in capitals, unique, never changed. */
export const SITE_CODE = { min: 2, max: 8 } as const
export const siteCode = z
  .string({ error: zodMessage('field_required', { field: 'siteCode' }) })
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[A-Z0-9]{${SITE_CODE.min},${SITE_CODE.max}}$`), { message: zodMessage('site_code_characters', SITE_CODE) })

/** A new site (clinic lead). */
export const createSiteInput = z.object({
  code: siteCode,
  name: requiredText('siteName', 100),
})

export const enrollInput = z.object({
  /** An existing patient who is not yet enrolled (e.g. imported from a spreadsheet); absent for a new patient. */
  patientId: id('patient').nullish().transform((v) => v ?? null),
  enrolledOn: pastOrToday,
  /** Where the runner is treated; may be left out while the clinic has one active site (it is then used). */
  siteId: siteRef.nullish().transform((v) => v ?? null),
  patient: patientDetails,
  runningProfile,
  eligibility,
  screening,
  baseline,
  /** Absent when the program cannot start yet (a red flag without clearance) or is chosen later. */
  program: programChoice.nullish().transform((v) => v ?? null),
  /** Allocate the program at random at the end of enrollment (the clinic must have randomisation on); instead of program. */
  allocation: allocationChoice.nullish().transform((v) => v ?? null),
  consent: enrollmentConsent,
})

export const sessionExerciseInput = z
  .object({
    exerciseCode: z.string().min(1),
    doneSets: z.number().int().min(0).max(20).nullish().transform((v) => v ?? null),
    doneReps: z.number().int().min(0).max(200).nullish().transform((v) => v ?? null),
    doneLoadKg: z.number().min(0).max(500).nullish().transform((v) => v ?? null),
    doneHoldSeconds: z.number().int().min(0).max(3600).nullish().transform((v) => v ?? null),
    doneDurationSeconds: z.number().int().min(0).max(7200).nullish().transform((v) => v ?? null),
    /** Not done in this session: kept as a row with no dose, so it counts as zero in fidelity. */
    notDone: z.boolean().default(false),
    notDoneReason: optionalText(500),
  })
  .refine(
    (e) =>
      !e.notDone ||
      [e.doneSets, e.doneReps, e.doneLoadKg, e.doneHoldSeconds, e.doneDurationSeconds].every((v) => v === null),
    { message: zodMessage('not_done_has_dose'), path: ['notDone'] },
  )
  .refine((e) => e.notDone || e.notDoneReason === null, {
    message: zodMessage('not_done_reason_unneeded'),
    path: ['notDoneReason'],
  })

export const sessionAssessment = z.object({
  timePoint: z.enum(TIME_POINTS),
  runningPain: score,
  /** A rating for each of the runner's named activities. */
  ratings: z.array(z.object({ activityId: id('ratedActivity'), rating: score })).min(1),
  /** Leg strength (optional; baseline, week 4 and week 8 only): repetitions in the 30-second sit-to-stand test. */
  sitToStandReps,
})

const optionalScore = score.nullish().transform((v) => v ?? null)

/** A refinement's condition: the fields it reads passed their own checks (other fields may be wrong). */
const fieldsFine =
  (...fields: string[]) =>
  (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])))

export const recordSessionInput = z
  .object({
    enrollmentId: id('enrollment'),
    kind: z.enum(SESSION_KINDS).default('supervised'),
    sessionDate: pastOrToday,
    attended: z.boolean({ error: zodMessage('attended_required') }),
    missedReason: optionalText(500),
    painBefore: optionalScore,
    painAfter: optionalScore,
    exercises: z.array(sessionExerciseInput).default([]),
    notes: optionalText(4000),
    assessment: sessionAssessment.nullish().transform((v) => v ?? null),
    /** A supervised session is already recorded on that day and the therapist confirmed recording another. */
    confirmedSameDay: z.boolean().default(false),
  })
  // Checked even when other fields are wrong (an unanswered assessment): the form marks every field at once.
  .refine((s) => s.attended || s.missedReason !== null, {
    message: zodMessage('missed_reason_needed'),
    path: ['missedReason'],
    when: fieldsFine('attended', 'missedReason'),
  })
  .refine((s) => !s.attended || s.painBefore !== null, {
    message: zodMessage('pain_before_needed'),
    path: ['painBefore'],
    when: fieldsFine('attended', 'painBefore'),
  })

/** Why a record is corrected or voided: required, shown in its history. */
const correctionReason = requiredText('correctionReason', 500)

/**
 * A session's correction: only the fields given change (absent = unchanged).
 * exercises: the performed values of exercises already recorded in the session, by code.
 */
export const correctSessionInput = z.object({
  sessionId: id('session'),
  reason: correctionReason,
  sessionDate: pastOrToday.optional(),
  attended: z.boolean().optional(),
  missedReason: optionalText(500).optional(),
  painBefore: optionalScore.optional(),
  painAfter: optionalScore.optional(),
  notes: optionalText(4000).optional(),
  exercises: z.array(sessionExerciseInput).max(40).optional(),
  /** The new date already has a supervised session and the therapist confirmed. */
  confirmedSameDay: z.boolean().default(false),
})

const voided = z.boolean({ error: zodMessage('answer_required') })

/** Voids (voided: true) or restores (false) a record entered in error, with the reason. */
export const voidSessionInput = z.object({ sessionId: id('session'), reason: correctionReason, voided })
export const voidAssessmentInput = z.object({ assessmentId: id('assessment'), reason: correctionReason, voided })

/** Voids every home-log day of a program week at once (a week copied twice), with the reason. */
export const voidHomeWeekInput = z.object({
  enrollmentId: id('enrollment'),
  week: z.number().int().min(1).max(8),
  reason: correctionReason,
})

/** A patient's details corrected: only the fields given change. */
export const correctPatientInput = patientDetails
  .omit({ clinicId: true })
  .partial()
  .extend({ patientId: id('patient'), reason: correctionReason })

/** What was recorded at enrollment, corrected: the running profile, the eligibility answers, the red-flag screen answers (each given whole). */
export const correctEnrollmentInput = z.object({
  enrollmentId: id('enrollment'),
  reason: correctionReason,
  runningProfile: runningProfile.optional(),
  eligibility: eligibility.optional(),
  redFlags: redFlagAnswers.optional(),
  /** The advice on running during the program for this runner; null: the clinic's default. */
  runningAdvice: z.enum(RUNNING_ADVICE, { error: zodMessage('field_choose', { field: 'runningAdvice' }) }).nullable().optional(),
  /** The site the runner is treated at (an active site). The allocation, if any, stays as it was drawn. */
  siteId: siteRef.optional(),
})

/** A site renamed, deactivated or made active again (clinic lead), with the reason; only the fields given change. */
export const updateSiteInput = z.object({
  siteId: siteRef,
  name: requiredText('siteName', 100).optional(),
  active: z.boolean({ error: zodMessage('answer_required') }).optional(),
  reason: correctionReason,
})

/** An assessment's date, running pain or activity ratings corrected (the activities stay the runner's own). */
export const correctAssessmentInput = z.object({
  assessmentId: id('assessment'),
  reason: correctionReason,
  assessedOn: pastOrToday.optional(),
  runningPain: score.optional(),
  ratings: z.array(z.object({ activityId: id('ratedActivity'), rating: score })).min(1).max(PSFS_ACTIVITIES.max).optional(),
  /** The sit-to-stand repetitions; null clears them (not tested). */
  sitToStandReps: sitToStandCount.nullable().optional(),
})

export const recordAssessmentInput = z.object({
  enrollmentId: id('enrollment'),
  assessedOn: pastOrToday,
  ...sessionAssessment.shape,
  /** Why a follow-up is taken outside its window around the due date (a protocol deviation); needed only then. */
  deviationReason: optionalText(500),
})

export const withdrawInput = z.object({
  enrollmentId: id('enrollment'),
  withdrawnOn: pastOrToday,
  category: z.enum(WITHDRAWAL_CATEGORIES, { error: zodMessage('field_choose', { field: 'withdrawalCategory' }) }),
  reason: requiredText('reason', 1000),
})

export const readmitInput = z.object({
  enrollmentId: id('enrollment'),
  reason: requiredText('reason', 1000),
})

export const recordAdverseEventInput = z.object({
  enrollmentId: id('enrollment'),
  occurredOn: pastOrToday,
  description: requiredText('adverseEventDescription', 2000),
  severity: z.enum(AE_SEVERITIES, { error: zodMessage('field_choose', { field: 'severity' }) }),
  related: z.enum(AE_RELATEDNESS, { error: zodMessage('field_choose', { field: 'relatedness' }) }),
  actionTaken: requiredText('actionTaken', 1000),
})

/** An adverse event's date, description, severity, relatedness or action taken, corrected: only the fields given change. */
export const correctAdverseEventInput = z.object({
  adverseEventId: id('adverseEvent'),
  reason: correctionReason,
  occurredOn: recordAdverseEventInput.shape.occurredOn.optional(),
  description: recordAdverseEventInput.shape.description.optional(),
  severity: recordAdverseEventInput.shape.severity.optional(),
  related: recordAdverseEventInput.shape.related.optional(),
  actionTaken: recordAdverseEventInput.shape.actionTaken.optional(),
})

/** Voids (voided: true) an adverse event entered in error, or restores it (false), with the reason. */
export const voidAdverseEventInput = z.object({ adverseEventId: id('adverseEvent'), reason: correctionReason, voided })

/**
 * A withdrawal's date, category or free text, corrected: only the fields given change.
 * withdrawalReason is the withdrawal's free text; reason is why it is corrected.
 */
export const correctWithdrawalInput = z.object({
  enrollmentId: id('enrollment'),
  reason: correctionReason,
  withdrawnOn: withdrawInput.shape.withdrawnOn.optional(),
  category: withdrawInput.shape.category.optional(),
  withdrawalReason: withdrawInput.shape.reason.optional(),
})

export const recordTreatmentConsentInput = z.object({
  enrollmentId: id('enrollment'),
  ...treatmentConsent.shape,
})

export const comparisonConsentInput = z.object({
  enrollmentId: id('enrollment'),
  answer: z.enum(COMPARISON_CONSENT_ANSWERS, { error: zodMessage('field_choose', { field: 'comparisonConsent' }) }),
  answeredOn: pastOrToday,
  /** Needed when an answer already recorded is changed (other than the runner withdrawing it). */
  reason: optionalText(1000),
})

/** A fresh baseline, taken again before a program starts long after the first one (rules/baseline.ts). */
export const renewBaselineInput = z.object({
  enrollmentId: id('enrollment'),
  assessedOn: pastOrToday,
  runningPain: score,
  ratings: sessionAssessment.shape.ratings,
  sitToStandReps,
})

/** The largest page of the patient list one call returns. */
export const PATIENT_PAGE_MAX = 500

/**
 * Where a page of the patient list ends, in its order (last name, first name, patient id): the next
 * page starts after it. A keyset, not an offset, so page 100 costs what page 1 costs.
 */
export const patientCursor = z.object({
  lastName: z.string().max(200),
  firstName: z.string().max(200),
  patientId: z.number().int().positive(),
})
export type PatientCursor = z.infer<typeof patientCursor>

export const listPatientsInput = z.object({
  /** Part of a first or last name (either order) or of the clinic ID; case and diacritics are ignored. */
  search: z.string().trim().normalize('NFC').max(100).default(''),
  programCode: programCode.nullish().transform((v) => v ?? null),
  status: z.enum(PATIENT_STATUSES).nullish().transform((v) => v ?? null),
  /** Archived patients are listed only when asked for. */
  archived: z.boolean().default(false),
  /** Patients per page. */
  limit: z.number().int().min(1).max(PATIENT_PAGE_MAX).default(100),
  /** The previous page's nextCursor; null or left out for the first page. */
  after: patientCursor.nullish().transform((v) => v ?? null),
})

export const archivePatientInput = z.object({
  patientId: id('patient'),
  reason: requiredText('reason', 500),
})

export type EnrollInput = z.input<typeof enrollInput>
export type RecordSessionInput = z.input<typeof recordSessionInput>

/** Age bands offered in the group comparison's filter (age at enrollment). */
export const AGE_BANDS = {
  under_30: { min: null, max: 29 },
  '30_to_39': { min: 30, max: 39 },
  '40_to_49': { min: 40, max: 49 },
  '50_and_over': { min: 50, max: null },
} as const
export type AgeBand = keyof typeof AGE_BANDS


const optionalRuns = z.number().min(0).max(14).nullish().transform((v) => v ?? null)

export const comparisonFilter = z
  .object({
    enrolledFrom: localDate.nullish().transform((v) => v ?? null),
    enrolledTo: localDate.nullish().transform((v) => v ?? null),
    sex: z.enum(SEXES).nullish().transform((v) => v ?? null),
    ageBand: z
      .enum(Object.keys(AGE_BANDS) as [AgeBand, ...AgeBand[]])
      .nullish()
      .transform((v) => v ?? null),
    runsPerWeekMin: optionalRuns,
    runsPerWeekMax: optionalRuns,
    /** Simulated demo patients are left out unless asked for. */
    includeDemo: z.boolean().default(false),
    /**
     * all: every runner with a program; itt: randomised runners as allocated, drop-outs included; per_protocol: randomised
     * runners who attended enough supervised sessions; consented: runners with a program whose comparison consent is in force
     * (what the statistics exports and the group report carry).
     */
    analysisSet: z.enum(ANALYSIS_SETS).default('all'),
    /** Follow-ups taken outside their window (protocol deviations): included (default) or left out of the scores. */
    outOfWindow: z.enum(['include', 'exclude']).default('include'),
    /** Only runners enrolled at this site; absent: every site. */
    siteId: siteRef.nullish().transform((v) => v ?? null),
    /** Only runners on these program versions (catalogue/versions); absent or empty: every version. */
    programVersionIds: z
      .array(id('programVersion'), { error: zodMessage('field_choose', { field: 'programVersion' }) })
      .max(100, { message: zodMessage('field_choose', { field: 'programVersion' }) })
      .nullish()
      .transform((v) => (v && v.length ? v : null)),
  })
  .refine((f) => !f.enrolledFrom || !f.enrolledTo || f.enrolledFrom <= f.enrolledTo, {
    message: zodMessage('date_range_order'),
    path: ['enrolledTo'],
  })
  .refine((f) => f.runsPerWeekMin === null || f.runsPerWeekMax === null || f.runsPerWeekMin <= f.runsPerWeekMax, {
    message: zodMessage('runs_range_order'),
    path: ['runsPerWeekMax'],
  })
export type ComparisonFilter = z.output<typeof comparisonFilter>

export const worklistInput = z.object({
  /** The day to list; today when absent. */
  date: localDate.nullish().transform((v) => v ?? null),
})
