import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { PatientCursor, PatientSummary } from '@clinic/contract'
import { api } from '../api/client'
import type { PatientStatus, ProgramCode } from '@clinic/domain/vocabulary'

/** Typing in the search box asks the clinic once the therapist pauses this long. */
export const SEARCH_DEBOUNCE_MS = 150

/**
 * The patient list, fetched a page at a time: `load` asks for the first page of the current
 * search and filters (with the count of every match), `loadMore` for the page after the last
 * one fetched, as the therapist scrolls towards it.
 */
export const usePatientListStore = defineStore('patientList', () => {
  const search = ref('')
  const programCode = ref<ProgramCode | null>(null)
  const status = ref<PatientStatus | null>(null)
  /** The patients fetched so far, in the list's order. */
  const patients = ref<PatientSummary[]>([])
  /** Where the fetched pages end; null once the last page is in. */
  const nextCursor = ref<PatientCursor | null>(null)
  /** How many patients match, as counted with the first page. */
  const counted = ref(0)
  const loaded = ref(false)
  const loadingMore = ref(false)
  const error = ref<Coded | null>(null)

  /** How many patients the list holds: the count taken with the first page, or the rows fetched once the last page is in. */
  const total = computed(() => (nextCursor.value ? Math.max(counted.value, patients.value.length + 1) : patients.value.length))

  let request = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const filter = () => ({ search: search.value, programCode: programCode.value, status: status.value })

  async function load() {
    clearTimeout(timer)
    const mine = ++request
    loadingMore.value = false
    const result = await api.patients.list(filter())
    if (mine !== request) return // a newer search has been sent meanwhile
    if (result.ok) {
      patients.value = result.value.rows
      nextCursor.value = result.value.nextCursor
      counted.value = result.value.total ?? result.value.rows.length
      error.value = null
    } else error.value = result.error
    loaded.value = true
  }

  /** The next page, if there is one and none is on its way. */
  async function loadMore() {
    const after = nextCursor.value
    if (!after || loadingMore.value) return
    const mine = request
    loadingMore.value = true
    try {
      const result = await api.patients.list({ ...filter(), after })
      if (mine !== request) return // the search or filters changed: this page belongs to the old list
      if (result.ok) {
        patients.value = [...patients.value, ...result.value.rows]
        nextCursor.value = result.value.nextCursor
        error.value = null
      } else error.value = result.error
    } finally {
      if (mine === request) loadingMore.value = false
    }
  }

  watch(search, () => {
    clearTimeout(timer)
    timer = setTimeout(() => void load(), SEARCH_DEBOUNCE_MS)
  })
  watch([programCode, status], () => void load())

  const filtered = () => search.value.trim() !== '' || programCode.value !== null || status.value !== null

  return { search, programCode, status, patients, nextCursor, total, loaded, loadingMore, error, load, loadMore, filtered }
})
