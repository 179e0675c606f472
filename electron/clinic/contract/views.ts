import type { EligibilityCriterion } from '../rules/eligibility'
import type { FollowUpStatus } from '../rules/followUps'
import type { RedFlag } from '../rules/redFlags'
import type { GroupComparison } from '../stats'
import type { ComparisonFilter, PatientCursor } from './inputs'
import type { Coded } from './messages'
import type { DosageSources, ProgramNumberSources, Source } from '../../../db/catalogue-file'
import type {
  AdverseEventRelatedness,
  AdverseEventSeverity,
  AnalysisSet,
  AuditAction,
  ComparisonConsent,
  FollowUpTimePoint,
  Language,
  PatientStatus,
  ProgramCode,
  ProgramVersionOrigin,
  ScreeningOutcome,
  Section,
  SessionKind,
  Sex,
  TimePoint,
  UserRole,
  WithdrawalCategory,
  RunningAdvice,
} from '../domain/vocabulary'

/* Plain objects the API returns: what the screens, sheets and reports show. */

export type LocalizedText = Record<Language, string>

export interface AppInfo {
  mode: 'electron' | 'browser'
  version: string
  /** Where the clinic's data is: the SQLite file's path, or the database server's URL without its password. */
  databaseFile: string
  today: string
  /** The database holds a simulated demo cohort. */
  hasDemoData: boolean
}

export interface Dosage {
  week: number
  sets: number
  repsMin: number | null
  repsMax: number | null
  holdSeconds: number | null
  durationSeconds: number | null
  note: LocalizedText | null
}

export interface ExerciseView {
  code: string
  name: LocalizedText
  kind: string
  setting: 'clinic' | 'home' | 'both'
  description: LocalizedText
  cues: LocalizedText[]
  progression: LocalizedText
  safetyNotes: LocalizedText[]
  illustration: string
  /** Drawings of an easier variant for some weeks; `illustration` for the others. */
  stageIllustrations: { fromWeek: number; toWeek: number; illustration: string }[]
  /** Where the exercise comes from (docs/clinical-basis.md, "Sources"). */
  source: Source
  /** What the evidence for the exercise concerns, where it is not back pain (retro walking). */
  evidence: LocalizedText | null
}

export interface ProgramExerciseView {
  exercise: ExerciseView
  section: Section
  optional: boolean
  /** One entry per week, 1 to 8. */
  dosage: Dosage[]
  /** Where each week's numbers come from, in the order of `dosage`; null for rows loaded before sources were kept. */
  dosageSources: (DosageSources | null)[]
}

/** Who published a program version in Settings, when, why, and which version it copied. */
export interface ProgramVersionPublication {
  by: string
  /** ISO-8601 UTC time. */
  at: string
  note: string
  basedOnVersion: number | null
}

export interface ProgramVersionView {
  programVersionId: number
  code: ProgramCode
  version: number
  name: LocalizedText
  focus: LocalizedText
  weeks: number
  supervisedSessionsPerWeek: number
  homeSessionsPerWeek: number
  exercises: ProgramExerciseView[]
  /** From the catalogue file, or published by the clinic lead (then `publication` says by whom, when and why). */
  origin: ProgramVersionOrigin
  publication: ProgramVersionPublication | null
  /** Where weeks, supervised and home sessions a week come from; null for versions loaded before sources were kept. */
  sources: ProgramNumberSources | null
}

/** One version of a program in the list of versions (Settings, the comparison's version filter). */
export interface ProgramVersionSummary {
  programVersionId: number
  code: ProgramCode
  version: number
  origin: ProgramVersionOrigin
  publication: ProgramVersionPublication | null
  /** The version new enrollments get. */
  current: boolean
  /** Runners assigned this version. */
  assignedRunners: number
}

export interface PatientSummary {
  patientId: number
  /** Null for a patient imported from a spreadsheet and not yet enrolled (status not_enrolled). */
  enrollmentId: number | null
  clinicId: string
  firstName: string
  lastName: string
  status: PatientStatus
  programCode: ProgramCode | null
  /** Program week today (1–8), null before the start or without a program. */
  week: number | null
  /** What is due next for this runner, e.g. a follow-up assessment or the physician's clearance. */
  nextDue: { what: 'clearance' | 'program' | FollowUpTimePoint; dueOn: string | null; status: FollowUpStatus } | null
  isDemo: boolean
  /** The program was chosen by hand while the clinic randomises (it is left out of the ITT and per-protocol sets). */
  nonRandomised: boolean
  /** Seen by a blinded assessor: programCode and week are null whatever the runner does. */
  blinded: boolean
}

/** One page of the patient list, in order of last name, first name, patient id. */
export interface PatientPage {
  rows: PatientSummary[]
  /** Every patient the filter matches, counted on the first page only (null on the pages after it). */
  total: number | null
  /** Pass as `after` for the next page; null when this page is the last. */
  nextCursor: PatientCursor | null
}

export interface PatientView {
  /** Set when the patient was archived: out of the lists, every record kept. */
  archived: { at: string; by: string | null } | null
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
}

export interface ScreeningView {
  screenedOn: string
  outcome: ScreeningOutcome
  flagsPresent: RedFlag[]
  clearedOn: string | null
  clearedBy: string | null
  clearanceNote: string | null
  programMayStart: boolean
}

export interface AssignmentView {
  assignmentId: number
  programCode: ProgramCode
  programVersionId: number
  programVersion: number
  programName: LocalizedText
  startDate: string
  /** Home sessions the assigned program version plans a week. */
  homeSessionsPerWeek: number
  optionalExercises: string[]
  /** The program came from the randomisation sequence. */
  randomised: boolean
  /** Why the program was chosen by hand while the clinic randomises; null otherwise. */
  nonRandomisedReason: string | null
}

export interface SessionExerciseView {
  exerciseCode: string
  exerciseName: LocalizedText
  prescribed: { sets: number | null; repsMin: number | null; repsMax: number | null; holdSeconds: number | null; durationSeconds: number | null }
  done: ExercisePerformance
  /** Recorded as not done in this session (done is then empty). */
  notDone: boolean
  notDoneReason: string | null
}

/** What was done of one exercise in a session. */
export interface ExercisePerformance {
  sets: number | null
  reps: number | null
  loadKg: number | null
  holdSeconds: number | null
  durationSeconds: number | null
}

export interface SessionView {
  sessionId: number
  kind: SessionKind
  sessionDate: string
  week: number
  attended: boolean
  missedReason: string | null
  painBefore: number | null
  painAfter: number | null
  notes: string | null
  exercises: SessionExerciseView[]
  /** The record was corrected after it was first saved; its history keeps the earlier values. */
  corrected: boolean
  /** Entered in error: kept and shown, left out of every count and statistic. */
  voided: VoidMark | null
}

/** When, by whom and why a record was voided (entered in error). */
export interface VoidMark {
  at: string
  by: string | null
  reason: string | null
}

export interface AssessmentView {
  assessmentId: number
  timePoint: TimePoint
  assessedOn: string
  runningPain: number
  runability: number
  /** Leg strength: repetitions in the 30-second sit-to-stand test; null when not tested. */
  sitToStandReps: number | null
  ratings: { activityId: number; rating: number }[]
  sessionId: number | null
  /** Set when a follow-up was taken outside its window around the due date: the protocol deviation's reason. */
  deviationReason: string | null
  /** Corrected after it was first saved; the history keeps the earlier values. */
  corrected: boolean
  /** Entered in error: kept and shown, left out of every count and statistic; its time point is open again. */
  voided: VoidMark | null
}

export interface WithdrawalView {
  withdrawnOn: string
  /** Null on a withdrawal recorded before the category was asked. */
  category: WithdrawalCategory | null
  reason: string | null
}

export interface AdverseEventView {
  adverseEventId: number
  occurredOn: string
  description: string
  severity: AdverseEventSeverity
  related: AdverseEventRelatedness
  actionTaken: string
  recordedBy: string | null
  /** Corrected after it was first saved; the history keeps the earlier values. */
  corrected: boolean
  /** Entered in error: kept and shown, left out of every count, report and export. */
  voided: VoidMark | null
}

export interface ConsentView {
  /** Consent to treatment; null when not recorded. */
  treatment: { consentedOn: string; takenBy: string } | null
  /** Enrolled before Backstride asked for consent: a missing treatment consent reads "not recorded (before consent was asked)". */
  enrolledBeforeConsentAsked: boolean
  /** Consent to the program comparison: the answer and its day (null: not recorded), and when a given consent was withdrawn. */
  comparison: { answer: ComparisonConsent | null; answeredOn: string | null; withdrawnOn: string | null }
  /** The runner's data may go into the statistics exports and the group report. */
  inComparison: boolean
}

export interface FollowUpView {
  timePoint: FollowUpTimePoint
  dueOn: string
  status: FollowUpStatus
  assessmentId: number | null
}

export interface PatientRecord {
  patient: PatientView
  enrollmentId: number
  enrolledOn: string
  /** Where the runner is treated. */
  site: SiteView
  status: PatientStatus
  runningProfile: { runsPerWeek: number; weeklyDistanceKm: number; yearsRunning: number }
  eligibility: { criterion: EligibilityCriterion; met: boolean; overrideReason: string | null }[]
  screening: ScreeningView
  assignment: AssignmentView | null
  /** Program week today (1–8), null outside the program. */
  currentWeek: number | null
  activities: { activityId: number; position: number; description: string }[]
  sessions: SessionView[]
  assessments: AssessmentView[]
  followUps: FollowUpView[]
  /** Set while the runner is withdrawn from the program. */
  withdrawal: WithdrawalView | null
  consent: ConsentView
  /** Oldest first; left out for a blinded assessor (a description may name an exercise). */
  adverseEvents: AdverseEventView[]
  /** The advice on running during the program the runner gets (sheet, patient page), and whether it is the runner's own choice or the clinic's default. */
  runningAdvice: { advice: RunningAdvice; own: boolean }
  /** Seen by a blinded assessor: assignment, currentWeek, sessions and adverse events are left out (they would show the program). */
  blinded: boolean
}

export interface Prescription {
  week: number
  exercises: {
    exerciseCode: string
    exerciseName: LocalizedText
    section: Section
    dosage: Dosage
    /** The runner's latest earlier supervised session with this exercise done, and what was done; null when none. */
    lastPerformance: (ExercisePerformance & { sessionDate: string }) | null
  }[]
  /** A follow-up assessment is due on that day: the session form asks for runability too. */
  assessmentDue: FollowUpTimePoint | null
}

/** An audit entry of one of a patient's records. */
export interface PatientHistoryEntry extends AuditEntry {
  /** The kind of record: patients, enrollments, red_flag_screenings, assignments, sessions, assessments, adverse_events. */
  record: string
  recordId: number
}

export interface AuditEntry {
  at: string
  actor: string
  action: AuditAction
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  reason: string | null
}

export interface GroupComparisonResult {
  /** The filter as applied. */
  filter: ComparisonFilter
  /** The site filtered by (filter.siteId), for the words of a report; null: every site. */
  site: SiteView | null
  /** Which patients the comparison shows (also in filter). */
  analysisSet: AnalysisSet
  /** Enrollments with a program that match the filter, in the analysis set. */
  patients: number
  /** How many runners with a program match the filter, and how many of them each analysis set leaves out. */
  matching: number
  leftOut: Record<AnalysisSet, number>
  /** Whether the groups are randomised groups, so that a p value tests the programs (service/outcomes.ts). */
  randomisation: ComparisonRandomisation
  comparison: GroupComparison
  /** Adverse events of the analysis set's runners, per program. */
  adverseEvents: Record<ProgramCode, AdverseEventCounts>
}

export interface AdverseEventCounts {
  /** Events recorded, and runners with at least one. */
  events: number
  runners: number
  serious: number
  /** Events the therapist judged related to the exercise program (yes). */
  related: number
}

/**
 * randomised: the groups as allocated (intention to treat); selected_after_randomisation:
 * randomised runners kept by how much they attended (per protocol); not_randomised:
 * programs chosen by hand among them (all patients).
 */
export type ComparisonRandomisation = 'randomised' | 'selected_after_randomisation' | 'not_randomised'

/** One exercise on a home-exercise sheet, its texts in the sheet's language. */
export interface SheetExercise {
  code: string
  name: string
  description: string
  cues: string[]
  progression: string
  safetyNotes: string[]
  /** The drawing for the sheet's week: the easier variant's in its weeks. */
  illustration: string
  evidence: string | null
  dosage: Dosage
}

/** Everything a home-exercise sheet prints, for one runner and one program week. */
export interface HomeSheet {
  clinic: import('./sheets').ClinicDetails
  patient: { clinicId: string; firstName: string; lastName: string }
  program: { code: ProgramCode; version: number; name: string }
  week: number
  weeks: number
  language: Language
  /** The day the sheet is printed. */
  printedOn: string
  therapist: string
  homeSessionsPerWeek: number
  /** What the runner is told about running during the program: their own advice, else the clinic's default. */
  runningAdvice: RunningAdvice
  warmUp: SheetExercise[]
  exercises: SheetExercise[]
  coolDown: SheetExercise[]
}

export interface BackupView {
  fileName: string
  kind: 'start' | 'daily' | 'manual' | 'pre_restore'
  createdAt: string
  bytes: number
  /** False for a backup of another database (another clinic's data) in the same folder. */
  sameDatabase: boolean
  /** The clinic name in the database when it was backed up; null for backups from before manifests. */
  clinicName: string | null
}

/** The last backup failed: when, into which folder, and why (read-only, full, missing or another reason). */
export interface BackupProblem {
  at: string
  kind: BackupView['kind']
  folder: string
  reason: Coded
}

/** Where backups go and whether the last one failed (every screen warns while it did). */
export interface BackupStatus {
  folder: string
  problem: BackupProblem | null
}

export interface SignedInUser {
  username: string
  displayName: string
  role: UserRole
}

export interface UserView extends SignedInUser {
  archived: boolean
  createdAt: string
}

export interface AuthStatus {
  /** false at first start: the first account (a clinic lead) is to be set up. */
  accountsExist: boolean
  user: SignedInUser | null
  /** The user whose session locked after inactivity, to offer at the sign-in screen. */
  lockedUser: string | null
  lockAfterMinutes: number
}

/** A clinic site (treatment location). The code is short, unique and never changes; the name may be corrected. */
export interface SiteView {
  siteId: number
  code: string
  name: string
  /** Deactivated sites are offered for no new enrollment; their enrollments keep them. */
  active: boolean
}

/** The clinic's default advice on running during the program (a runner may have their own: PatientRecord.runningAdvice). */
export interface RunningAdviceSettings {
  clinicDefault: RunningAdvice
}

export interface RandomisationSettings {
  /** New runners get their program from the randomisation sequence at the end of enrollment. */
  enabled: boolean
  /** When randomisation was last switched on, ISO-8601 UTC. */
  switchedOnAt: string | null
}

export type WorklistKind = 'supervised_session' | 'assessment' | 'missed_session' | 'not_seen' | 'awaiting_clearance'

/** One thing to do today for one runner, with the screen that does it. */
export interface WorklistItem {
  kind: WorklistKind
  patientId: number
  enrollmentId: number
  clinicId: string
  firstName: string
  lastName: string
  /**
   * The day it is due (a missed session: the day it was missed; not seen: 14 days after the last visit;
   * awaiting clearance: the day of the red-flag screening that asked for it).
   */
  dueOn: string
  /** assessment: the follow-up's time point and whether it is overdue. */
  timePoint: FollowUpTimePoint | null
  overdue: boolean
  /** Where the form is, as a route path of the renderer, e.g. /patients/4/sessions/new. */
  route: string
}

export interface Worklist {
  date: string
  items: WorklistItem[]
}
