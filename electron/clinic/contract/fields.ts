import { z } from 'zod'
import { isLocalDate, todayLocal } from '../rules/calendar'
import { zodMessage, type FieldName } from './messages'
import { SIT_TO_STAND_MAX } from '../domain/vocabulary'

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

/** Repetitions in the 30-second sit-to-stand test: a whole number from 0 to 60 (optional where it is used). */
const sitToStandMessage = zodMessage('sit_to_stand_range', { max: SIT_TO_STAND_MAX })
export const sitToStandCount = z
  .number({ error: sitToStandMessage })
  .int({ message: sitToStandMessage })
  .min(0, { message: sitToStandMessage })
  .max(SIT_TO_STAND_MAX, { message: sitToStandMessage })

/** The sit-to-stand repetitions when recorded with an assessment: empty is null (not tested). */
export const sitToStandReps = sitToStandCount.nullish().transform((v) => v ?? null)

/*
 * Text hygiene, for every name and free text the clinic stores: NFC (an "é"
 * typed and an "é" pasted as e + accent are one spelling, so duplicate checks
 * and searches see one name), and no characters that hide or reorder what the
 * reader sees or break the exports: Unicode format characters (zero-width
 * spaces and joiners, direction marks, bidi embeddings, overrides and isolates,
 * the byte-order mark, the soft hyphen), line and paragraph separators, lone
 * surrogate halves, noncharacters, and control characters; free text keeps
 * tabs and line breaks (CR LF and CR stored as LF).
 */
const INVISIBLE = /[\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFDD0-\uFDEF\uFFFE\uFFFF]/u
const CONTROL_IN_LINE = /\p{Cc}/u
const CONTROL_IN_FREE_TEXT = /[^\P{Cc}\t\n]/u

/** Is this a text the clinic stores as it is? `freeText` allows tabs and line feeds. */
export const isCleanText = (value: string, freeText = false): boolean =>
  !INVISIBLE.test(value) && !(freeText ? CONTROL_IN_FREE_TEXT : CONTROL_IN_LINE).test(value)

/** A one-line text: a name, a reason, a physician. */
export const requiredText = (field: FieldName, max = 200) =>
  z
    .string({ error: zodMessage('field_required', { field }) })
    .trim()
    .normalize('NFC')
    .min(1, { message: zodMessage('field_required', { field }) })
    .max(max, { message: zodMessage('field_too_long', { field, max }) })
    .refine((v) => isCleanText(v), { message: zodMessage('text_hidden_characters') })

/** Free text (notes, reasons, address, phone): empty is null. */
export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .max(max, { message: zodMessage('text_too_long', { max }) })
    .refine((v) => isCleanText(v, true), { message: zodMessage('text_hidden_characters') })
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
