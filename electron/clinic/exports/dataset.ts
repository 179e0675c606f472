/* What every export is built from: plain rows as read from the database, oldest first. */

export type ProgramCode = 'P1' | 'P2' | 'P3'
export type Sex = 'female' | 'male' | 'diverse'
export type TimePoint = 'baseline' | 'week_4' | 'week_8' | 'month_3' | 'month_6' | 'unscheduled'

export interface ExportPatient {
  patientId: number
  clinicId: string
  firstName: string
  lastName: string
  dateOfBirth: string
  sex: Sex
  phone: string | null
  email: string | null
  preferredLanguage: 'en' | 'de'
  isDemo: boolean
}

export interface ExportEnrollment {
  enrollmentId: number
  patientId: number
  enrolledOn: string
  withdrawnOn: string | null
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
}

export interface ExportSession {
  sessionId: number
  enrollmentId: number
  sessionDate: string
  week: number
  kind: 'supervised' | 'home'
  attended: boolean
  missedReason: string | null
  painBefore: number | null
  painAfter: number | null
}

export interface ExportDataset {
  patients: ExportPatient[]
  enrollments: ExportEnrollment[]
  assessments: ExportAssessment[]
  sessions: ExportSession[]
}

/** An enrollment with its patient, for the rows that repeat the patient's clinic ID and program. */
export function enrollmentIndex(dataset: ExportDataset) {
  const patients = new Map(dataset.patients.map((p) => [p.patientId, p]))
  const index = new Map<number, { enrollment: ExportEnrollment; patient: ExportPatient }>()
  for (const enrollment of dataset.enrollments) {
    const patient = patients.get(enrollment.patientId)
    if (patient) index.set(enrollment.enrollmentId, { enrollment, patient })
  }
  return index
}
