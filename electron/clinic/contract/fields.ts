import { z } from 'zod'
import { isLocalDate, todayLocal } from '../rules/calendar'

/*
 * Field schemas shared by every method. Their messages are shown to the
 * therapist next to the field, so they say what is wrong and what is expected.
 */

export const localDate = z
  .string({ error: 'Enter a date' })
  .refine(isLocalDate, { message: 'Enter a valid date (YYYY-MM-DD)' })

/** A date of something that has already happened: today at the latest. */
export const pastOrToday = localDate.refine((value) => value <= todayLocal(), {
  message: 'This date is in the future: enter today or an earlier date',
})

/** 0–10 numeric rating (running pain, runability, PSFS activity rating). */
export const score = z
  .number({ error: 'Enter a score from 0 to 10' })
  .int({ message: 'Enter a whole number from 0 to 10' })
  .min(0, { message: 'The score must be between 0 and 10' })
  .max(10, { message: 'The score must be between 0 and 10' })

export const requiredText = (what: string, max = 200) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { message: `Enter ${what}` })
    .max(max, { message: `Keep ${what} under ${max} characters` })

export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { message: `Keep this under ${max} characters` })
    .nullish()
    .transform((v) => (v ? v : null))

export const id = (what: string) => {
  const message = `Choose ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`
  return z.number({ error: message }).int().positive({ message })
}

export const boundedNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what}` })
    .min(min, { message: `${what[0].toUpperCase()}${what.slice(1)} must be between ${min} and ${max}` })
    .max(max, { message: `${what[0].toUpperCase()}${what.slice(1)} must be between ${min} and ${max}` })
