import type { ApiError, FieldError } from './contract'

/** A refusal the therapist can act on: an unknown record, a clinical rule, a clash. Nothing was written. */
export class ClinicError extends Error {
  constructor(
    readonly kind: Exclude<ApiError['kind'], 'validation' | 'internal'>,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message)
  }

  toApiError(): ApiError {
    return { kind: this.kind, message: this.message, fields: this.fields }
  }
}

export const notFound = (message: string, path?: string) =>
  new ClinicError('not_found', message, path ? [{ path, message }] : [])

export const ruleBroken = (message: string, path?: string) =>
  new ClinicError('rule', message, path ? [{ path, message }] : [])

export const conflict = (message: string, path?: string) =>
  new ClinicError('conflict', message, path ? [{ path, message }] : [])
