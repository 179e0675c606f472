import { z } from 'zod'
import { id, requiredText, wholeNumber } from './fields'
import { zodMessage, type FieldName } from './messages'
import { DAYS_PER_WEEK } from '../../../db/catalogue-file'

/*
 * The clinic lead publishes a new version of a program: a copy of its current
 * version with changed week-by-week dosage (and home sessions a week), and the
 * reason. Only the weeks that change are sent; the rest is copied.
 */

const optional = <T>(schema: z.ZodType<T>) => schema.nullish().transform((v) => v ?? null)

const WEEK_RANGE = zodMessage('week_range', { min: 1, max: 8 })

/** The load or intensity in words, in each language of the sheets; blank in both: none. */
const loadText = (name: { field: FieldName }) =>
  z
    .string({ error: zodMessage('field_required', name) })
    .trim()
    .max(200, { message: zodMessage('field_too_long', { ...name, max: 200 }) })

/** One week's dosage of one exercise as it is to be: exactly one of reps, hold or duration describes a set. */
export const dosageChange = z
  .object({
    exerciseCode: z
      .string({ error: zodMessage('field_choose', { field: 'exercise' }) })
      .min(1, { message: zodMessage('field_choose', { field: 'exercise' }) })
      .max(80, { message: zodMessage('field_choose', { field: 'exercise' }) }),
    week: z
      .number({ error: WEEK_RANGE })
      .int({ message: WEEK_RANGE })
      .min(1, { message: WEEK_RANGE })
      .max(8, { message: WEEK_RANGE }),
    sets: wholeNumber('sets', 1, 10),
    repsMin: optional(wholeNumber('repsMin', 1, 100)),
    repsMax: optional(wholeNumber('repsMax', 1, 100)),
    holdSeconds: optional(wholeNumber('holdSeconds', 1, 600)),
    durationSeconds: optional(wholeNumber('durationSeconds', 1, 3600)),
    /** Load in words; null or both blank: no load note. */
    load: z
      .object({ en: loadText({ field: 'loadEn' }), de: loadText({ field: 'loadDe' }) }, { error: zodMessage('field_invalid') })
      .nullish()
      .transform((v) => (v && (v.en || v.de) ? v : null)),
  })
  .refine((d) => (d.repsMin === null) === (d.repsMax === null), { message: zodMessage('dosage_reps_both'), path: ['repsMax'] })
  .refine((d) => d.repsMin === null || d.repsMax === null || d.repsMin <= d.repsMax, {
    message: zodMessage('dosage_reps_order'),
    path: ['repsMax'],
  })
  .refine((d) => [d.repsMin, d.holdSeconds, d.durationSeconds].filter((v) => v !== null).length === 1, {
    message: zodMessage('dosage_one_unit'),
    path: ['sets'],
  })
  .refine((d) => d.load === null || (d.load.en !== '' && d.load.de !== ''), {
    message: zodMessage('dosage_load_both_languages'),
    path: ['load'],
  })
export type DosageChange = z.output<typeof dosageChange>

export const publishProgramVersionInput = z
  .object({
    /** The version copied: must still be its program's current version. */
    basedOnVersionId: id('programVersion'),
    homeSessionsPerWeek: wholeNumber('homeSessions', 0, DAYS_PER_WEEK),
    changes: z.array(dosageChange, { error: zodMessage('field_invalid') }).max(400, { message: zodMessage('field_invalid') }),
    /** Why the dosage changes: kept with the version and in the audit trail. */
    note: requiredText('publicationNote', 1000),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>()
    input.changes.forEach((change, i) => {
      const key = `${change.exerciseCode}/${change.week}`
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: zodMessage('dosage_week_twice'), path: ['changes', i, 'week'] })
      seen.add(key)
    })
  })
export type PublishProgramVersionInput = z.output<typeof publishProgramVersionInput>
