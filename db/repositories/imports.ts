import type { ClinicDb } from '../client'
import type { patients } from '../schema'
import { tablesOf } from '../tables'

/** Every patient's clinic ID, name and date of birth: what an import checks its rows against. */
export async function patientKeys(db: ClinicDb) {
  const { patients } = tablesOf(db)
  return db
    .select({
      patientId: patients.id,
      clinicId: patients.clinicId,
      firstName: patients.firstName,
      lastName: patients.lastName,
      dateOfBirth: patients.dateOfBirth,
    })
    .from(patients)
}

/** Writes a patient without an enrollment (imported from a spreadsheet). Call inside a transaction. */
export async function insertPatient(tx: ClinicDb, values: typeof patients.$inferInsert): Promise<number> {
  const { patients } = tablesOf(tx)
  const [row] = await tx.insert(patients).values(values).returning({ id: patients.id })
  return row.id
}
