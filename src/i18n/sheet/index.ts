import { createI18n, type NamedValue } from 'vue-i18n'
import type { LocalDate } from '@clinic/rules/calendar'
import { formatDate, formatDay } from '../format'
import de from './de'
import en, { type SheetMessages } from './en'
import type { Language } from '@clinic/domain/vocabulary'

/**
 * The sheet's words in the sheet's language. Kept apart from the screen's
 * messages: a German-speaking therapist prints an English sheet for an
 * English-speaking runner, and the screen stays German.
 */
const sheetI18n = createI18n<[SheetMessages], Language, false>({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en, de },
})

/** 'stopRules.title' and every other path to a message. */
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>
}[keyof T & string]
/** The advice's lists are read whole (`messages`), not by key. */
export type SheetKey = Paths<Omit<SheetMessages, 'advice'>>

export interface SheetText {
  language: Language
  /** The sheet's words as written, for lists such as the runner's advice. */
  messages: SheetMessages
  /** A message; `plural` picks the form (1 or more) of a message written 'one | many'. */
  t(key: SheetKey, params?: NamedValue, plural?: number): string
  /** A local date in the desk's date format (12.05.2025 / 12/05/2025), or a day of the log with its weekday in the sheet's language ('Mo 12.05.'). */
  date(value: LocalDate, format?: 'date' | 'day'): string
}

export function sheetText(language: Language): SheetText {
  const { t } = sheetI18n.global
  return {
    language,
    messages: language === 'de' ? de : en,
    t: (key, params = {}, plural) =>
      plural === undefined ? t(key, params, { locale: language }) : t(key, params, { locale: language, plural }),
    date: (value, format = 'date') => (format === 'day' ? formatDay(value, language) : formatDate(value)),
  }
}
