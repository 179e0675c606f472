import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '@clinic/contract'
import { api } from '../api/client'

/** How the app runs (desktop or browser mode) and where its database is. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const error = ref<Coded | null>(null)

  async function load() {
    const result = await api.app.info({})
    if (result.ok) info.value = result.value
    else error.value = result.error
  }

  return { info, error, load }
})
