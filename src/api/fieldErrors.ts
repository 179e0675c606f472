import type { z } from 'zod'
import type { ApiError, Coded, FieldError } from '@clinic/contract'
import { coded, fieldErrorOf } from '@clinic/contract/messages'

/** Field messages keyed by dotted input path ('baseline.runningPain'), first message per field. */
export type FieldErrors = Record<string, Coded>

export function fieldErrorsOf(fields: readonly FieldError[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const { path, ...said } of fields) errors[path] ??= said as Coded
  return errors
}

/** The same shape the API returns for a failed validation, from a client-side zod check. */
export function issuesOf(error: z.ZodError): FieldError[] {
  return error.issues.map(fieldErrorOf)
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** A field error's message on its own, as the form's general message. */
const withoutPath = ({ path: _path, ...said }: FieldError): Coded => said as Coded

/** Validates a form against the contract's schema before it is sent: the therapist sees the same messages at once. */
export function check<S extends z.ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const fields = issuesOf(parsed.error)
  return { ok: false, error: { kind: 'validation', ...(fields[0] ? withoutPath(fields[0]) : coded('invalid_input')), fields } }
}

/** The errors under one part of an input ('program'), with paths relative to it ('programCode'). */
export function errorsWithin(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
      .map(([path, message]) => [path.slice(prefix.length + 1), message]),
  )
}

/**
 * The shown errors that a new check still finds, with its current message.
 * Errors only the clinic can find (a clinic ID in use) go when the form changes: saving checks them again.
 */
export function stillWrong(shown: FieldErrors, checked: Checked<unknown>): FieldErrors {
  const now = checked.ok ? {} : fieldErrorsOf(checked.error.fields)
  return Object.fromEntries(Object.keys(shown).filter((path) => path in now).map((path) => [path, now[path]]))
}
