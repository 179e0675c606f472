import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { PatientSummary } from '@clinic/contract'
import { api } from '../api/client'
import type { PatientStatus, ProgramCode } from '@clinic/domain/vocabulary'

/** Typing in the search box asks the clinic once the therapist pauses this long. */
export const SEARCH_DEBOUNCE_MS = 150

export const usePatientListStore = defineStore('patientList', () => {
  const search = ref('')
  const programCode = ref<ProgramCode | null>(null)
  const status = ref<PatientStatus | null>(null)
  const patients = ref<PatientSummary[]>([])
  const loaded = ref(false)
  const error = ref<Coded | null>(null)

  let request = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  async function load() {
    clearTimeout(timer)
    const mine = ++request
    const result = await api.patients.list({ search: search.value, programCode: programCode.value, status: status.value })
    if (mine !== request) return // a newer search has been sent meanwhile
    if (result.ok) {
      patients.value = result.value
      error.value = null
    } else error.value = result.error
    loaded.value = true
  }

  watch(search, () => {
    clearTimeout(timer)
    timer = setTimeout(() => void load(), SEARCH_DEBOUNCE_MS)
  })
  watch([programCode, status], () => void load())

  const filtered = () => search.value.trim() !== '' || programCode.value !== null || status.value !== null

  return { search, programCode, status, patients, loaded, error, load, filtered }
})
