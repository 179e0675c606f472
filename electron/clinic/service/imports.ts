import { nextClinicId } from '../../../db/repositories/enrollments'
import { insertPatient, patientKeys } from '../../../db/repositories/imports'
import { insertAudit } from '../../../db/repositories/audit'
import type { ParsedInputOf, PatientImportPreview, PatientImportResult } from '../contract'
import { readPatientCsv } from '../imports/patientCsv'
import { previewRows } from '../imports/patientRows'
import type { ServiceContext } from './context'

/** What an import of this file would do, row by row; writes nothing. */
export async function previewPatientImport(
  ctx: ServiceContext,
  input: ParsedInputOf<'imports', 'previewPatients'>,
): Promise<PatientImportPreview> {
  const csv = readPatientCsv(input.csv)
  return previewRows(csv, await patientKeys(ctx.store.db))
}

/**
 * Writes the file's new patients in one transaction; duplicates and invalid
 * rows are left out and listed. Imported patients have no enrollment yet: the
 * patient list shows them as not yet enrolled.
 */
export async function importPatients(
  ctx: ServiceContext,
  input: ParsedInputOf<'imports', 'patients'>,
): Promise<PatientImportResult> {
  const csv = readPatientCsv(input.csv)
  return ctx.store.transaction(async (tx) => {
    const preview = previewRows(csv, await patientKeys(tx))
    const fresh = preview.rows.flatMap((r) => (r.status === 'new' && r.patient ? [{ line: r.line, patient: r.patient }] : []))
    // Rows with a clinic ID first, so that the IDs assigned to the others cannot take theirs.
    const ordered = [...fresh.filter((r) => r.patient.clinicId), ...fresh.filter((r) => !r.patient.clinicId)]
    const created: PatientImportResult['created'] = []
    for (const { line, patient } of ordered) {
      const clinicId = patient.clinicId ?? (await nextClinicId(tx))
      const patientId = await insertPatient(tx, { ...patient, clinicId, createdBy: ctx.actor })
      await insertAudit(tx, {
        tableName: 'patients',
        recordId: patientId,
        action: 'create',
        after: { clinicId },
        reason: 'imported from a CSV file',
        actor: ctx.actor,
      })
      created.push({ line, patientId, clinicId })
    }
    return {
      counts: { created: created.length, duplicates: preview.counts.duplicates, invalid: preview.counts.invalid },
      created: created.sort((a, b) => a.line - b.line),
      duplicateRows: preview.rows.filter((r) => r.status === 'duplicate'),
      invalidRows: preview.rows.filter((r) => r.status === 'invalid'),
    }
  })
}
