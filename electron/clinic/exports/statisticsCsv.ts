import { ageOn } from '../rules/calendar'
import { tableOf, type CsvColumn, type CsvFile, type CsvTable } from './csv'
import {
  enrollmentIndex,
  TIME_POINT_TEXT,
  type ExportAdverseEvent,
  type ExportAssessment,
  type ExportDataset,
  type ExportDose,
  type ExportEnrollment,
  type ExportPatient,
  type ExportSession,
} from './dataset'
import {
  AE_RELATEDNESS,
  AE_SEVERITIES,
  MEASURE_TIME_POINTS,
  PROGRAM_CODES,
  SCHEDULED_TIME_POINTS,
  SESSION_KINDS,
  SEXES,
  SIT_TO_STAND_MAX,
  TIME_POINTS,
  WITHDRAWAL_CATEGORIES,
  type Measure,
} from '../domain/vocabulary'

/*
 * The statistics files: outcomes in long form (one row per assessment), in wide
 * form (one row per enrollment) and the sessions (one row per session).
 *
 * They are pseudonymous, not anonymous: a runner appears only by the clinic ID,
 * never by name, date of birth or contact details (age at enrollment in whole
 * years instead). The clinic's database keeps the key from clinic ID to person,
 * so the files are still health data about identifiable people: share them
 * only as the clinic's data-protection rules allow.
 */

/** The statistics files carry only runners whose consent to the program comparison is in force. */
const STATISTICS = { inComparison: true } as const
export const CONSENTED_ONLY =
  'Only runners who consented to take part in the program comparison and have not withdrawn that consent (enrollments from before consent was asked are left out until it is recorded).'

export const PSEUDONYMOUS =
  'Pseudonymous: runners appear by clinic ID only, with no names, dates of birth or contact details; the key to the person stays in the clinic database.'

interface Enrolled {
  enrollment: ExportEnrollment
  patient: ExportPatient
}

const clinicId: CsvColumn<Enrolled> = {
  name: 'clinic_id',
  type: 'text',
  unitRange: 'e.g. BS-00001',
  description: 'Pseudonymous clinic ID of the runner. With enrolled_on it identifies an enrollment across the files.',
  value: (r) => r.patient.clinicId,
}
const enrolledOn: CsvColumn<Enrolled> = {
  name: 'enrolled_on',
  type: 'date',
  unitRange: 'YYYY-MM-DD',
  description: 'Date of the enrollment (first visit).',
  value: (r) => r.enrollment.enrolledOn,
}
const program: CsvColumn<Enrolled> = {
  name: 'program',
  type: 'category',
  unitRange: `${PROGRAM_CODES.join(', ')}; empty = no program assigned yet`,
  description: 'Program group: P1 leg strength, P2 lumbar extensors, P3 stabilisers.',
  value: (r) => r.enrollment.programCode,
}
const site: CsvColumn<Enrolled> = {
  name: 'site',
  type: 'category',
  unitRange: "site code of the clinic's sites, e.g. MAIN, MUC (Settings, Sites)",
  description:
    'The site the runner is treated at. Randomisation is stratified by site: each site has its own allocation sequences. Always present, also in a clinic with one site.',
  value: (r) => r.enrollment.siteCode,
}
const isDemo: CsvColumn<Enrolled> = {
  name: 'is_demo',
  type: 'boolean',
  unitRange: 'true, false',
  description: 'Simulated demo patient (only present when the export included demo data).',
  value: (r) => r.patient.isDemo,
}

const archived: CsvColumn<Enrolled> = {
  name: 'archived',
  type: 'boolean',
  unitRange: 'true, false',
  description:
    'The patient is archived in the clinic (left the lists). Archiving changes no number: archived runners stay in every analysis set, randomised ones in the intention-to-treat set as allocated.',
  value: (r) => r.patient.archived,
}

const painScale = '0–10 (0 = no pain, 10 = worst pain imaginable)'
const runabilityScale = '0–10 (0 = unable, 10 = as before the pain); mean of 3–5 ratings, 2 decimals'
const sitToStandUnit = `repetitions in 30 s, 0–${SIT_TO_STAND_MAX}`
const sitToStandWhat =
  'Leg strength: full stands in the 30-second sit-to-stand test (chair 43–47 cm high, arms crossed over the chest); optional, taken at baseline, week 4 and week 8 only'

type AssessmentRow = Enrolled & { assessment: ExportAssessment }

export const LONG_FORM: CsvFile<AssessmentRow> = {
  fileName: 'backstride-outcomes-long.csv',
  description: `Outcomes in long form: one row per assessment (baseline, follow-ups and unscheduled). ${CONSENTED_ONLY} ${PSEUDONYMOUS} deviation_reason is free text as typed: check it for names before sharing.`,
  columns: [
    clinicId,
    enrolledOn,
    program,
    site,
    {
      name: 'time_point',
      type: 'category',
      unitRange: TIME_POINTS.join(', '),
      description:
        'Assessment time point: baseline at enrollment, end of program week 4 and week 8, 3 and 6 months after the program; unscheduled = taken outside the schedule.',
      value: (r) => r.assessment.timePoint,
    },
    {
      name: 'assessed_on',
      type: 'date',
      unitRange: 'YYYY-MM-DD',
      description: 'Date the scores were taken.',
      value: (r) => r.assessment.assessedOn,
    },
    {
      name: 'running_pain',
      type: 'integer',
      unitRange: painScale,
      description: 'Pain while running, numeric rating scale.',
      value: (r) => r.assessment.runningPain,
    },
    {
      name: 'runability',
      type: 'number',
      unitRange: runabilityScale,
      description: 'Runability: Patient-Specific Functional Scale, mean of the ratings of the running activities the runner named at baseline.',
      value: (r) => r.assessment.runability,
    },
    {
      name: 'sit_to_stand_reps',
      type: 'integer',
      unitRange: `${sitToStandUnit}; empty = not tested (always empty at 3 and 6 months and for unscheduled assessments)`,
      description: `${sitToStandWhat}.`,
      value: (r) => r.assessment.sitToStandReps,
    },
    {
      name: 'out_of_window',
      type: 'boolean',
      unitRange: 'true, false',
      description:
        'The follow-up was taken outside its window around the due date (week 4 and week 8 ± 7 days, 3 and 6 months ± 21 days): a protocol deviation. Always false for baseline and unscheduled assessments.',
      value: (r) => r.assessment.deviationReason !== null,
    },
    {
      name: 'deviation_reason',
      type: 'text',
      unitRange: 'free text; empty = within the window',
      description: 'Why the follow-up was taken outside its window, as typed by the therapist.',
      value: (r) => r.assessment.deviationReason,
    },
    isDemo,
    archived,
  ],
}

type WideRow = Enrolled & { scores: Map<string, ExportAssessment> }

/** The wide form's column names of each measure, and the assessment's value. */
const WIDE_MEASURES = {
  runningPain: { column: 'running_pain', type: 'integer' },
  runability: { column: 'runability', type: 'number' },
  sitToStandReps: { column: 'sit_to_stand_reps', type: 'integer' },
} as const satisfies Record<Measure, { column: string; type: CsvColumn<WideRow>['type'] }>

/** A column per time point the measure is taken at (the sit-to-stand test: baseline, week 4 and week 8). */
const scoreColumns = (measure: Measure, unitRange: string, what: string, missing = 'not assessed'): CsvColumn<WideRow>[] =>
  MEASURE_TIME_POINTS[measure].map((point) => ({
    name: `${WIDE_MEASURES[measure].column}_${point}`,
    type: WIDE_MEASURES[measure].type,
    unitRange: `${unitRange}; empty = ${missing}`,
    description: `${what}: ${TIME_POINT_TEXT[point].toLowerCase()}.`,
    value: (r: WideRow) => r.scores.get(point)?.[measure] ?? null,
  }))

export const WIDE_FORM: CsvFile<WideRow> = {
  fileName: 'backstride-outcomes-wide.csv',
  description: `Outcomes in wide form: one row per enrollment, a column per measure and trial time point (unscheduled assessments are only in the long form). ${CONSENTED_ONLY} ${PSEUDONYMOUS} withdrawal_reason is free text as typed: check it for names before sharing.`,
  columns: [
    clinicId,
    program,
    site,
    {
      name: 'sex',
      type: 'category',
      unitRange: SEXES.join(', '),
      description: 'Sex as recorded at enrollment.',
      value: (r) => r.patient.sex,
    },
    {
      name: 'age_at_enrollment',
      type: 'integer',
      unitRange: 'years',
      description: 'Age in whole years on the enrollment date (the date of birth is not exported).',
      value: (r) => ageOn(r.patient.dateOfBirth, r.enrollment.enrolledOn),
    },
    enrolledOn,
    {
      name: 'start_date',
      type: 'date',
      unitRange: 'YYYY-MM-DD; empty = no program assigned yet',
      description: 'First day of the 8-week program.',
      value: (r) => r.enrollment.startDate,
    },
    {
      name: 'withdrawn_on',
      type: 'date',
      unitRange: 'YYYY-MM-DD; empty = not withdrawn',
      description: 'Date the runner left the program (drop-out). A withdrawn runner stays invited to the follow-ups (intention to treat).',
      value: (r) => r.enrollment.withdrawnOn,
    },
    {
      name: 'withdrawal_category',
      type: 'category',
      unitRange: `${WITHDRAWAL_CATEGORIES.join(', ')}; empty = not withdrawn (or a withdrawal recorded before the category was asked)`,
      description: 'Why the runner left the program.',
      value: (r) => r.enrollment.withdrawalCategory,
    },
    {
      name: 'withdrawal_reason',
      type: 'text',
      unitRange: 'free text; empty = not withdrawn',
      description: 'The reason for the withdrawal as typed by the therapist.',
      value: (r) => r.enrollment.withdrawalReason,
    },
    {
      name: 'runs_per_week',
      type: 'number',
      unitRange: 'runs per week, 0–14',
      description: 'Running frequency at enrollment.',
      value: (r) => r.enrollment.runsPerWeek,
    },
    {
      name: 'weekly_distance_km',
      type: 'number',
      unitRange: 'km per week, 0–300',
      description: 'Running distance per week at enrollment.',
      value: (r) => r.enrollment.weeklyDistanceKm,
    },
    {
      name: 'years_running',
      type: 'number',
      unitRange: 'years, 0–80',
      description: 'Years of running at enrollment.',
      value: (r) => r.enrollment.yearsRunning,
    },
    ...scoreColumns('runningPain', painScale, 'Running pain'),
    ...scoreColumns('runability', runabilityScale, 'Runability'),
    ...scoreColumns('sitToStandReps', sitToStandUnit, sitToStandWhat, 'not tested'),
    isDemo,
    archived,
  ],
}

type SessionRow = Enrolled & { session: ExportSession }

const sessionPain = (name: 'pain_before' | 'pain_after', when: string, value: (s: ExportSession) => number | null) =>
  ({
    name,
    type: 'integer',
    unitRange: `${painScale}; empty = not recorded`,
    description: `Back pain ${when} the session.`,
    value: (r: SessionRow) => value(r.session),
  }) satisfies CsvColumn<SessionRow>

/** The session a row belongs to: its date, program week and kind (the sessions and the exercise doses files). */
const whichSession: CsvColumn<SessionRow>[] = [
  { name: 'session_date', type: 'date', unitRange: 'YYYY-MM-DD', description: 'Date of the session.', value: (r) => r.session.sessionDate },
  { name: 'week', type: 'integer', unitRange: '1–8', description: 'Program week the session belongs to.', value: (r) => r.session.week },
  {
    name: 'kind',
    type: 'category',
    unitRange: SESSION_KINDS.join(', '),
    description: 'Supervised in the clinic, or done at home.',
    value: (r) => r.session.kind,
  },
]

export const SESSIONS: CsvFile<SessionRow> = {
  fileName: 'backstride-sessions.csv',
  description: `Sessions: one row per supervised or home session recorded, attended or missed. ${CONSENTED_ONLY} ${PSEUDONYMOUS} missed_reason is free text as typed: check it for names before sharing.`,
  columns: [
    clinicId,
    enrolledOn,
    program,
    site,
    ...whichSession,
    { name: 'attended', type: 'boolean', unitRange: 'true, false', description: 'The runner attended.', value: (r) => r.session.attended },
    {
      name: 'missed_reason',
      type: 'text',
      unitRange: 'free text; empty when attended',
      description: 'Why the session was missed, as typed by the therapist.',
      value: (r) => r.session.missedReason,
    },
    sessionPain('pain_before', 'before', (s) => s.painBefore),
    sessionPain('pain_after', 'after', (s) => s.painAfter),
    isDemo,
    archived,
  ],
}

type AdverseEventRow = Enrolled & { event: ExportAdverseEvent }

export const ADVERSE_EVENTS: CsvFile<AdverseEventRow> = {
  fileName: 'backstride-adverse-events.csv',
  description: `Adverse events: one row per event recorded on a runner, whatever its cause (an event voided as entered in error is left out). ${CONSENTED_ONLY} ${PSEUDONYMOUS} description and action_taken are free text as typed: check them for names before sharing.`,
  columns: [
    clinicId,
    enrolledOn,
    program,
    site,
    { name: 'occurred_on', type: 'date', unitRange: 'YYYY-MM-DD', description: 'Date of the event.', value: (r) => r.event.occurredOn },
    {
      name: 'severity',
      type: 'category',
      unitRange: AE_SEVERITIES.join(', '),
      description: 'Severity as judged by the therapist.',
      value: (r) => r.event.severity,
    },
    {
      name: 'related',
      type: 'category',
      unitRange: AE_RELATEDNESS.join(', '),
      description: 'Related to the exercise program, as judged by the therapist.',
      value: (r) => r.event.related,
    },
    { name: 'description', type: 'text', unitRange: 'free text', description: 'What happened, as typed by the therapist.', value: (r) => r.event.description },
    { name: 'action_taken', type: 'text', unitRange: 'free text', description: 'What was done about it.', value: (r) => r.event.actionTaken },
    isDemo,
  ],
}

type DoseRow = SessionRow & { dose: ExportDose }

const doseColumn = (
  name: string,
  type: 'integer' | 'number',
  unitRange: string,
  description: string,
  value: (d: ExportDose) => number | null,
): CsvColumn<DoseRow> => ({ name, type, unitRange, description, value: (r) => value(r.dose) })

export const DOSES: CsvFile<DoseRow> = {
  fileName: 'backstride-exercise-doses.csv',
  description: `Exercise doses: one row per exercise of a recorded session, the dose prescribed for that program week beside the dose performed. ${CONSENTED_ONLY} ${PSEUDONYMOUS}`,
  columns: [
    clinicId,
    enrolledOn,
    program,
    site,
    ...whichSession,
    {
      name: 'exercise',
      type: 'category',
      unitRange: 'exercise code of the program catalogue, e.g. leg-press',
      description: 'The exercise, by its catalogue code (the same in every language).',
      value: (r) => r.dose.exerciseCode,
    },
    doseColumn('prescribed_sets', 'integer', 'sets; empty = no sets prescribed', 'Sets prescribed for the week.', (d) => d.prescribedSets),
    doseColumn('prescribed_reps_min', 'integer', 'repetitions per set; empty = none prescribed', 'Fewest repetitions per set prescribed.', (d) => d.prescribedRepsMin),
    doseColumn('prescribed_reps_max', 'integer', 'repetitions per set; empty = none prescribed', 'Most repetitions per set prescribed (equal to the minimum for a fixed number).', (d) => d.prescribedRepsMax),
    doseColumn('prescribed_hold_seconds', 'integer', 'seconds; empty = not a hold', 'Hold time per repetition prescribed.', (d) => d.prescribedHoldSeconds),
    doseColumn('prescribed_duration_seconds', 'integer', 'seconds; empty = not timed', 'Duration prescribed (timed exercises).', (d) => d.prescribedDurationSeconds),
    doseColumn('done_sets', 'integer', 'sets; empty = not recorded', 'Sets performed.', (d) => d.doneSets),
    doseColumn('done_reps', 'integer', 'repetitions per set; empty = not recorded', 'Repetitions per set performed.', (d) => d.doneReps),
    doseColumn('done_load_kg', 'number', 'kg; empty = body weight or not recorded', 'External load used.', (d) => d.doneLoadKg),
    doseColumn('done_hold_seconds', 'integer', 'seconds; empty = not a hold or not recorded', 'Hold time per repetition performed.', (d) => d.doneHoldSeconds),
    doseColumn('done_duration_seconds', 'integer', 'seconds; empty = not timed or not recorded', 'Duration performed.', (d) => d.doneDurationSeconds),
    isDemo,
  ],
}

export function adverseEventsForm(dataset: ExportDataset): CsvTable {
  const index = enrollmentIndex(dataset, STATISTICS)
  const rows = dataset.adverseEvents.flatMap((event) => {
    const enrolled = index.get(event.enrollmentId)
    return enrolled ? [{ ...enrolled, event }] : []
  })
  return tableOf(ADVERSE_EVENTS, rows)
}

export function longForm(dataset: ExportDataset): CsvTable {
  const index = enrollmentIndex(dataset, STATISTICS)
  const rows = dataset.assessments.flatMap((assessment) => {
    const enrolled = index.get(assessment.enrollmentId)
    return enrolled ? [{ ...enrolled, assessment }] : []
  })
  return tableOf(LONG_FORM, rows)
}

export function wideForm(dataset: ExportDataset): CsvTable {
  const scores = new Map<number, Map<string, ExportAssessment>>()
  for (const a of dataset.assessments) {
    const byPoint = scores.get(a.enrollmentId) ?? new Map<string, ExportAssessment>()
    // Each trial time point is taken once; should a second exist, the first taken stands.
    if (!byPoint.has(a.timePoint)) byPoint.set(a.timePoint, a)
    scores.set(a.enrollmentId, byPoint)
  }
  const rows = [...enrollmentIndex(dataset, STATISTICS).values()].map((enrolled) => ({
    ...enrolled,
    scores: scores.get(enrolled.enrollment.enrollmentId) ?? new Map(),
  }))
  return tableOf(WIDE_FORM, rows)
}

export function sessionsForm(dataset: ExportDataset): CsvTable {
  const index = enrollmentIndex(dataset, STATISTICS)
  const rows = dataset.sessions.flatMap((session) => {
    const enrolled = index.get(session.enrollmentId)
    return enrolled ? [{ ...enrolled, session }] : []
  })
  return tableOf(SESSIONS, rows)
}

export function dosesForm(dataset: ExportDataset): CsvTable {
  const index = enrollmentIndex(dataset, STATISTICS)
  const sessions = new Map(dataset.sessions.map((s) => [s.sessionId, s]))
  const rows = dataset.doses.flatMap((dose) => {
    const session = sessions.get(dose.sessionId)
    const enrolled = session && index.get(session.enrollmentId)
    return session && enrolled ? [{ ...enrolled, session, dose }] : []
  })
  return tableOf(DOSES, rows)
}
