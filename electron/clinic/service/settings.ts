import { readSetting, writeSetting } from '../../../db/repositories/settings'
import { insertAudit } from '../../../db/repositories/audit'
import type { ClinicDetails } from '../contract'
import type { ServiceContext } from './context'

const CLINIC_DETAILS = 'clinic_details'

/** Until the clinic enters its details, sheets carry a neutral header the therapist is asked to complete. */
export const UNSET_CLINIC: ClinicDetails = { clinicName: 'Backstride', address: null, phone: null, email: null, logo: null }

export async function clinicDetails(ctx: ServiceContext): Promise<ClinicDetails> {
  return (await readSetting<ClinicDetails>(ctx.store.db, CLINIC_DETAILS)) ?? UNSET_CLINIC
}

export async function updateClinicDetails(ctx: ServiceContext, details: ClinicDetails): Promise<ClinicDetails> {
  return ctx.store.transaction(async (tx) => {
    const before = await readSetting<ClinicDetails>(tx, CLINIC_DETAILS)
    await writeSetting(tx, CLINIC_DETAILS, details)
    await insertAudit(tx, { tableName: 'settings', recordId: 0, action: before ? 'update' : 'create', before, after: details, actor: ctx.actor })
    return details
  })
}
