import type { Access } from './auth'
import type { Channel } from './index'

/**
 * Who may call what. Every method needs a signed-in user unless listed here as
 * public; account management, clinic settings and restoring a backup need a
 * clinic lead; 'unblinded' methods are closed to the blinded outcome assessor.
 */
export const ACCESS: Partial<Record<Channel, Access>> = {
  'app/info': 'public',
  'auth/status': 'public',
  'auth/setup': 'public',
  'auth/signIn': 'public',
  'auth/signOut': 'public',
  'users/list': 'clinic_lead',
  'users/create': 'clinic_lead',
  'users/archive': 'clinic_lead',
  'settings/updateClinic': 'clinic_lead',
  'backups/restore': 'clinic_lead',
  'backups/setFolder': 'clinic_lead',
  'settings/updateRandomisation': 'clinic_lead',
  'settings/updateRunningAdvice': 'clinic_lead',
  'catalogue/publish': 'clinic_lead',
  'sites/create': 'clinic_lead',
  'sites/update': 'clinic_lead',
  // A blinded assessor records assessments without learning any runner's program: everything
  // that shows a program, an exercise or a session is closed to them (patients.list and .get
  // blank the program for them in the service).
  'catalogue/programs': 'unblinded',
  'catalogue/versions': 'unblinded',
  'catalogue/version': 'unblinded',
  'patients/enroll': 'unblinded',
  'patients/history': 'unblinded',
  'assignments/assign': 'unblinded',
  'assignments/allocate': 'unblinded',
  'assessments/renewBaseline': 'unblinded',
  'sessions/prescription': 'unblinded',
  'sessions/record': 'unblinded',
  'sessions/correct': 'unblinded',
  'sessions/history': 'unblinded',
  'sessions/void': 'unblinded',
  'sessions/voidHomeWeek': 'unblinded',
  // Patient details and what was recorded at enrollment are corrected by the treating therapists;
  // assessments/correct and assessments/void stay open to the assessor (they record assessments).
  'patients/correct': 'unblinded',
  'enrollments/correct': 'unblinded',
  'sheets/home': 'unblinded',
  'outcomes/compare': 'unblinded',
  'sessions/recordHomeWeek': 'unblinded',
  'outcomes/adherence': 'unblinded',
  'outcomes/fidelity': 'unblinded',
  'exports/csv': 'unblinded',
  'exports/xlsx': 'unblinded',
  'exports/fhir': 'unblinded',
  // Enrolling (also from a spreadsheet) and archiving are the treating therapists' work, not the assessor's.
  'imports/previewPatients': 'unblinded',
  'imports/patients': 'unblinded',
  'patients/archive': 'unblinded',
  // Withdrawal, adverse events and consent are the treating therapists' records: an adverse event's
  // description or a withdrawal's reason may well name an exercise, and so the program.
  'withdrawals/withdraw': 'unblinded',
  'withdrawals/readmit': 'unblinded',
  'adverseEvents/record': 'unblinded',
  'withdrawals/correct': 'unblinded',
  'adverseEvents/correct': 'unblinded',
  'adverseEvents/void': 'unblinded',
  'consent/recordTreatment': 'unblinded',
  'consent/answerComparison': 'unblinded',
  'patients/restore': 'unblinded',
  // A physician's clearance lets a runner with a red flag start a program: a clinical decision
  // the treating therapist or the clinic lead records, not the outcome assessor.
  'screenings/recordClearance': 'unblinded',
}

export const accessOf = (channel: Channel): Access => ACCESS[channel] ?? 'signed_in'
