import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError, AuditEntry, InputOf, PatientRecord } from '@clinic/contract'
import { api } from '../api/client'

type Outcome = { ok: true } | { ok: false; error: ApiError }

/** The open patient's record and the changes made from the patient page. */
export const usePatientStore = defineStore('patient', () => {
  const record = ref<PatientRecord | null>(null)
  const error = ref<ApiError | null>(null)
  const loading = ref(false)
  const histories = ref<Record<number, AuditEntry[]>>({})
  /** A confirmation for the patient page (an i18n key), set by a form that saved and came back here. */
  const notice = ref<string | null>(null)

  async function load(patientId: number) {
    if (record.value?.patient.patientId !== patientId) record.value = null
    loading.value = true
    const result = await api.patients.get({ patientId })
    loading.value = false
    if (result.ok) {
      record.value = result.value
      error.value = null
    } else if (result.error.kind === 'unavailable' && record.value) {
      // The server out of reach for a moment: the record on screen stays, and with it any form being filled.
    } else {
      record.value = null
      error.value = result.error
    }
  }

  /** Runs a change, then reads the record again so every card shows the saved state. */
  async function change(call: () => Promise<{ ok: true } | { ok: false; error: ApiError }>): Promise<Outcome> {
    const patientId = record.value?.patient.patientId
    const result = await call()
    if (!result.ok) return result
    if (patientId !== undefined) await load(patientId)
    return { ok: true }
  }

  const enrollmentId = () => record.value?.enrollmentId ?? 0

  const recordClearance = (input: Omit<InputOf<'screenings', 'recordClearance'>, 'enrollmentId'>) =>
    change(() => api.screenings.recordClearance({ ...input, enrollmentId: enrollmentId() }))

  const assignProgram = (input: Omit<InputOf<'assignments', 'assign'>, 'enrollmentId'>) =>
    change(() => api.assignments.assign({ ...input, enrollmentId: enrollmentId() }))

  const allocateProgram = (startDate: string) =>
    change(() => api.assignments.allocate({ startDate, enrollmentId: enrollmentId() }))

  const recordAssessment = (input: Omit<InputOf<'assessments', 'record'>, 'enrollmentId'>) =>
    change(() => api.assessments.record({ ...input, enrollmentId: enrollmentId() }))

  const renewBaseline = (input: Omit<InputOf<'assessments', 'renewBaseline'>, 'enrollmentId'>) =>
    change(() => api.assessments.renewBaseline({ ...input, enrollmentId: enrollmentId() }))

  async function correctSession(input: InputOf<'sessions', 'correct'>) {
    const outcome = await change(() => api.sessions.correct(input))
    if (outcome.ok) histories.value = {}
    return outcome
  }

  async function loadHistory(sessionId: number) {
    const result = await api.sessions.history({ sessionId })
    if (result.ok) histories.value[sessionId] = result.value
    return result
  }

  const patientId = () => record.value?.patient.patientId ?? 0

  /** Corrections and voids: the record is read again, and the open session histories with it. */
  async function corrected(call: () => Promise<{ ok: true } | { ok: false; error: ApiError }>) {
    const outcome = await change(call)
    if (outcome.ok) histories.value = {}
    return outcome
  }
  const correctPatient = (input: Omit<InputOf<'patients', 'correct'>, 'patientId'>) =>
    corrected(() => api.patients.correct({ ...input, patientId: patientId() }))
  const correctEnrollment = (input: Omit<InputOf<'enrollments', 'correct'>, 'enrollmentId'>) =>
    corrected(() => api.enrollments.correct({ ...input, enrollmentId: enrollmentId() }))
  const correctAssessment = (input: InputOf<'assessments', 'correct'>) => corrected(() => api.assessments.correct(input))
  const voidAssessment = (input: InputOf<'assessments', 'void'>) => corrected(() => api.assessments.void(input))
  const voidSession = (input: InputOf<'sessions', 'void'>) => corrected(() => api.sessions.void(input))
  const voidHomeWeek = (input: Omit<InputOf<'sessions', 'voidHomeWeek'>, 'enrollmentId'>) =>
    corrected(() => api.sessions.voidHomeWeek({ ...input, enrollmentId: enrollmentId() }))

  /** Archiving keeps every record; the patient only leaves the lists. Both directions need a reason. */
  const archive = (reason: string) => change(() => api.patients.archive({ patientId: patientId(), reason }))
  const restore = (reason: string) => change(() => api.patients.restore({ patientId: patientId(), reason }))

  /** Withdrawal, re-admission, adverse events and consent: each written with its audit entry. */
  const withdraw = (input: Omit<InputOf<'withdrawals', 'withdraw'>, 'enrollmentId'>) =>
    change(() => api.withdrawals.withdraw({ ...input, enrollmentId: enrollmentId() }))
  const readmit = (reason: string) => change(() => api.withdrawals.readmit({ reason, enrollmentId: enrollmentId() }))
  const recordAdverseEvent = (input: Omit<InputOf<'adverseEvents', 'record'>, 'enrollmentId'>) =>
    change(() => api.adverseEvents.record({ ...input, enrollmentId: enrollmentId() }))
  const correctWithdrawal = (input: Omit<InputOf<'withdrawals', 'correct'>, 'enrollmentId'>) =>
    corrected(() => api.withdrawals.correct({ ...input, enrollmentId: enrollmentId() }))
  const correctAdverseEvent = (input: InputOf<'adverseEvents', 'correct'>) => corrected(() => api.adverseEvents.correct(input))
  const voidAdverseEvent = (input: InputOf<'adverseEvents', 'void'>) => corrected(() => api.adverseEvents.void(input))
  const recordTreatmentConsent = (input: Omit<InputOf<'consent', 'recordTreatment'>, 'enrollmentId'>) =>
    change(() => api.consent.recordTreatment({ ...input, enrollmentId: enrollmentId() }))
  const answerComparisonConsent = (input: Omit<InputOf<'consent', 'answerComparison'>, 'enrollmentId'>) =>
    change(() => api.consent.answerComparison({ ...input, enrollmentId: enrollmentId() }))

  return {
    notice,
    withdraw,
    readmit,
    recordAdverseEvent,
    correctWithdrawal,
    correctAdverseEvent,
    voidAdverseEvent,
    recordTreatmentConsent,
    answerComparisonConsent,
    archive,
    restore,
    record,
    error,
    loading,
    histories,
    load,
    recordClearance,
    assignProgram,
    allocateProgram,
    recordAssessment,
    renewBaseline,
    correctSession,
    correctPatient,
    correctEnrollment,
    correctAssessment,
    voidAssessment,
    voidSession,
    voidHomeWeek,
    loadHistory,
  }
})
