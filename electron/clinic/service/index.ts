import { userInfo } from 'node:os'
import type { ClinicStore } from '../../../db/client'
import { hasDemoPatients } from '../../../db/repositories/enrollments'
import type { ServiceHandlers } from '../contract'
import { todayLocal } from '../rules/calendar'
import { createDeskSession, type DeskSession } from '../auth/deskSession'
import { archivePatient, patientHistory } from './archive'
import { recordAssessment, renewBaseline } from './assessments'
import { correctAssessment, correctEnrollment, correctPatient, voidAssessment, voidHomeWeek, voidSession } from './corrections'
import { archiveUser, authStatus, changePassword, createUser, listUsers, setUp, signIn } from './auth'
import { createCatalogue } from './catalogue'
import { listProgramVersions, publishProgramVersion } from './programVersions'
import type { ServiceContext } from './context'
import { exportCsv, exportFhir, exportXlsx } from './exports'
import { importPatients, previewPatientImport } from './imports'
import { allocateToProgram, assignProgram, enroll, recordPhysicianClearance } from './enrollment'
import { randomisationSettings, updateRandomisation } from './randomisation'
import { worklistToday } from './worklist'
import { compareProgramGroups } from './outcomes'
import { getPatient, listPatients, patientDetails } from './patients'
import { clinicDetails, runningAdviceSettings, updateClinicDetails, updateRunningAdvice } from './settings'
import { homeSheet } from './sheets'
import { createSite, sitesList, updateSiteDetails } from './sites'
import { correctSession, prescription, recordSession, sessionHistory } from './sessions'
import { recordHomeWeek } from './homeLog'
import { patientAdherence, programDelivery } from './delivery'
import {
  answerComparisonConsent,
  correctAdverseEvent,
  correctWithdrawal,
  readmit,
  recordAdverseEvent,
  recordTreatmentConsent,
  voidAdverseEvent,
  withdraw,
} from './participation'

export interface ServiceOptions {
  store: ClinicStore
  mode: 'electron' | 'browser'
  version: string
  /** Who is signed in at this desk; made here when the caller has none (command line, tests). */
  session?: DeskSession
  /** The actor recorded when nobody is signed in (the command line): defaults to the OS user. */
  actor?: string
  /** Fixed clock for tests. */
  now?: () => Date
}

/** The clinic API's implementation: one handler per contract method. Knows neither Electron nor Vue. */
export function createClinicService(options: ServiceOptions): ServiceHandlers {
  const now = options.now ?? (() => new Date())
  const session = options.session ?? createDeskSession(() => now().getTime())
  const fallbackActor = options.actor ?? safeUserName()
  const ctx: ServiceContext = {
    store: options.store,
    catalogue: createCatalogue(options.store.db),
    get actor() {
      return session.current()?.username ?? fallbackActor
    },
    get actorName() {
      return session.current()?.displayName ?? fallbackActor
    },
    get blinded() {
      return session.current()?.role === 'assessor'
    },
    today: () => todayLocal(now()),
    now: () => now().toISOString(),
  }
  return {
    auth: {
      status: () => authStatus(ctx, session),
      setup: (input) => setUp(ctx, session, input),
      signIn: (input) => signIn(ctx, session, input),
      signOut: async () => {
        session.signOut()
        return { signedOut: true }
      },
    },
    users: {
      list: () => listUsers(ctx),
      create: (input) => createUser(ctx, input),
      archive: (input) => archiveUser(ctx, input),
      changePassword: (input) => changePassword(ctx, input),
    },
    app: {
      info: async () => {
        return {
          mode: options.mode,
          version: options.version,
          databaseFile: options.store.description,
          today: ctx.today(),
          hasDemoData: await hasDemoPatients(ctx.store.db),
        }
      },
    },
    catalogue: {
      programs: () => ctx.catalogue.current(),
      versions: () => listProgramVersions(ctx),
      version: (input) => ctx.catalogue.version(input.programVersionId),
      publish: (input) => publishProgramVersion(ctx, input),
    },
    patients: {
      list: (input) => listPatients(ctx, input),
      get: (input) => getPatient(ctx, input),
      details: (input) => patientDetails(ctx, input),
      archive: (input) => archivePatient(ctx, input, true),
      restore: (input) => archivePatient(ctx, input, false),
      history: (input) => patientHistory(ctx, input),
      enroll: (input) => enroll(ctx, input),
      correct: (input) => correctPatient(ctx, input),
    },
    enrollments: { correct: (input) => correctEnrollment(ctx, input) },
    screenings: { recordClearance: (input) => recordPhysicianClearance(ctx, input) },
    assignments: { assign: (input) => assignProgram(ctx, input), allocate: (input) => allocateToProgram(ctx, input) },
    sessions: {
      prescription: (input) => prescription(ctx, input),
      record: (input) => recordSession(ctx, input),
      correct: (input) => correctSession(ctx, input),
      history: (input) => sessionHistory(ctx, input),
      recordHomeWeek: (input) => recordHomeWeek(ctx, input),
      void: (input) => voidSession(ctx, input),
      voidHomeWeek: (input) => voidHomeWeek(ctx, input),
    },
    assessments: {
      record: (input) => recordAssessment(ctx, input),
      renewBaseline: (input) => renewBaseline(ctx, input),
      correct: (input) => correctAssessment(ctx, input),
      void: (input) => voidAssessment(ctx, input),
    },
    withdrawals: {
      withdraw: (input) => withdraw(ctx, input),
      readmit: (input) => readmit(ctx, input),
      correct: (input) => correctWithdrawal(ctx, input),
    },
    adverseEvents: {
      record: (input) => recordAdverseEvent(ctx, input),
      correct: (input) => correctAdverseEvent(ctx, input),
      void: (input) => voidAdverseEvent(ctx, input),
    },
    consent: {
      recordTreatment: (input) => recordTreatmentConsent(ctx, input),
      answerComparison: (input) => answerComparisonConsent(ctx, input),
    },
    settings: {
      clinic: () => clinicDetails(ctx),
      updateClinic: (input) => updateClinicDetails(ctx, input),
      randomisation: () => randomisationSettings(ctx.store.db),
      updateRandomisation: (input) => updateRandomisation(ctx, input),
      runningAdvice: () => runningAdviceSettings(ctx.store.db),
      updateRunningAdvice: (input) => updateRunningAdvice(ctx, input),
    },
    sites: {
      list: () => sitesList(ctx),
      create: (input) => createSite(ctx, input),
      update: (input) => updateSiteDetails(ctx, input),
    },
    sheets: { home: (input) => homeSheet(ctx, input) },
    outcomes: {
      compare: (input) => compareProgramGroups(ctx, input),
      adherence: (input) => patientAdherence(ctx, input),
      fidelity: (input) => programDelivery(ctx, input),
    },
    worklist: { today: (input) => worklistToday(ctx, input) },
    exports: { csv: (input) => exportCsv(ctx, input), xlsx: (input) => exportXlsx(ctx, input), fhir: (input) => exportFhir(ctx, input) },
    imports: {
      previewPatients: (input) => previewPatientImport(ctx, input),
      patients: (input) => importPatients(ctx, input),
    },
  }
}

function safeUserName(): string {
  try {
    return userInfo().username
  } catch {
    return 'therapist'
  }
}
