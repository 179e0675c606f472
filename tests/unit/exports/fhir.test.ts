import type { Observation, Patient } from '@medplum/fhirtypes'
import { describe, expect, it } from 'vitest'
import { CLINIC_ID_SYSTEM, fhirBundle, stableUuid } from '@clinic/exports/fhir'
import { patient, twoRunners } from './dataset'
import { expectValidBundle, fhirIssues } from './fhirValidation'

const TIMESTAMP = '2026-03-10T09:00:00.000Z'
const resources = <T>(bundle: ReturnType<typeof fhirBundle>, type: string) =>
  (bundle.entry ?? []).filter((e) => e.resource?.resourceType === type).map((e) => ({ fullUrl: e.fullUrl, resource: e.resource as T }))

describe('FHIR bundle', () => {
  it('is an R4 collection whose bundle and resources all validate', () => {
    const bundle = fhirBundle(twoRunners(), TIMESTAMP)
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: TIMESTAMP })
    expect(bundle.entry).toHaveLength(2 + 3 * 2)
    expectValidBundle(bundle)
  })

  it('names the patient, identifies them by clinic ID and maps sex to FHIR gender', () => {
    const [anna, ben] = resources<Patient>(fhirBundle(twoRunners(), TIMESTAMP), 'Patient').map((e) => e.resource)
    expect(anna).toMatchObject({
      identifier: [{ system: CLINIC_ID_SYSTEM, value: 'BS-00001' }],
      name: [{ family: 'Meier', given: ['Anna'] }],
      gender: 'female',
      birthDate: '1988-05-14',
      telecom: [
        { system: 'phone', value: '+49 30 1234567' },
        { system: 'email', value: 'anna.meier@example.org' },
      ],
      communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'de' }] }, preferred: true }],
    })
    // diverse has no FHIR gender of its own: AdministrativeGender "other".
    expect(ben.gender).toBe('other')
    expect(ben.telecom).toBeUndefined()
    expect(resources<Patient>(fhirBundle({ ...twoRunners(), patients: [patient({ sex: 'male' })] }, TIMESTAMP), 'Patient')[0].resource.gender).toBe('male')
  })

  it('records running pain with LOINC 72514-3 and runability with the local code, as final surveys on the assessment date', () => {
    const bundle = fhirBundle(twoRunners(), TIMESTAMP)
    const [annaUrl] = resources<Patient>(bundle, 'Patient').map((e) => e.fullUrl)
    const [pain, runability] = resources<Observation>(bundle, 'Observation').map((e) => e.resource)
    expect(pain).toMatchObject({
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' }] },
      subject: { reference: annaUrl },
      effectiveDateTime: '2026-03-02',
      valueQuantity: { value: 6, system: 'http://unitsofmeasure.org', code: '{score}' },
    })
    expect(runability).toMatchObject({
      status: 'final',
      code: { coding: [{ system: 'urn:backstride:observation', code: 'runability-psfs' }], text: 'Runability (0-10)' },
      valueQuantity: { value: 4, code: '{score}' },
    })
  })

  it('gives each record the same urn:uuid in every export', () => {
    const first = fhirBundle(twoRunners(), TIMESTAMP).entry?.map((e) => e.fullUrl)
    const again = fhirBundle(twoRunners(), '2026-04-01T00:00:00.000Z').entry?.map((e) => e.fullUrl)
    expect(again).toEqual(first)
    expect(new Set(first).size).toBe(first?.length)
    expect(stableUuid('patient/BS-00001')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('tags each observation with the code of the site the runner is treated at, and stays valid R4', () => {
    const bundle = fhirBundle(twoRunners(), TIMESTAMP)
    const tags = resources<Observation>(bundle, 'Observation').map((e) => [e.resource.subject?.display, e.resource.meta?.tag])
    // twoRunners: Anna (two assessments) at the default site MAIN, Ben (one) at MUC.
    expect(tags).toEqual([
      ...Array(4).fill(['BS-00001', [{ system: 'urn:backstride:site', code: 'MAIN' }]]),
      ...Array(2).fill(['BS-00002', [{ system: 'urn:backstride:site', code: 'MUC' }]]),
    ])
    expectValidBundle(bundle)
  })

  it('labels demo patients and their scores as test data', () => {
    const data = twoRunners()
    data.patients[0] = { ...data.patients[0], isDemo: true }
    const bundle = fhirBundle(data, TIMESTAMP)
    const demo = (bundle.entry ?? []).filter((e) => e.resource?.meta?.security?.some((s) => s.code === 'HTEST'))
    expect(demo).toHaveLength(1 + 2 * 2)
    expectValidBundle(bundle)
  })

  it('is checked by a validator that catches a broken resource', () => {
    const { errors } = fhirIssues({ resourceType: 'Observation', status: 'final' } as Observation)
    expect(errors.join(' ')).toMatch(/Observation\.code/)
  })
})
