import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { setupInput, signInInput, type AuthStatus, type SignedInUser } from '@clinic/contract'
import { api, onUnauthorized } from '../api/client'
import { check, fieldErrorsOf, type FieldErrors } from '../api/fieldErrors'

/** How often the renderer asks whether the desk has locked, so an unattended screen hides its records. */
const LOCK_CHECK_MS = 30_000

/** Who is signed in at this desk; the sign-in and first-start forms. */
export const useAuthStore = defineStore('auth', () => {
  const status = ref<AuthStatus | null>(null)
  const form = reactive({ username: '', displayName: '', password: '' })
  const errors = ref<FieldErrors>({})
  const general = ref<Coded | null>(null)
  const busy = ref(false)

  const user = computed<SignedInUser | null>(() => status.value?.user ?? null)
  /** Signed in before and locked since: the app stays underneath, with any unsaved form, until sign-in. */
  const locked = ref(false)

  async function load() {
    const result = await api.auth.status({})
    if (!result.ok) return
    const wasSignedIn = Boolean(status.value?.user)
    status.value = result.value
    if (!result.value.user) {
      if (wasSignedIn) locked.value = true
      form.username ||= result.value.lockedUser ?? ''
    }
  }

  async function submit(): Promise<boolean> {
    const setup = status.value?.accountsExist === false
    const credentials = { username: form.username, password: form.password }
    const checked = setup ? check(setupInput, { ...credentials, displayName: form.displayName }) : check(signInInput, credentials)
    if (!checked.ok) {
      errors.value = fieldErrorsOf(checked.error.fields)
      return false
    }
    busy.value = true
    const result = setup
      ? await api.auth.setup({ ...credentials, displayName: form.displayName })
      : await api.auth.signIn(credentials)
    busy.value = false
    form.password = ''
    if (!result.ok) {
      errors.value = fieldErrorsOf(result.error.fields)
      general.value = result.error
      return false
    }
    errors.value = {}
    general.value = null
    // The user first, then unlock: unlocking before would unmount the app underneath (and its unsaved input) for a moment.
    await load()
    locked.value = false
    return true
  }

  async function signOut() {
    await api.auth.signOut({})
    form.password = ''
    await load()
    // Signing out is not a lock (which load() takes it for): the next person starts afresh, not on this one's screen.
    locked.value = false
  }

  onUnauthorized(() => void load())
  setInterval(() => {
    if (user.value) void load()
  }, LOCK_CHECK_MS)

  return { status, user, locked, form, errors, general, busy, load, submit, signOut }
})
