import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RandomisationSettings } from '@clinic/contract'
import { api } from '../api/client'

/** Whether the clinic allocates programs at random (the seed stays in the clinic service). */
export const useRandomisationStore = defineStore('randomisation', () => {
  const settings = ref<RandomisationSettings | null>(null)
  const error = ref<Coded | null>(null)

  async function load(): Promise<RandomisationSettings | null> {
    const result = await api.settings.randomisation({})
    settings.value = result.ok ? result.value : settings.value
    error.value = result.ok ? null : result.error
    return settings.value
  }

  async function update(enabled: boolean) {
    const result = await api.settings.updateRandomisation({ enabled })
    if (result.ok) settings.value = result.value
    error.value = result.ok ? null : result.error
    return result
  }

  return { settings, error, load, update }
})
