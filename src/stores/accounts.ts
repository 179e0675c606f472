import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiResult, InputOf, UserView } from '@clinic/contract'
import { api } from '../api/client'

/** The clinic's accounts (a clinic lead manages them) and changing one's own password or PIN. */
export const useAccountsStore = defineStore('accounts', () => {
  const users = ref<UserView[]>([])
  /** A failed read, shown where the list would be. */
  const error = ref<Coded | null>(null)

  async function load() {
    const result = await api.users.list({})
    if (result.ok) users.value = result.value
    error.value = result.ok ? null : result.error
  }

  async function create(input: InputOf<'users', 'create'>): Promise<ApiResult<UserView>> {
    const result = await api.users.create(input)
    if (result.ok) await load()
    return result
  }

  /** Archived accounts cannot sign in; nothing they recorded is deleted. */
  async function archive(username: string): Promise<ApiResult<UserView>> {
    const result = await api.users.archive({ username })
    await load()
    return result
  }

  const changePassword = (input: InputOf<'users', 'changePassword'>) => api.users.changePassword(input)

  return { users, error, load, create, archive, changePassword }
})
