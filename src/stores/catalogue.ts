import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ProgramVersionView } from '@clinic/contract'
import { api } from '../api/client'

/** The current version of each program, read once per launch and again when the clinic lead publishes a new one. */
export const useCatalogueStore = defineStore('catalogue', () => {
  const programs = ref<ProgramVersionView[]>([])
  const error = ref<Coded | null>(null)
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= api.catalogue.programs({}).then((result) => {
      if (result.ok) programs.value = result.value
      else {
        error.value = result.error
        loading = null
      }
    })
    return loading
  }

  function reload(): Promise<void> {
    loading = null
    return load()
  }

  return { programs, error, load, reload }
})
