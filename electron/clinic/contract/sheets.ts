import { z } from 'zod'
import { id, optionalText, requiredText } from './fields'
import { zodMessage } from './messages'
import { LANGUAGES } from '../domain/vocabulary'

/** The clinic's details printed in the header of sheets and reports; set once in settings. */
export const clinicDetails = z.object({
  clinicName: requiredText('clinicName', 120),
  address: optionalText(300),
  phone: optionalText(40),
  email: z
    .union([z.literal(''), z.email({ message: zodMessage('email_invalid') })])
    .nullish()
    .transform((v) => (v ? v : null)),
  /** A small logo as a data URL (PNG, JPEG or SVG, at most ~200 KB). */
  logo: z
    .string()
    .max(280_000, { message: zodMessage('logo_too_large') })
    .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/, { message: zodMessage('logo_type') })
    .nullish()
    .transform((v) => v ?? null),
})
export type ClinicDetails = z.output<typeof clinicDetails>

const WEEK_RANGE = zodMessage('week_range', { min: 1, max: 8 })

export const homeSheetInput = z.object({
  patientId: id('patient'),
  /** Program week 1–8; by default the runner's current week. A reprint of an earlier week shows that week's dosage. */
  week: z
    .number({ error: WEEK_RANGE })
    .int({ message: WEEK_RANGE })
    .min(1, { message: WEEK_RANGE })
    .max(8, { message: WEEK_RANGE })
    .nullish()
    .transform((v) => v ?? null),
  /** Sheet language; by default the patient's preferred language. */
  language: z.enum(LANGUAGES).nullish().transform((v) => v ?? null),
})
