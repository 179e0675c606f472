import { randomBytes } from 'node:crypto'
import { allocationOf, baselinePainOf, insertAllocation, usedPositions } from '../../../db/repositories/allocations'
import { readSetting, writeSetting } from '../../../db/repositories/settings'
import { insertAudit } from '../../../db/repositories/audit'
import type { ClinicDb } from '../../../db/client'
import type { RandomisationSettings } from '../contract'
import { conflict } from '../errors'
import { coded } from '../contract/messages'
import { nextAllocation, stratumOf } from '../rules/randomisation'
import type { ServiceContext } from './context'
import type { Sex } from '../domain/vocabulary'

const RANDOMISATION = 'randomisation'
/** The secret the allocation sequences are made from: made once, kept for ever, never sent to the renderer. */
const SEED = 'randomisation_seed'

export async function randomisationSettings(db: ClinicDb): Promise<RandomisationSettings> {
  return (await readSetting<RandomisationSettings>(db, RANDOMISATION)) ?? { enabled: false, switchedOnAt: null }
}

export async function updateRandomisation(ctx: ServiceContext, input: { enabled: boolean }): Promise<RandomisationSettings> {
  return ctx.store.transaction(async (tx) => {
    const before = await randomisationSettings(tx)
    if (before.enabled === input.enabled) return before
    // The seed is made the first time only: switching off and on again continues the same sequences.
    if (input.enabled && (await readSetting<string>(tx, SEED)) === null) {
      await writeSetting(tx, SEED, randomBytes(16).toString('hex'))
    }
    const after: RandomisationSettings = { enabled: input.enabled, switchedOnAt: input.enabled ? ctx.now() : before.switchedOnAt }
    await writeSetting(tx, RANDOMISATION, after)
    await insertAudit(tx, { tableName: 'settings', recordId: 0, action: 'update', before, after, reason: 'randomisation', actor: ctx.actor })
    return after
  })
}

/**
 * Allocates the enrollment's program from its stratum's sequence: the next unused
 * position. Call inside the transaction that writes the assignment, so the
 * program is known only once the allocation is stored.
 */
export async function allocateProgram(
  tx: ClinicDb,
  ctx: ServiceContext,
  enrollment: { enrollmentId: number; siteId: number; sex: Sex; baselineRunningPain?: number },
) {
  if (await allocationOf(tx, enrollment.enrollmentId)) throw conflict(coded('already_allocated'))
  const seed = await readSetting<string>(tx, SEED)
  if (seed === null) throw new Error('randomisation is on but no seed is stored')
  const pain = enrollment.baselineRunningPain ?? (await baselinePainOf(tx, enrollment.enrollmentId))
  if (pain === null) throw new Error(`enrollment ${enrollment.enrollmentId} has no baseline`)
  const stratum = stratumOf(enrollment.siteId, enrollment.sex, pain)
  const slot = nextAllocation(seed, stratum, await usedPositions(tx, stratum))
  const allocation = { enrollmentId: enrollment.enrollmentId, stratum, position: slot.position, programCode: slot.programCode, allocatedAt: ctx.now(), allocatedBy: ctx.actor }
  const allocationId = await insertAllocation(tx, allocation)
  await insertAudit(tx, { tableName: 'allocations', recordId: allocationId, action: 'create', after: allocation, actor: ctx.actor })
  return slot.programCode
}
