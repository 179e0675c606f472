import { z } from 'zod'
import { id, optionalText, requiredText } from './fields'
import { LANGUAGES } from './inputs'

/** The clinic's details printed in the header of sheets and reports; set once in settings. */
export const clinicDetails = z.object({
  clinicName: requiredText('the clinic name', 120),
  address: optionalText(300),
  phone: optionalText(40),
  email: z
    .union([z.literal(''), z.email({ message: 'Enter a valid e-mail address' })])
    .nullish()
    .transform((v) => (v ? v : null)),
  /** A small logo as a data URL (PNG, JPEG or SVG, at most ~200 KB). */
  logo: z
    .string()
    .max(280_000, { message: 'Choose a logo smaller than 200 KB' })
    .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/, { message: 'Choose a PNG, JPEG or SVG image' })
    .nullish()
    .transform((v) => v ?? null),
})
export type ClinicDetails = z.output<typeof clinicDetails>

export const homeSheetInput = z.object({
  patientId: id('patient'),
  /** Program week 1–8; by default the runner's current week. A reprint of an earlier week shows that week's dosage. */
  week: z
    .number({ error: 'Choose a week from 1 to 8' })
    .int()
    .min(1, { message: 'Choose a week from 1 to 8' })
    .max(8, { message: 'Choose a week from 1 to 8' })
    .nullish()
    .transform((v) => v ?? null),
  /** Sheet language; by default the patient's preferred language. */
  language: z.enum(LANGUAGES).nullish().transform((v) => v ?? null),
})
