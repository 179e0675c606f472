import { createI18n } from 'vue-i18n'
import { de as clinicDe, en as clinicEn, type Catalogue } from '@clinic/contract/messages'
import de from './de'
import en, { type Messages } from './en'
import { isOneOf, LANGUAGES, type Language } from '@clinic/domain/vocabulary'

/** The app speaks the languages of the vocabulary. */
export type Locale = Language
export const LOCALES: readonly Locale[] = LANGUAGES

const LOCALE_KEY = 'backstride-locale'

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY)
  if (isOneOf(LOCALES, stored)) return stored
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en'
}

/** The renderer's words, and under `clinic` the clinic's coded messages (electron/clinic/contract/messages). */
type AllMessages = Messages & { clinic: Catalogue }

export const i18n = createI18n<[AllMessages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en: { ...en, clinic: clinicEn }, de: { ...de, clinic: clinicDe } },
})

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  localStorage.setItem(LOCALE_KEY, locale)
  document.documentElement.lang = locale
}

document.documentElement.lang = i18n.global.locale.value
