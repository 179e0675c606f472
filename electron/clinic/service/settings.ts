import { readSetting, writeSetting } from '../../../db/repositories/settings'
import { insertAudit } from '../../../db/repositories/audit'
import type { ClinicDb } from '../../../db/client'
import type { ClinicDetails, RunningAdviceSettings } from '../contract'
import type { RunningAdvice } from '../domain/vocabulary'
import type { ServiceContext } from './context'

const CLINIC_DETAILS = 'clinic_details'
const RUNNING_ADVICE_SETTING = 'running_advice'

/** Until the clinic lead chooses: keep running, reduced and guided by pain (docs/clinical-basis.md, "Advice for the runner"). */
export const DEFAULT_RUNNING_ADVICE: RunningAdvice = 'keep_running'

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

export async function runningAdviceSettings(db: ClinicDb): Promise<RunningAdviceSettings> {
  return (await readSetting<RunningAdviceSettings>(db, RUNNING_ADVICE_SETTING)) ?? { clinicDefault: DEFAULT_RUNNING_ADVICE }
}

/** The runner's advice on running during the program: their own when the therapist chose one, else the clinic's default. */
export async function runningAdviceOf(db: ClinicDb, own: RunningAdvice | null): Promise<RunningAdvice> {
  return own ?? (await runningAdviceSettings(db)).clinicDefault
}

export async function updateRunningAdvice(ctx: ServiceContext, input: RunningAdviceSettings): Promise<RunningAdviceSettings> {
  return ctx.store.transaction(async (tx) => {
    const before = await runningAdviceSettings(tx)
    if (before.clinicDefault === input.clinicDefault) return before
    const after: RunningAdviceSettings = { clinicDefault: input.clinicDefault }
    await writeSetting(tx, RUNNING_ADVICE_SETTING, after)
    await insertAudit(tx, { tableName: 'settings', recordId: 0, action: 'update', before, after, reason: 'running_advice', actor: ctx.actor })
    return after
  })
}
