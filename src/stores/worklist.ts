import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Worklist } from '@clinic/contract'
import { api } from '../api/client'

/** Today's worklist, read again on each visit (sessions and assessments change it). */
export const useWorklistStore = defineStore('worklist', () => {
  const worklist = ref<Worklist | null>(null)
  const error = ref<Coded | null>(null)

  async function load() {
    const result = await api.worklist.today({})
    if (result.ok) worklist.value = result.value
    error.value = result.ok ? null : result.error
  }

  return { worklist, error, load }
})
