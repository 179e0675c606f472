import { createI18n, type NamedValue } from 'vue-i18n'
import type { LocalDate } from '@clinic/rules/calendar'
import { formatDate } from '../format'
import appDe from '../de'
import appEn from '../en'
import de from './de'
import en, { type ReportMessages } from './en'
import type { Language } from '@clinic/domain/vocabulary'

/**
 * The reports' words in the report's language, kept apart from the screen's
 * messages like the home-exercise sheet's: a progress report may be printed in
 * English while the screen stays German. Time points, sexes and measures come
 * from the app's own translations, so they read the same as on screen.
 */
const shared = (app: typeof appEn) => ({
  timePoints: app.timePoints,
  sexes: app.sexes,
  ageBands: app.comparison.ageBands,
  measures: app.comparison.measures,
  chart: { runningPain: app.chart.runningPain, painBefore: app.chart.painBefore, homePain: app.chart.homePain, runability: app.chart.runability },
})
const messages = { en: { ...en, ...shared(appEn) }, de: { ...de, ...shared(appDe as typeof appEn) } }
type Messages = typeof messages.en

const reportI18n = createI18n<[Messages], Language, false>({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages,
})

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>
}[keyof T & string]
export type ReportKey = Paths<Messages>

export interface ReportText {
  language: Language
  /** A message; `plural` picks the form of a message written 'none | one | many'. */
  t(key: ReportKey, params?: NamedValue, plural?: number): string
  /** A local date in the desk's date format. */
  date(value: LocalDate | null | undefined): string
  /** A score or change with a fixed number of decimals, in the language's format; changes get a sign. */
  number(value: number, digits?: number, signed?: boolean): string
  /** A percentage given as 0–100. */
  percent(value: number, digits?: number): string
}

export function reportText(language: Language): ReportText {
  const { t } = reportI18n.global
  return {
    language,
    t: (key, params = {}, plural) =>
      plural === undefined ? t(key, params, { locale: language }) : t(key, params, { locale: language, plural }),
    date: (value) => formatDate(value),
    number: (value, digits = 1, signed = false) =>
      new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: signed ? 'exceptZero' : 'auto' }).format(value),
    percent: (value, digits = 0) =>
      new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100),
  }
}
