import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RunningAdviceSettings } from '@clinic/contract'
import type { RunningAdvice } from '@clinic/domain/vocabulary'
import { api } from '../api/client'

/** The clinic's default advice on running during the program (a runner may have their own). */
export const useRunningAdviceStore = defineStore('runningAdvice', () => {
  const settings = ref<RunningAdviceSettings | null>(null)
  const error = ref<Coded | null>(null)

  async function load(): Promise<RunningAdviceSettings | null> {
    const result = await api.settings.runningAdvice({})
    settings.value = result.ok ? result.value : settings.value
    error.value = result.ok ? null : result.error
    return settings.value
  }

  async function update(clinicDefault: RunningAdvice) {
    const result = await api.settings.updateRunningAdvice({ clinicDefault })
    if (result.ok) settings.value = result.value
    error.value = result.ok ? null : result.error
    return result
  }

  return { settings, error, load, update }
})
