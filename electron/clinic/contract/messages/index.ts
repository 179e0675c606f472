import { MESSAGE_CODES, type Catalogue, type Coded, type FieldName, type MessageCode, type ParamsOf } from './codes'
import { de } from './de'
import { en } from './en'
import type { Language } from '../../domain/vocabulary'

export * from './codes'
export { de, en }

/** The languages the messages are written in: the clinic's languages. */
export type MessageLanguage = Language
export const CATALOGUES: Record<MessageLanguage, Catalogue> = { en, de }

/** The desk's language from a locale such as "de-AT" (German) or "en-GB" (English, also for any other). */
export const messageLanguage = (locale: string): MessageLanguage => (locale.toLowerCase().startsWith('de') ? 'de' : 'en')

/** The parameters to pass, none for a code that takes none. */
export type ParamArgs<C extends MessageCode> = keyof ParamsOf<C> extends never ? [] : [params: ParamsOf<C>]

/** A message by its code: `coded('time_point_already_assessed', { date })`, its English sentence rendered for logs and the command line. */
export function coded<C extends MessageCode>(code: C, ...args: ParamArgs<C>): Extract<Coded, { code: C }> {
  const params = (args[0] ?? {}) as ParamsOf<C>
  return { code, params, message: translate(en, { code, params } as Coded) } as Extract<Coded, { code: C }>
}

/**
 * The values to put into a message's placeholders: a field parameter becomes the
 * field's name in the language (fieldName looks it up), the others stay as given.
 */
export function placeholderValues(
  message: Pick<Coded, 'code' | 'params'>,
  fieldName: (field: FieldName) => string,
): Record<string, string | number> {
  const kinds: Record<string, string> = MESSAGE_CODES[message.code]
  return Object.fromEntries(
    Object.entries(message.params as Record<string, string | number>).map(([name, value]) => [
      name,
      kinds[name] === 'field' ? fieldName(value as FieldName) : value,
    ]),
  )
}

/**
 * A message in a catalogue's language, outside the renderer (the main process,
 * the command line). The catalogues use named placeholders only, so this agrees
 * with vue-i18n (tests/unit/messageCatalogue.test.ts checks every code both ways).
 */
export function translate(catalogue: Catalogue, message: Pick<Coded, 'code' | 'params'>): string {
  const values = placeholderValues(message, (field) => catalogue.fields[field])
  return catalogue.messages[message.code].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

/*
 * Zod issues carry only a string, so a schema's message is the code and its
 * parameters written as JSON (zodMessage); fieldErrorOf reads it back into a
 * field error. An issue without one (a check no message was given for) is field_invalid.
 */

/** The message for a zod check: `z.string().min(1, { message: zodMessage('field_required', { field: 'firstName' }) })`. */
export function zodMessage<C extends MessageCode>(code: C, ...args: ParamArgs<C>): string {
  return JSON.stringify({ code, params: args[0] ?? {} })
}

/** A field error from a zod issue whose message zodMessage made. */
export function fieldErrorOf(issue: { path: readonly PropertyKey[]; message: string }): Coded & { path: string } {
  const path = issue.path.map(String).join('.')
  return { path, ...codedFromZod(issue.message) }
}

/** The coded message zodMessage wrote into a zod issue's message. */
export function codedFromZod(text: string): Coded {
  if (text.startsWith('{"code":')) {
    const { code, params } = JSON.parse(text) as { code: string; params: Record<string, string | number> }
    if (Object.hasOwn(MESSAGE_CODES, code)) {
      const message = { code, params } as Pick<Coded, 'code' | 'params'>
      return { ...message, message: translate(en, message) } as Coded
    }
  }
  return coded('field_invalid')
}
