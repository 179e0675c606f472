import { z } from 'zod'
import { isLocalDate, todayLocal } from '../rules/calendar'
import { zodMessage, type FieldName } from './messages'

/*
 * Field schemas shared by every method. Their messages are shown to the
 * therapist next to the field, so they say what is wrong and what is expected;
 * they are codes (./messages), the field named by its FIELD_NAMES key.
 */

export const localDate = z
  .string({ error: zodMessage('date_required') })
  .refine(isLocalDate, { message: zodMessage('date_invalid') })

/** A date of something that has already happened: today at the latest. */
export const pastOrToday = localDate.refine((value) => value <= todayLocal(), {
  message: zodMessage('date_in_future'),
})

/** 0–10 numeric rating (running pain, runability, PSFS activity rating). */
export const score = z
  .number({ error: zodMessage('score_required') })
  .int({ message: zodMessage('score_whole') })
  .min(0, { message: zodMessage('score_range') })
  .max(10, { message: zodMessage('score_range') })

export const requiredText = (field: FieldName, max = 200) =>
  z
    .string({ error: zodMessage('field_required', { field }) })
    .trim()
    .min(1, { message: zodMessage('field_required', { field }) })
    .max(max, { message: zodMessage('field_too_long', { field, max }) })

export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { message: zodMessage('text_too_long', { max }) })
    .nullish()
    .transform((v) => (v ? v : null))

/** A record's id, chosen in a list: "Choose a patient". */
export const id = (field: FieldName) => {
  const message = zodMessage('field_choose', { field })
  return z.number({ error: message }).int({ message }).positive({ message })
}

export const boundedNumber = (field: FieldName, min: number, max: number) =>
  z
    .number({ error: zodMessage('field_required', { field }) })
    .min(min, { message: zodMessage('field_range', { field, min, max }) })
    .max(max, { message: zodMessage('field_range', { field, min, max }) })

/** A whole number from min to max: "Enter a value from 1 to 10 for sets". */
export const wholeNumber = (field: FieldName, min: number, max: number) => {
  const range = zodMessage('field_range', { field, min, max })
  return z.number({ error: range }).int({ message: range }).min(min, { message: range }).max(max, { message: range })
}
