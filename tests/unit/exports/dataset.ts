import type {
  ExportAssessment,
  ExportDataset,
  ExportDose,
  ExportEnrollment,
  ExportPatient,
  ExportSession,
} from '@clinic/exports/dataset'

/* Small factories for export datasets: one runner by default, override any field. */

export const patient = (overrides: Partial<ExportPatient> = {}): ExportPatient => ({
  patientId: 1,
  clinicId: 'BS-00001',
  firstName: 'Anna',
  lastName: 'Meier',
  dateOfBirth: '1988-05-14',
  sex: 'female',
  phone: '+49 30 1234567',
  email: 'anna.meier@example.org',
  preferredLanguage: 'de',
  isDemo: false,
  archived: false,
  ...overrides,
})

export const enrollment = (overrides: Partial<ExportEnrollment> = {}): ExportEnrollment => ({
  enrollmentId: 10,
  patientId: 1,
  enrolledOn: '2026-03-02',
  siteCode: 'MAIN',
  withdrawnOn: null,
  withdrawalCategory: null,
  withdrawalReason: null,
  inComparison: true,
  programCode: 'P1',
  startDate: '2026-03-02',
  runsPerWeek: 3,
  weeklyDistanceKm: 25,
  yearsRunning: 6,
  ...overrides,
})

export const assessment = (overrides: Partial<ExportAssessment> = {}): ExportAssessment => ({
  assessmentId: 100,
  enrollmentId: 10,
  timePoint: 'baseline',
  assessedOn: '2026-03-02',
  runningPain: 6,
  runability: 4,
  sitToStandReps: null,
  deviationReason: null,
  ...overrides,
})

export const session = (overrides: Partial<ExportSession> = {}): ExportSession => ({
  sessionId: 1000,
  enrollmentId: 10,
  sessionDate: '2026-03-03',
  week: 1,
  kind: 'supervised',
  attended: true,
  missedReason: null,
  painBefore: 6,
  painAfter: 5,
  ...overrides,
})

export const dose = (overrides: Partial<ExportDose> = {}): ExportDose => ({
  sessionId: 1000,
  exerciseCode: 'leg-press',
  prescribedSets: 3,
  prescribedRepsMin: 8,
  prescribedRepsMax: 12,
  prescribedHoldSeconds: null,
  prescribedDurationSeconds: null,
  doneSets: 3,
  doneReps: 10,
  doneLoadKg: 42.5,
  doneHoldSeconds: null,
  doneDurationSeconds: null,
  ...overrides,
})

/** Anna (P1, baseline and week 4, two sessions) and Ben (no program yet, baseline only, no phone or e-mail). */
export function twoRunners(): ExportDataset {
  return {
    patients: [
      patient(),
      patient({ patientId: 2, clinicId: 'BS-00002', firstName: 'Ben', lastName: 'Okafor', sex: 'diverse', dateOfBirth: '1990-03-03', phone: null, email: null, preferredLanguage: 'en' }),
    ],
    enrollments: [
      enrollment(),
      enrollment({ enrollmentId: 11, patientId: 2, enrolledOn: '2026-03-02', siteCode: 'MUC', programCode: null, startDate: null }),
    ],
    assessments: [
      assessment(),
      assessment({ assessmentId: 101, timePoint: 'week_4', assessedOn: '2026-03-29', runningPain: 3, runability: 6.33 }),
      assessment({ assessmentId: 102, enrollmentId: 11, runningPain: 7, runability: 2.67 }),
    ],
    sessions: [
      session(),
      session({ sessionId: 1001, sessionDate: '2026-03-06', attended: false, missedReason: 'Ill, "flu", stayed home', painBefore: null, painAfter: null }),
    ],
    adverseEvents: [],
    doses: [
      dose(),
      dose({ exerciseCode: 'side-plank', prescribedRepsMin: 3, prescribedRepsMax: 3, prescribedHoldSeconds: 30, doneReps: 3, doneLoadKg: null, doneHoldSeconds: 25 }),
    ],
  }
}
