import { createHash } from 'node:crypto'
import type { Bundle, BundleEntry, Coding, ContactPoint, Meta, Observation, Patient } from '@medplum/fhirtypes'
import { enrollmentIndex, TIME_POINT_TEXT, type ExportAssessment, type ExportDataset, type ExportEnrollment, type ExportPatient } from './dataset'

/*
 * A FHIR R4 Bundle of type "collection": each patient, and for each assessment
 * an Observation of running pain and one of runability, and one of the sit-to-stand
 * repetitions where that optional test was taken. Resources refer to one
 * another by their fullUrl (urn:uuid), so the bundle stands on its own.
 */

export const CLINIC_ID_SYSTEM = 'urn:backstride:clinic-id'
export const OBSERVATION_SYSTEM = 'urn:backstride:observation'
/** The clinic's site codes (e.g. MUC): a meta tag on each observation says at which site the runner is treated. */
export const SITE_SYSTEM = 'urn:backstride:site'

/** LOINC 72514-3: the 0–10 numeric rating of pain severity, which the running pain score is. */
export const RUNNING_PAIN_CODE: Coding = {
  system: 'http://loinc.org',
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
}

/** LOINC has no code for a Patient-Specific Functional Scale mean, so runability has a local code. */
export const RUNABILITY_CODE: Coding = {
  system: OBSERVATION_SYSTEM,
  code: 'runability-psfs',
  display: 'Runability: Patient-Specific Functional Scale mean of running activities (0-10)',
}

/** No LOINC code is used for the 30-second sit-to-stand test here: a local code, with its protocol as the method. */
export const SIT_TO_STAND_CODE: Coding = {
  system: OBSERVATION_SYSTEM,
  code: 'sit-to-stand-30s',
  display: '30-second sit-to-stand test: repetitions in 30 s',
}

/** A score (pain, runability) has no unit; the sit-to-stand test counts repetitions (UCUM annotation). */
const SCORE_UNIT = { unit: 'score', system: 'http://unitsofmeasure.org', code: '{score}' }
const REPETITIONS_UNIT = { unit: 'repetitions in 30 s', system: 'http://unitsofmeasure.org', code: '{repetitions}' }

const EXAM: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/observation-category',
  code: 'exam',
  display: 'Exam',
}

const SURVEY: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/observation-category',
  code: 'survey',
  display: 'Survey',
}

/** HL7's security label for test data: how a receiving system tells the simulated demo cohort apart. */
const DEMO_DATA: Meta = {
  security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST', display: 'test health data' }],
}

const GENDER = { female: 'female', male: 'male', diverse: 'other' } as const
const LANGUAGE = { en: 'English', de: 'German' } as const

// Name-based (version 5) UUIDs: the same record gets the same fullUrl in every export.
const NAMESPACE = Buffer.from('6b4ef4c95f1843878d93cd7755634f1d', 'hex')

export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest()
  hash[6] = (hash[6] & 0x0f) | 0x50
  hash[8] = (hash[8] & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function patientResource(p: ExportPatient): Patient {
  const telecom: ContactPoint[] = [
    ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : []),
    ...(p.email ? [{ system: 'email' as const, value: p.email }] : []),
  ]
  return {
    resourceType: 'Patient',
    ...(p.isDemo ? { meta: DEMO_DATA } : {}),
    identifier: [{ use: 'usual', system: CLINIC_ID_SYSTEM, value: p.clinicId }],
    name: [{ use: 'official', family: p.lastName, given: [p.firstName] }],
    gender: GENDER[p.sex],
    birthDate: p.dateOfBirth,
    // FHIR JSON allows no empty arrays: a runner without phone or e-mail has no telecom at all.
    ...(telecom.length ? { telecom } : {}),
    communication: [
      {
        language: {
          coding: [{ system: 'urn:ietf:bcp:47', code: p.preferredLanguage, display: LANGUAGE[p.preferredLanguage] }],
          text: LANGUAGE[p.preferredLanguage],
        },
        preferred: true,
      },
    ],
  }
}

/**
 * An observation's meta: the site as a tag (Meta.tag, a Coding in the local site
 * system: valid R4 and read by any receiver without an Organization per site),
 * and the test-data label of demo patients.
 */
function observationMeta(patient: ExportPatient, siteCode: string): Meta {
  return { ...(patient.isDemo ? DEMO_DATA : {}), tag: [{ system: SITE_SYSTEM, code: siteCode }] }
}

function observation(
  a: ExportAssessment,
  enrolled: { patient: ExportPatient; enrollment: ExportEnrollment },
  patientUrl: string,
  measure: { code: Coding; text: string; value: number; method?: string; exam?: boolean },
): Observation {
  const { patient } = enrolled
  return {
    resourceType: 'Observation',
    meta: observationMeta(patient, enrolled.enrollment.siteCode),
    status: 'final',
    category: [{ coding: [measure.exam ? EXAM : SURVEY] }],
    code: { coding: [measure.code], text: measure.text },
    subject: { reference: patientUrl, type: 'Patient', display: patient.clinicId },
    effectiveDateTime: a.assessedOn,
    valueQuantity: { value: measure.value, ...(measure.exam ? REPETITIONS_UNIT : SCORE_UNIT) },
    ...(measure.method ? { method: { text: measure.method } } : {}),
    note: [{ text: `Time point: ${TIME_POINT_TEXT[a.timePoint]}` }],
  }
}

export function fhirBundle(dataset: ExportDataset, timestamp: string): Bundle {
  const entries: BundleEntry[] = []
  const patientUrls = new Map<number, string>()
  for (const p of dataset.patients) {
    const fullUrl = `urn:uuid:${stableUuid(`patient/${p.clinicId}`)}`
    patientUrls.set(p.patientId, fullUrl)
    entries.push({ fullUrl, resource: patientResource(p) })
  }
  const index = enrollmentIndex(dataset)
  for (const a of dataset.assessments) {
    const enrolled = index.get(a.enrollmentId)
    const patientUrl = enrolled && patientUrls.get(enrolled.patient.patientId)
    if (!enrolled || !patientUrl) continue
    const key = `${enrolled.patient.clinicId}/assessment/${a.assessmentId}`
    entries.push(
      {
        fullUrl: `urn:uuid:${stableUuid(`${key}/running-pain`)}`,
        resource: observation(a, enrolled, patientUrl, {
          code: RUNNING_PAIN_CODE,
          text: 'Running pain (0-10)',
          value: a.runningPain,
        }),
      },
      {
        fullUrl: `urn:uuid:${stableUuid(`${key}/runability`)}`,
        resource: observation(a, enrolled, patientUrl, {
          code: RUNABILITY_CODE,
          text: 'Runability (0-10)',
          value: a.runability,
          method:
            "Patient-Specific Functional Scale: the runner rates 3-5 running activities named at baseline from 0 (unable) to 10 (as before the pain); the score is the mean.",
        }),
      },
    )
    if (a.sitToStandReps !== null) {
      entries.push({
        fullUrl: `urn:uuid:${stableUuid(`${key}/sit-to-stand`)}`,
        resource: observation(a, enrolled, patientUrl, {
          code: SIT_TO_STAND_CODE,
          text: 'Sit-to-stand (repetitions in 30 s)',
          value: a.sitToStandReps,
          exam: true,
          method: 'Full stands from a chair 43-47 cm high, arms crossed over the chest, counted over 30 seconds.',
        }),
      })
    }
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp, entry: entries }
}
