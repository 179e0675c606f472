import { createI18n } from 'vue-i18n'
import { apiMessageTranslator } from './apiMessages'
import de, { apiMessages as deApiMessages } from './de'
import en, { type Messages } from './en'

export type Locale = 'en' | 'de'
export const LOCALES: readonly Locale[] = ['en', 'de']

const LOCALE_KEY = 'backstride-locale'

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY)
  if (stored === 'en' || stored === 'de') return stored
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en'
}

/** Dates are local calendar dates; they are shown in the language's own format. */
const dateFormats = {
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
} as const

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, de },
  datetimeFormats: { en: dateFormats, de: dateFormats },
})

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  localStorage.setItem(LOCALE_KEY, locale)
  document.documentElement.lang = locale
}

document.documentElement.lang = i18n.global.locale.value

const apiMessages: Record<Locale, (message: string) => string> = { en: (message) => message, de: apiMessageTranslator(deApiMessages) }

/** The API's messages are English; shows the German version where one exists. */
export function translateApiMessage(message: string): string {
  return apiMessages[i18n.global.locale.value](message)
}
