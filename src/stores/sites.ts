import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { InputOf, SiteView } from '@clinic/contract'
import { api } from '../api/client'

/**
 * The clinic's sites. A clinic with one site sees no site anywhere but in
 * Settings: the enrollment form asks for a site once two or more are active, and
 * the comparison's filter and the patient page show sites once a second site exists.
 */
export const useSitesStore = defineStore('sites', () => {
  const sites = ref<SiteView[]>([])
  const error = ref<Coded | null>(null)
  const active = computed(() => sites.value.filter((s) => s.active))
  /** The enrollment form asks for the site. */
  const chooseAtEnrollment = computed(() => active.value.length >= 2)
  /** Site filters and site names are shown (a second site was added, whether or not still active). */
  const severalSites = computed(() => sites.value.length >= 2)

  async function load(): Promise<SiteView[]> {
    const result = await api.sites.list({})
    if (result.ok) sites.value = result.value
    error.value = result.ok ? null : result.error
    return sites.value
  }

  async function create(input: InputOf<'sites', 'create'>) {
    const result = await api.sites.create(input)
    if (result.ok) await load()
    return result
  }

  async function update(input: InputOf<'sites', 'update'>) {
    const result = await api.sites.update(input)
    if (result.ok) await load()
    return result
  }

  const byId = (siteId: number | null) => sites.value.find((s) => s.siteId === siteId) ?? null

  return { sites, error, active, chooseAtEnrollment, severalSites, load, create, update, byId }
})
