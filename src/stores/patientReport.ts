import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError, ClinicDetails, PatientAdherence, PatientRecord } from '@clinic/contract'
import { api } from '../api/client'

/** What a progress report prints: the runner's record and the clinic's letterhead, read fresh on each visit. */
export const usePatientReportStore = defineStore('patientReport', () => {
  const record = ref<PatientRecord | null>(null)
  const clinic = ref<ClinicDetails | null>(null)
  /** Adherence so far, as the patient page shows it (null without a program, or for a blinded assessor). */
  const adherence = ref<PatientAdherence | null>(null)
  const error = ref<ApiError | null>(null)
  let latest = 0

  async function load(patientId: number) {
    const call = ++latest
    record.value = null
    adherence.value = null
    error.value = null
    const [patient, details] = await Promise.all([api.patients.get({ patientId }), api.settings.clinic({})])
    if (call !== latest) return
    if (!patient.ok) return void (error.value = patient.error)
    if (!details.ok) return void (error.value = details.error)
    if (patient.value.assignment && !patient.value.blinded) {
      const figures = await api.outcomes.adherence({ enrollmentId: patient.value.enrollmentId })
      if (call !== latest) return
      if (!figures.ok) return void (error.value = figures.error)
      adherence.value = figures.value
    }
    record.value = patient.value
    clinic.value = details.value
  }

  return { record, clinic, adherence, error, load }
})
