import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { ApiError, InputOf, PatientAdherence } from '@clinic/contract'
import { api } from '../api/client'
import { usePatientStore } from './patient'

/** The open patient's adherence and fidelity, and the home log recorded from the returned sheet. */
export const useAdherenceStore = defineStore('adherence', () => {
  const adherence = shallowRef<PatientAdherence | null>(null)

  async function load(enrollmentId: number) {
    if (adherence.value?.enrollmentId !== enrollmentId) adherence.value = null
    const result = await api.outcomes.adherence({ enrollmentId })
    adherence.value = result.ok ? result.value : null
  }

  /** Saves a week's home log, then reads the record (and so the adherence) again. */
  async function recordHomeWeek(input: InputOf<'sessions', 'recordHomeWeek'>): Promise<{ ok: true } | { ok: false; error: ApiError }> {
    const result = await api.sessions.recordHomeWeek(input)
    if (!result.ok) return result
    const patient = usePatientStore()
    if (patient.record) await patient.load(patient.record.patient.patientId)
    return { ok: true }
  }

  return { adherence, load, recordHomeWeek }
})
