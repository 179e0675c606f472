import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiResult, InputOf, ProgramVersionSummary, ProgramVersionView } from '@clinic/contract'
import { api } from '../api/client'
import { useCatalogueStore } from './catalogue'

/** Every version of every program (Settings, the comparison's version filter), and publishing a new one. */
export const useProgramVersionsStore = defineStore('programVersions', () => {
  const versions = ref<ProgramVersionSummary[]>([])
  const error = ref<Coded | null>(null)

  async function load() {
    const result = await api.catalogue.versions({})
    if (result.ok) versions.value = result.value
    error.value = result.ok ? null : result.error
  }

  const read = (programVersionId: number): Promise<ApiResult<ProgramVersionView>> => api.catalogue.version({ programVersionId })

  /** Publishes a new version; new enrollments get it from now on, so the current programs are read again. */
  async function publish(input: InputOf<'catalogue', 'publish'>) {
    const result = await api.catalogue.publish(input)
    if (result.ok) await Promise.all([load(), useCatalogueStore().reload()])
    return result
  }

  return { versions, error, load, read, publish }
})
