import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ProgramVersionView } from '@clinic/contract'
import { api } from '../api/client'

/** The current version of each program, read once per launch. */
export const useCatalogueStore = defineStore('catalogue', () => {
  const programs = ref<ProgramVersionView[]>([])
  const error = ref<string | null>(null)
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= api.catalogue.programs({}).then((result) => {
      if (result.ok) programs.value = result.value
      else {
        error.value = result.error.message
        loading = null
      }
    })
    return loading
  }

  return { programs, error, load }
})
