import type { ApiError, FieldError } from './contract'
import type { Coded } from './contract/messages'

/** A refusal the therapist can act on: an unknown record, a clinical rule, a clash. Nothing was written. */
export class ClinicError extends Error {
  constructor(
    readonly kind: Exclude<ApiError['kind'], 'validation' | 'unavailable' | 'internal'>,
    readonly said: Coded,
    readonly fields: FieldError[] = [],
  ) {
    super(said.message)
  }

  toApiError(): ApiError {
    return { kind: this.kind, ...this.said, fields: this.fields }
  }
}

/** Refusals by kind: `ruleBroken(coded('runner_withdrawn'))`, with the input field at fault when there is one. */
export const notFound = (said: Coded, path?: string) => new ClinicError('not_found', said, path ? [{ path, ...said }] : [])

export const ruleBroken = (said: Coded, path?: string) => new ClinicError('rule', said, path ? [{ path, ...said }] : [])

export const conflict = (said: Coded, path?: string) => new ClinicError('conflict', said, path ? [{ path, ...said }] : [])
