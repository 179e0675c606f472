import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * The "one per …" rules the service checks are kept by the database too, so a write that bypasses the
 * service (or a desk racing another on a shared server) cannot break them. The rules the schema already
 * backed before are tested beside their features (allocations_stratum_position and one allocation per
 * enrollment in randomisation.test.ts, assessments_scheduled_time_point in clinic-core.test.ts); these
 * are the two added with migration 0013 (PostgreSQL 0001). On both stores.
 */

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

describe('one per … rules in the database', () => {
  it('refuses a second enrollment of the same patient (enrollments_one_per_patient)', async () => {
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', enrollment())
    expect(await clinic.call('patients/enroll', enrollment({ patientId }))).toMatchObject({ ok: false, error: { kind: 'conflict' } })
    const insert = () =>
      clinic.query("insert into enrollments (patient_id, enrolled_on, site_id, created_by) values (?, '2026-03-03', 1, 'test')", patientId)
    // SQLite names the column, PostgreSQL the index.
    await expect(insert()).rejects.toThrow(/UNIQUE constraint failed: enrollments.patient_id|"enrollments_one_per_patient"/)
    expect(await clinic.scalar<number>('select count(*) from enrollments where patient_id = ?', patientId)).toBe(1)
  })

  it('refuses a second home log of a runner on one day unless the first is voided (sessions_one_home_day)', async () => {
    const { enrollmentId } = await clinic.value<{ enrollmentId: number }>('patients/enroll', enrollment())
    const insert = (kind: 'home' | 'supervised') =>
      clinic.query(
        "insert into sessions (enrollment_id, kind, session_date, week, attended, created_by) values (?, ?, '2026-03-04', 1, 1, 'test')",
        enrollmentId,
        kind,
      )
    await insert('home')
    await expect(insert('home')).rejects.toThrow(/UNIQUE constraint failed: sessions.enrollment_id, sessions.session_date|"sessions_one_home_day"/)
    // A supervised session the same day is another thing; a voided home log frees its day.
    await insert('supervised')
    await clinic.query("update sessions set voided_at = '2026-03-05T10:00:00.000Z', voided_by = 'test', void_reason = 'entered twice' where kind = 'home'")
    await insert('home')
    expect(await clinic.scalar<number>("select count(*) from sessions where kind = 'home'")).toBe(2)
  })
})
