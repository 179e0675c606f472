import { z } from 'zod'
import { id, localDate } from './fields'
import { zodMessage, type Coded } from './messages'
import {
  archivePatientInput,
  clearance,
  comparisonFilter,
  correctAdverseEventInput,
  createSiteInput,
  updateSiteInput,
  correctAssessmentInput,
  correctWithdrawalInput,
  correctEnrollmentInput,
  correctPatientInput,
  correctSessionInput,
  enrollInput,
  listPatientsInput,
  programChoice,
  recordAssessmentInput,
  renewBaselineInput,
  recordSessionInput,
  allocationChoice,
  comparisonConsentInput,
  readmitInput,
  recordAdverseEventInput,
  recordTreatmentConsentInput,
  withdrawInput,
  voidAdverseEventInput,
  voidAssessmentInput,
  voidHomeWeekInput,
  voidSessionInput,
  worklistInput,
} from './inputs'
import { changePasswordInput, createUserInput, setupInput, signInInput, username } from './auth'
import { clinicDetails, homeSheetInput, type ClinicDetails } from './sheets'
import { publishProgramVersionInput } from './programVersions'
import { enrollmentRef, recordHomeWeekInput, type DeliveryResult, type PatientAdherence } from './adherence'
import {
  exportCsvInput,
  exportFhirInput,
  exportXlsxInput,
  importPatientsInput,
  type ExportFile,
  type PatientImportPreview,
  type PatientImportResult,
} from './exports'
import type {
  AppInfo,
  AuthStatus,
  SignedInUser,
  UserView,
  AuditEntry,
  PatientHistoryEntry,
  BackupView,
  BackupStatus,
  GroupComparisonResult,
  HomeSheet,
  PatientRecord,
  PatientPage,
  PatientSummary,
  PatientView,
  Prescription,
  ProgramVersionSummary,
  ProgramVersionView,
  RandomisationSettings,
  SiteView,
  RunningAdviceSettings,
  Worklist,
} from './views'
import { RUNNING_ADVICE, type ProgramCode } from '../domain/vocabulary'

export * from './inputs'
export * from './sheets'
export * from './adherence'
export * from './auth'
export * from './exports'
export * from './programVersions'
export type * from './views'
export type { Coded, MessageCode } from './messages'

/**
 * The clinic API: every method declared once, with its input schema and result
 * type. The IPC handlers, the preload bridge, the browser-mode routes and the
 * renderer's client are all derived from this object.
 */
const method = <I extends z.ZodType>(input: I) => ({
  returns: <O>() => ({ input, output: undefined as unknown as O }),
})
const noInput = z.object({}).default({})

export const contract = {
  app: {
    info: method(noInput).returns<AppInfo>(),
  },
  auth: {
    status: method(noInput).returns<AuthStatus>(),
    setup: method(setupInput).returns<SignedInUser>(),
    signIn: method(signInInput).returns<SignedInUser>(),
    signOut: method(noInput).returns<{ signedOut: true }>(),
  },
  users: {
    list: method(noInput).returns<UserView[]>(),
    create: method(createUserInput).returns<UserView>(),
    archive: method(z.object({ username })).returns<UserView>(),
    changePassword: method(changePasswordInput).returns<{ username: string }>(),
  },
  catalogue: {
    programs: method(noInput).returns<ProgramVersionView[]>(),
    /** Every version of every program: who published it, when, why, and how many runners have it. */
    versions: method(noInput).returns<ProgramVersionSummary[]>(),
    /** One program version with its week-by-week dosage and the source of each number. */
    version: method(z.object({ programVersionId: id('programVersion') })).returns<ProgramVersionView>(),
    /** A new version of a program with changed dosage (clinic lead): runners keep theirs, new enrollments get it. */
    publish: method(publishProgramVersionInput).returns<{ programVersionId: number; version: number }>(),
  },
  patients: {
    /** One page of the patient list (`limit` rows after the cursor `after`), filtered and searched on the store. */
    list: method(listPatientsInput).returns<PatientPage>(),
    get: method(z.object({ patientId: id('patient') })).returns<PatientRecord>(),
    details: method(z.object({ patientId: id('patient') })).returns<{ patient: PatientView; enrolled: boolean }>(),
    archive: method(archivePatientInput).returns<{ patientId: number }>(),
    restore: method(archivePatientInput).returns<{ patientId: number }>(),
    /** Every recorded change of the patient and their clinical records: who, when, before, after, why. */
    history: method(z.object({ patientId: id('patient') })).returns<PatientHistoryEntry[]>(),
    enroll: method(enrollInput).returns<{ patientId: number; enrollmentId: number }>(),
    /** Corrects names, date of birth, sex, contact or language, with the reason (kept in the history). */
    correct: method(correctPatientInput).returns<{ patientId: number }>(),
  },
  enrollments: {
    /**
     * Corrects the running profile, eligibility answers or red-flag answers recorded at enrollment (a red flag added puts the
     * program on hold until clearance), or changes the runner's advice on running during the program.
     */
    correct: method(correctEnrollmentInput).returns<{ enrollmentId: number; onHold: boolean }>(),
  },
  screenings: {
    recordClearance: method(z.object({ enrollmentId: id('enrollment'), ...clearance.shape })).returns<{
      enrollmentId: number
    }>(),
  },
  assignments: {
    assign: method(z.object({ enrollmentId: id('enrollment'), ...programChoice.shape })).returns<{
      assignmentId: number
    }>(),
    allocate: method(z.object({ enrollmentId: id('enrollment'), ...allocationChoice.shape })).returns<{
      assignmentId: number
      programCode: ProgramCode
    }>(),
  },
  sessions: {
    prescription: method(z.object({ enrollmentId: id('enrollment'), sessionDate: localDate })).returns<Prescription>(),
    record: method(recordSessionInput).returns<{ sessionId: number }>(),
    correct: method(correctSessionInput).returns<{ sessionId: number }>(),
    history: method(z.object({ sessionId: id('session') })).returns<AuditEntry[]>(),
    /** Voids a session (or home-log day) entered in error, or restores it; kept and marked, left out of every count. */
    void: method(voidSessionInput).returns<{ sessionId: number }>(),
    /** Voids every home-log day of a program week (a week entered twice). */
    voidHomeWeek: method(voidHomeWeekInput).returns<{ sessionIds: number[] }>(),
    /** A program week's home log from the returned sheet: one home session per day, re-entry corrects. */
    recordHomeWeek: method(recordHomeWeekInput).returns<{ sessionIds: number[] }>(),
  },
  assessments: {
    record: method(recordAssessmentInput).returns<{ assessmentId: number }>(),
    /** Replaces the baseline's scores while no program is assigned yet; the audit trail keeps the first baseline. */
    renewBaseline: method(renewBaselineInput).returns<{ assessmentId: number }>(),
    /** Corrects an assessment's date, running pain or activity ratings (the blinded assessor may: it shows no program). */
    correct: method(correctAssessmentInput).returns<{ assessmentId: number }>(),
    /** Voids an assessment entered in error (its time point is open again), or restores it. */
    void: method(voidAssessmentInput).returns<{ assessmentId: number }>(),
  },
  /** Withdrawal from the program (no more sessions; still invited to the follow-ups; a drop-out) and re-admission, each with a reason. */
  withdrawals: {
    withdraw: method(withdrawInput).returns<{ enrollmentId: number }>(),
    /** Also undoes a withdrawal entered in error (the reason says so); the history keeps the withdrawal. */
    readmit: method(readmitInput).returns<{ enrollmentId: number }>(),
    /** Corrects a withdrawal's date, category or free text, with the reason. */
    correct: method(correctWithdrawalInput).returns<{ enrollmentId: number }>(),
  },
  adverseEvents: {
    record: method(recordAdverseEventInput).returns<{ adverseEventId: number }>(),
    /** Corrects an adverse event's date, description, severity, relatedness or action taken, with the reason. */
    correct: method(correctAdverseEventInput).returns<{ adverseEventId: number }>(),
    /** Voids an adverse event entered in error (kept, marked, left out of every count and export), or restores it. */
    void: method(voidAdverseEventInput).returns<{ adverseEventId: number }>(),
  },
  /** Consent to treatment (before a program) and to taking part in the program comparison (statistics exports, group report). */
  consent: {
    recordTreatment: method(recordTreatmentConsentInput).returns<{ enrollmentId: number }>(),
    answerComparison: method(comparisonConsentInput).returns<{ enrollmentId: number }>(),
  },
  settings: {
    clinic: method(noInput).returns<ClinicDetails>(),
    updateClinic: method(clinicDetails).returns<ClinicDetails>(),
    randomisation: method(noInput).returns<RandomisationSettings>(),
    updateRandomisation: method(z.object({ enabled: z.boolean({ error: zodMessage('randomise_required') }) })).returns<RandomisationSettings>(),
    /** The clinic's default advice on running during the program (sheet and patient page), unless a runner has their own. */
    runningAdvice: method(noInput).returns<RunningAdviceSettings>(),
    updateRunningAdvice: method(
      z.object({ clinicDefault: z.enum(RUNNING_ADVICE, { error: zodMessage('field_choose', { field: 'runningAdvice' }) }) }),
    ).returns<RunningAdviceSettings>(),
  },
  /** The clinic's sites: listed for every signed-in user (the site choices), added and changed by the clinic lead. */
  sites: {
    list: method(noInput).returns<SiteView[]>(),
    create: method(createSiteInput).returns<SiteView>(),
    /** Renames, deactivates or reactivates a site, with the reason (kept in the audit trail). */
    update: method(updateSiteInput).returns<SiteView>(),
  },
  sheets: {
    home: method(homeSheetInput).returns<HomeSheet>(),
  },
  backups: {
    /** automatic: false on a server database (backups by hand and from the command line; its administrator schedules the server's own). */
    list: method(noInput).returns<{ folder: string; automatic: boolean; backups: BackupView[] }>(),
    /** Open to every signed-in user: the warning every screen shows while backups fail. */
    status: method(noInput).returns<BackupStatus>(),
    create: method(noInput).returns<BackupView>(),
    setFolder: method(
      z.object({
        folder: z
          .string({ error: zodMessage('field_required', { field: 'folder' }) })
          .trim()
          .min(1, { message: zodMessage('field_required', { field: 'folder' }) })
          .max(1000, { message: zodMessage('text_too_long', { max: 1000 }) })
          .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, { message: zodMessage('folder_full_path') }),
      }),
    ).returns<{ folder: string }>(),
    restore: method(
      z.object({
        fileName: z.string({ error: zodMessage('field_choose', { field: 'backup' }) }).min(1, { message: zodMessage('field_choose', { field: 'backup' }) }),
        /**
         * Only for a backup of another database: the clinic lead chose "replace with another clinic's
         * data" and typed the name of this clinic, whose data it replaces.
         */
        replaceOtherClinic: z.object({ confirmClinicName: z.string().max(200, { message: zodMessage('text_too_long', { max: 200 }) }) }).optional(),
      }),
    ).returns<{
      restored: BackupView
      safetyBackup: BackupView
    }>(),
  },
  outcomes: {
    compare: method(comparisonFilter).returns<GroupComparisonResult>(),
    /** One runner's home and supervised adherence and the fidelity of their supervised sessions. */
    adherence: method(enrollmentRef).returns<PatientAdherence>(),
    /** Adherence and fidelity per program, for the comparison's filter and analysis set. */
    fidelity: method(comparisonFilter).returns<DeliveryResult>(),
  },
  worklist: {
    today: method(worklistInput).returns<Worklist>(),
  },
  exports: {
    csv: method(exportCsvInput).returns<ExportFile>(),
    xlsx: method(exportXlsxInput).returns<ExportFile>(),
    fhir: method(exportFhirInput).returns<ExportFile>(),
  },
  imports: {
    previewPatients: method(importPatientsInput).returns<PatientImportPreview>(),
    patients: method(importPatientsInput).returns<PatientImportResult>(),
  },
} as const

export type Contract = typeof contract
export type Group = keyof Contract
export type MethodOf<G extends Group> = keyof Contract[G] & string
type Spec<G extends Group, M extends MethodOf<G>> = Contract[G][M] extends { input: infer I; output: infer O }
  ? { input: I; output: O }
  : never

export type InputOf<G extends Group, M extends MethodOf<G>> = Spec<G, M>['input'] extends z.ZodType
  ? z.input<Spec<G, M>['input']>
  : never
export type ParsedInputOf<G extends Group, M extends MethodOf<G>> = Spec<G, M>['input'] extends z.ZodType
  ? z.output<Spec<G, M>['input']>
  : never
export type OutputOf<G extends Group, M extends MethodOf<G>> = Spec<G, M>['output']

/** A channel name, `group/method`, as used over IPC and HTTP. */
export type Channel = { [G in Group]: `${G}/${MethodOf<G>}` }[Group]

export const CHANNELS = (Object.keys(contract) as Group[]).flatMap((group) =>
  Object.keys(contract[group]).map((m) => `${group}/${m}` as Channel),
)

/** What is wrong with one input field: a coded message (./messages) and the field's dotted path, e.g. "baseline.runningPain". */
export type FieldError = Coded & { path: string }

/** A refusal: a coded message (./messages) with its kind and the fields at fault. */
export type ApiError = Coded & {
  /**
   * unauthorized: nobody signed in (or the desk locked); forbidden: the signed-in role may not do this;
   * unavailable: the database server cannot be reached (store_unreachable), nothing was written: try again later.
   */
  kind: 'validation' | 'not_found' | 'rule' | 'conflict' | 'unauthorized' | 'forbidden' | 'unavailable' | 'internal'
  fields: FieldError[]
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** What the clinic service implements (backups are handled where the database is opened: see open.ts). */
export type ServiceHandlers = Omit<Handlers, 'backups'>

/** What the clinic service implements: one async function per method, taking parsed input. */
export type Handlers = {
  [G in Group]: { [M in MethodOf<G>]: (input: ParsedInputOf<G, M>) => Promise<OutputOf<G, M>> }
}

/** What the renderer calls: the same shape, taking raw input, returning a result. */
export type ClinicApi = {
  [G in Group]: { [M in MethodOf<G>]: (input: InputOf<G, M>) => Promise<ApiResult<OutputOf<G, M>>> }
}
