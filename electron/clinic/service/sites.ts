import { activeSites, insertSite, listSites, siteByCode, siteRow, updateSite, type SiteRow } from '../../../db/repositories/sites'
import { insertAudit } from '../../../db/repositories/audit'
import type { ClinicDb } from '../../../db/client'
import type { ParsedInputOf, SiteView } from '../contract'
import { coded } from '../contract/messages'
import { conflict, notFound, ruleBroken } from '../errors'
import type { ServiceContext } from './context'

/*
 * The clinic's sites. Every database has one (migration 0011_clinic_sites); the
 * clinic lead adds more, renames them and deactivates them, never deletes one.
 * While the clinic has one active site, enrollments take it without asking.
 */

export const siteView = (row: SiteRow): SiteView => ({ siteId: row.id, code: row.code, name: row.name, active: row.deactivatedAt === null })

export async function sitesList(ctx: ServiceContext): Promise<SiteView[]> {
  return (await listSites(ctx.store.db)).map(siteView)
}

export async function createSite(ctx: ServiceContext, input: ParsedInputOf<'sites', 'create'>): Promise<SiteView> {
  return ctx.store.transaction(async (tx) => {
    if (await siteByCode(tx, input.code)) throw conflict(coded('site_code_taken', { code: input.code }), 'code')
    const row = await insertSite(tx, { code: input.code, name: input.name, createdBy: ctx.actor })
    await insertAudit(tx, { tableName: 'sites', recordId: row.id, action: 'create', after: { code: row.code, name: row.name }, actor: ctx.actor })
    return siteView(row)
  })
}

export async function updateSiteDetails(ctx: ServiceContext, input: ParsedInputOf<'sites', 'update'>): Promise<SiteView> {
  return ctx.store.transaction(async (tx) => {
    const row = await siteRow(tx, input.siteId)
    if (!row) throw notFound(coded('site_not_found'), 'siteId')
    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = {}
    const changes: { name?: string; deactivatedAt?: string | null } = {}
    if (input.name !== undefined && input.name !== row.name) {
      before.name = row.name
      after.name = changes.name = input.name
    }
    const active = row.deactivatedAt === null
    if (input.active !== undefined && input.active !== active) {
      if (!input.active && (await activeSites(tx)).length <= 1) throw ruleBroken(coded('site_last_active'), 'active')
      before.active = active
      after.active = input.active
      changes.deactivatedAt = input.active ? null : ctx.now()
    }
    if (!Object.keys(changes).length) throw ruleBroken(coded('nothing_changed'))
    const updated = await updateSite(tx, row.id, changes)
    await insertAudit(tx, { tableName: 'sites', recordId: row.id, action: 'update', before, after, reason: input.reason, actor: ctx.actor })
    return siteView(updated)
  })
}

/**
 * The site of a new enrollment, or of an enrollment's correction: the one chosen (it must be
 * active), or, when none is chosen, the clinic's only active site; with two or more active
 * sites the choice is needed.
 */
export async function siteForEnrollment(tx: ClinicDb, siteId: number | null, field: string): Promise<SiteRow> {
  if (siteId === null) {
    const active = await activeSites(tx)
    if (active.length !== 1) throw ruleBroken(coded('site_needed'), field)
    return active[0]
  }
  const row = await siteRow(tx, siteId)
  if (!row) throw notFound(coded('site_not_found'), field)
  if (row.deactivatedAt !== null) throw ruleBroken(coded('site_inactive', { code: row.code }), field)
  return row
}
