import { patientRow, setPatientArchived } from '../../../db/repositories/enrollments'
import { auditOfPatient, insertAudit } from '../../../db/repositories/audit'
import type { ParsedInputOf, PatientHistoryEntry } from '../contract'
import { notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import type { ServiceContext } from './context'
import { auditEntryView } from './sessions'

/**
 * Nothing clinical is deleted: a patient who leaves the clinic (or was entered
 * by mistake) is archived with a reason and can be restored; the history shows both.
 */
export async function archivePatient(ctx: ServiceContext, input: ParsedInputOf<'patients', 'archive'>, archive: boolean) {
  return ctx.store.transaction(async (tx) => {
    const before = await patientRow(tx, input.patientId)
    if (!before) throw notFound(coded('patient_not_found'), 'patientId')
    if ((before.archivedAt !== null) === archive) {
      throw ruleBroken(coded(archive ? 'patient_already_archived' : 'patient_not_archived'), 'patientId')
    }
    const after = await setPatientArchived(tx, input.patientId, archive ? { at: ctx.now(), by: ctx.actor } : null)
    await insertAudit(tx, {
      tableName: 'patients',
      recordId: input.patientId,
      action: archive ? 'archive' : 'restore',
      before: { archivedAt: before.archivedAt, archivedBy: before.archivedBy },
      after: { archivedAt: after.archivedAt, archivedBy: after.archivedBy },
      reason: input.reason,
      actor: ctx.actor,
    })
    return { patientId: input.patientId }
  })
}

export async function patientHistory(ctx: ServiceContext, input: ParsedInputOf<'patients', 'history'>): Promise<PatientHistoryEntry[]> {
  if (!(await patientRow(ctx.store.db, input.patientId))) throw notFound(coded('patient_not_found'), 'patientId')
  return (await auditOfPatient(ctx.store.db, input.patientId)).map((row) => ({
    record: row.tableName,
    recordId: row.recordId,
    ...auditEntryView(row),
  }))
}
