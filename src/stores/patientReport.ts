import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError, ClinicDetails, PatientRecord } from '@clinic/contract'
import { api } from '../api/client'

/** What a progress report prints: the runner's record and the clinic's letterhead, read fresh on each visit. */
export const usePatientReportStore = defineStore('patientReport', () => {
  const record = ref<PatientRecord | null>(null)
  const clinic = ref<ClinicDetails | null>(null)
  const error = ref<ApiError | null>(null)
  let latest = 0

  async function load(patientId: number) {
    const call = ++latest
    record.value = null
    error.value = null
    const [patient, details] = await Promise.all([api.patients.get({ patientId }), api.settings.clinic({})])
    if (call !== latest) return
    if (!patient.ok) return void (error.value = patient.error)
    if (!details.ok) return void (error.value = details.error)
    record.value = patient.value
    clinic.value = details.value
  }

  return { record, clinic, error, load }
})
