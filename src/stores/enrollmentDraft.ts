import type { EnrollInput } from '@clinic/contract'
import { PSFS_ACTIVITIES } from '@clinic/contract'
import { ELIGIBILITY_CRITERIA, type EligibilityCriterion } from '@clinic/rules/eligibility'
import { RED_FLAGS, type RedFlag } from '@clinic/rules/redFlags'
import type { Language, ProgramCode, Sex } from '@clinic/domain/vocabulary'

/** The enrollment form as the therapist fills it: empty answers stay empty until given. */
export interface EnrollmentDraft {
  /** An imported patient being enrolled; null for a new patient. */
  patientId: number | null
  enrolledOn: string
  /** The site chosen; null: the clinic's only active site (the form asks only when there are two or more). */
  siteId: number | null
  patient: {
    clinicId: string
    firstName: string
    lastName: string
    dateOfBirth: string
    sex: Sex | null
    phone: string
    email: string
    preferredLanguage: Language
  }
  runningProfile: { runsPerWeek: number | null; weeklyDistanceKm: number | null; yearsRunning: number | null }
  /** met null: not answered yet. Like the red flags, no criterion is pre-answered: the therapist asks each one. */
  eligibility: { criterion: EligibilityCriterion; met: boolean | null; overrideReason: string }[]
  /** null: not answered yet. Red flags are never pre-answered. */
  answers: Record<RedFlag, boolean | null>
  clearanceReceived: boolean
  clearance: { clearedOn: string; clearedBy: string; note: string }
  baseline: {
    assessedOn: string
    runningPain: number | null
    /** Optional: repetitions in the 30-second sit-to-stand test. */
    sitToStandReps?: number | null
    activities: { description: string; rating: number | null }[]
  }
  /** 'later': saved without a program on purpose; null: not decided yet. */
  program: {
    programCode: ProgramCode | 'later' | null
    startDate: string
    optionalExercises: string[]
    /** The clinic randomises and the program is to be allocated from the sequence (not chosen). */
    allocate: boolean
    /** Why the program is chosen by hand while the clinic randomises. */
    nonRandomisedReason: string
  }
  consent: {
    /** The runner gave consent to treatment (needed before a program). */
    treatmentGiven: boolean
    treatmentOn: string
    takenBy: string
    /** Consent to the program comparison: null until answered. */
    comparison: boolean | null
    comparisonOn: string
  }
}

export const ENROLLMENT_STEPS = ['details', 'profile', 'eligibility', 'redFlags', 'baseline', 'program'] as const
export type EnrollmentStep = (typeof ENROLLMENT_STEPS)[number]

/** Which input paths each step holds, to show the step of a field error. */
const STEP_PATHS: Record<EnrollmentStep, string[]> = {
  details: ['enrolledOn', 'siteId', 'patient'],
  profile: ['runningProfile'],
  eligibility: ['eligibility'],
  redFlags: ['screening'],
  baseline: ['baseline'],
  program: ['program', 'allocation', 'consent'],
}

export function stepOfPath(path: string): EnrollmentStep | null {
  const head = path.split('.')[0]
  return ENROLLMENT_STEPS.find((step) => STEP_PATHS[step].includes(head)) ?? null
}

export function newEnrollmentDraft(today: string): EnrollmentDraft {
  return {
    patientId: null,
    enrolledOn: today,
    siteId: null,
    patient: {
      clinicId: '',
      firstName: '',
      lastName: '',
      dateOfBirth: '',
      sex: null,
      phone: '',
      email: '',
      preferredLanguage: 'en',
    },
    runningProfile: { runsPerWeek: null, weeklyDistanceKm: null, yearsRunning: null },
    eligibility: ELIGIBILITY_CRITERIA.map((criterion) => ({ criterion, met: null, overrideReason: '' })),
    answers: Object.fromEntries(RED_FLAGS.map((flag) => [flag, null])) as Record<RedFlag, boolean | null>,
    clearanceReceived: false,
    clearance: { clearedOn: today, clearedBy: '', note: '' },
    baseline: {
      assessedOn: today,
      runningPain: null,
      sitToStandReps: null,
      activities: Array.from({ length: PSFS_ACTIVITIES.min }, () => ({ description: '', rating: null })),
    },
    program: { programCode: null, startDate: today, optionalExercises: [], allocate: false, nonRandomisedReason: '' },
    consent: { treatmentGiven: false, treatmentOn: today, takenBy: '', comparison: null, comparisonOn: today },
  }
}

/**
 * A back-dated enrollment keeps its own dates: the dates that still show the
 * enrollment day (baseline, clearance, program start, consent) move with it.
 */
export function moveDatesWithEnrollment(draft: EnrollmentDraft, from: string, to: string) {
  const follow = <T extends Record<K, string>, K extends keyof T>(record: T, key: K) => {
    if (record[key] === from) record[key] = to as T[K]
  }
  follow(draft.baseline, 'assessedOn')
  follow(draft.clearance, 'clearedOn')
  follow(draft.program, 'startDate')
  follow(draft.consent, 'treatmentOn')
  follow(draft.consent, 'comparisonOn')
}

/**
 * The input of patients.enroll as the form stands. Unanswered fields go as null
 * so the contract's schema names them; a blocked program is left out.
 */
export function enrollInputOf(draft: EnrollmentDraft, programBlocked: boolean): unknown {
  const { patient, program } = draft
  return {
    patientId: draft.patientId,
    enrolledOn: draft.enrolledOn,
    siteId: draft.siteId,
    patient: { ...patient, clinicId: patient.clinicId || null, phone: patient.phone || null, email: patient.email || null },
    runningProfile: draft.runningProfile,
    eligibility: draft.eligibility.map((e) => ({ ...e, overrideReason: e.met === false ? e.overrideReason : null })),
    screening: {
      screenedOn: draft.enrolledOn,
      answers: draft.answers,
      clearance: draft.clearanceReceived ? draft.clearance : null,
    },
    baseline: draft.baseline,
    program:
      programBlocked || program.allocate || program.programCode === 'later'
        ? null
        : {
            programCode: program.programCode,
            startDate: program.startDate,
            optionalExercises: program.optionalExercises,
            nonRandomisedReason: program.nonRandomisedReason || null,
          },
    allocation: !programBlocked && program.allocate ? { startDate: program.startDate } : null,
    consent: {
      treatment: draft.consent.treatmentGiven ? { consentedOn: draft.consent.treatmentOn, takenBy: draft.consent.takenBy } : null,
      comparison: draft.consent.comparison === null ? null : { given: draft.consent.comparison, answeredOn: draft.consent.comparisonOn },
    },
  } satisfies Record<keyof EnrollInput, unknown>
}
