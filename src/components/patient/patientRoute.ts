import type { PatientSummary } from '@clinic/contract'
import type { RouteLocationRaw } from 'vue-router'

/** Where a patient in the list leads: their page, or for an imported patient not yet enrolled, the enrollment form. */
export const patientRoute = (patient: Pick<PatientSummary, 'patientId' | 'status'>): RouteLocationRaw =>
  patient.status === 'not_enrolled'
    ? { name: 'enroll', query: { patientId: patient.patientId } }
    : { name: 'patient', params: { id: patient.patientId } }
