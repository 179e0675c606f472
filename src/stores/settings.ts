import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiResult, BackupView, ClinicDetails } from '@clinic/contract'
import { api } from '../api/client'

/** The clinic's details (printed on sheets) and the database backups. */
export const useSettingsStore = defineStore('settings', () => {
  const clinic = ref<ClinicDetails | null>(null)
  /** Counts reads of the clinic details (not saves): a form starts again from what was read, e.g. after a restore. */
  const clinicRead = ref(0)
  const backups = ref<BackupView[]>([])
  const backupFolder = ref<string | null>(null)
  /** False on a server database: no start or daily backups (its administrator schedules the server's). */
  const automaticBackups = ref(true)
  /** A failed read, shown where the data would be. */
  const clinicError = ref<Coded | null>(null)
  const backupsError = ref<Coded | null>(null)

  async function loadClinic() {
    const result = await api.settings.clinic({})
    clinic.value = result.ok ? result.value : null
    clinicRead.value++
    clinicError.value = result.ok ? null : result.error
  }

  async function saveClinic(details: ClinicDetails): Promise<ApiResult<ClinicDetails>> {
    const result = await api.settings.updateClinic(details)
    if (result.ok) clinic.value = result.value
    return result
  }

  async function loadBackups() {
    const result = await api.backups.list({})
    if (result.ok) {
      backups.value = result.value.backups
      backupFolder.value = result.value.folder
      automaticBackups.value = result.value.automatic
    }
    backupsError.value = result.ok ? null : result.error
  }

  /** Moves the backups to another folder (another disk, a share); the next backups go there. */
  async function setBackupFolder(folder: string): Promise<ApiResult<{ folder: string }>> {
    const result = await api.backups.setFolder({ folder })
    if (result.ok) await loadBackups()
    return result
  }

  async function backUpNow(): Promise<ApiResult<BackupView>> {
    const result = await api.backups.create({})
    await loadBackups()
    return result
  }

  /**
   * Restores a backup; the clinic service makes a safety copy of the current data first and
   * signs the desk out (the sign-in asks again, against the restored accounts). A backup of
   * another database needs this clinic's name typed (confirmClinicName).
   */
  async function restore(fileName: string, confirmClinicName: string | null = null) {
    const result = await api.backups.restore({ fileName, ...(confirmClinicName === null ? {} : { replaceOtherClinic: { confirmClinicName } }) })
    if (!result.ok) await loadBackups()
    return result
  }

  return { clinic, clinicRead, backups, backupFolder, automaticBackups, clinicError, backupsError, loadClinic, saveClinic, loadBackups, setBackupFolder, backUpNow, restore }
})
