import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { BackupStatus } from '@clinic/contract'
import { api } from '../api/client'

/** Asked again this often while signed in: a backup folder problem shows on every screen until a backup succeeds. */
const STATUS_EVERY_MS = 60_000

/** Whether the last backup failed, and why (the warning every screen shows). */
export const useBackupStatusStore = defineStore('backupStatus', () => {
  const status = ref<BackupStatus | null>(null)
  async function load() {
    const result = await api.backups.status({})
    status.value = result.ok ? result.value : null
  }
  let timer: ReturnType<typeof setInterval> | null = null
  /** Starts asking (at sign-in); stops when nobody is signed in. */
  function follow(signedIn: boolean) {
    if (timer) clearInterval(timer)
    timer = null
    if (!signedIn) return
    void load()
    timer = setInterval(() => void load(), STATUS_EVERY_MS)
  }
  return { status, load, follow }
})
