import type {
  AdverseEventRelatedness,
  AdverseEventSeverity,
  Language,
  ProgramCode,
  SessionKind,
  Sex,
  TimePoint,
  WithdrawalCategory,
} from '../domain/vocabulary'

/* What every export is built from: plain rows as read from the database, oldest first. */

/** When each time point is taken, in words for the data dictionary and the FHIR notes. */
export const TIME_POINT_TEXT: Record<TimePoint, string> = {
  baseline: 'Baseline, at enrollment',
  week_4: 'End of program week 4',
  week_8: 'End of program week 8 (end of the program)',
  month_3: '3 months after the program',
  month_6: '6 months after the program',
  unscheduled: 'Unscheduled assessment',
}

export interface ExportPatient {
  patientId: number
  clinicId: string
  firstName: string
  lastName: string
  dateOfBirth: string
  sex: Sex
  phone: string | null
  email: string | null
  preferredLanguage: Language
  isDemo: boolean
  /** Archived: out of the lists, every record kept and counted (see README "Correcting the record"). */
  archived: boolean
}

/** The site of each patient's newest enrollment (the register's site column); a patient never enrolled has none. */
export function latestSiteCodes(dataset: Pick<ExportDataset, 'enrollments'>): Map<number, string> {
  const newest = new Map<number, ExportEnrollment>()
  for (const e of dataset.enrollments) {
    const seen = newest.get(e.patientId)
    if (!seen || e.enrollmentId > seen.enrollmentId) newest.set(e.patientId, e)
  }
  return new Map([...newest].map(([patientId, e]) => [patientId, e.siteCode]))
}

export interface ExportEnrollment {
  enrollmentId: number
  patientId: number
  enrolledOn: string
  /** The code of the site the runner is treated at (e.g. MUC). */
  siteCode: string
  withdrawnOn: string | null
  withdrawalCategory: WithdrawalCategory | null
  withdrawalReason: string | null
  /** The runner's consent to the program comparison is in force: only these go into the statistics files. */
  inComparison: boolean
  /** Null until a program is assigned (e.g. while waiting for a physician's clearance). */
  programCode: ProgramCode | null
  startDate: string | null
  runsPerWeek: number | null
  weeklyDistanceKm: number | null
  yearsRunning: number | null
}

export interface ExportAssessment {
  assessmentId: number
  enrollmentId: number
  timePoint: TimePoint
  assessedOn: string
  runningPain: number
  runability: number
  /** Repetitions in the 30-second sit-to-stand test; null when not tested. */
  sitToStandReps: number | null
  /** A follow-up taken outside its window: the protocol deviation's reason. */
  deviationReason: string | null
}

export interface ExportAdverseEvent {
  adverseEventId: number
  enrollmentId: number
  occurredOn: string
  description: string
  severity: AdverseEventSeverity
  related: AdverseEventRelatedness
  actionTaken: string
}

export interface ExportSession {
  sessionId: number
  enrollmentId: number
  sessionDate: string
  week: number
  kind: SessionKind
  attended: boolean
  missedReason: string | null
  painBefore: number | null
  painAfter: number | null
}

/** One exercise of a recorded session: the dose prescribed for that week and the dose performed. */
export interface ExportDose {
  sessionId: number
  exerciseCode: string
  prescribedSets: number | null
  prescribedRepsMin: number | null
  prescribedRepsMax: number | null
  prescribedHoldSeconds: number | null
  prescribedDurationSeconds: number | null
  doneSets: number | null
  doneReps: number | null
  doneLoadKg: number | null
  doneHoldSeconds: number | null
  doneDurationSeconds: number | null
}

export interface ExportDataset {
  patients: ExportPatient[]
  enrollments: ExportEnrollment[]
  assessments: ExportAssessment[]
  sessions: ExportSession[]
  adverseEvents: ExportAdverseEvent[]
  doses: ExportDose[]
}

/**
 * An enrollment with its patient, for the rows that repeat the patient's clinic ID and program.
 * The statistics files ask for `inComparison`: only enrollments whose comparison consent is in force.
 */
export function enrollmentIndex(dataset: ExportDataset, options: { inComparison?: boolean } = {}) {
  const patients = new Map(dataset.patients.map((p) => [p.patientId, p]))
  const index = new Map<number, { enrollment: ExportEnrollment; patient: ExportPatient }>()
  for (const enrollment of dataset.enrollments) {
    if (options.inComparison && !enrollment.inComparison) continue
    const patient = patients.get(enrollment.patientId)
    if (patient) index.set(enrollment.enrollmentId, { enrollment, patient })
  }
  return index
}
