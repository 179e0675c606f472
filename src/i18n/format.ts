import { format as formatWith } from 'date-fns'
import { de as deLocale, enGB } from 'date-fns/locale'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { LocalizedText } from '@clinic/contract'
import { placeholderValues, type Coded } from '@clinic/contract/messages'
import type { Language } from '@clinic/domain/vocabulary'
import { ageOn, isLocalDate, parseLocalDate, toLocalDate, type LocalDate } from '@clinic/rules/calendar'
import { i18n, type Locale } from '.'

/*
 * Dates on this desk: every date field, table, message, chart axis, sheet and
 * report goes through formatDate/parseDateInput below, in the desk's date
 * format — German (31.12.2025) or English with the day first (31/12/2025, as
 * en-GB). Never the browser's own format (a US browser would say 12/31/2025).
 * The API keeps ISO dates (YYYY-MM-DD); only the screen and print change.
 */

export const DATE_FORMATS = ['de', 'en-GB'] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

const PATTERN: Record<DateFormat, { date: string; day: string; separator: string }> = {
  de: { date: 'dd.MM.yyyy', day: 'EEEEEE dd.MM.', separator: '.' },
  'en-GB': { date: 'dd/MM/yyyy', day: 'EEE dd/MM', separator: '/' },
}
/** Weekday names in the language of the text (a German desk may print an English sheet). */
const WEEKDAY_LOCALE: Record<Language, typeof enGB> = { en: enGB, de: deLocale }

const DATE_FORMAT_KEY = 'backstride-date-format'
/** The format the UI language suggests while the desk has not chosen one. */
export const defaultDateFormat = (locale: string): DateFormat => (locale === 'de' ? 'de' : 'en-GB')

function storedDateFormat(): DateFormat | null {
  const stored = localStorage.getItem(DATE_FORMAT_KEY)
  return (DATE_FORMATS as readonly string[]).includes(stored ?? '') ? (stored as DateFormat) : null
}
/** The desk's own choice; null: follow the UI language. */
export const chosenDateFormat = ref<DateFormat | null>(storedDateFormat())

export function setDateFormat(value: DateFormat | null) {
  chosenDateFormat.value = value
  if (value) localStorage.setItem(DATE_FORMAT_KEY, value)
  else localStorage.removeItem(DATE_FORMAT_KEY)
}

/** The date format in force on this desk (reactive: templates follow a change at once). */
export const deskDateFormat = (): DateFormat => chosenDateFormat.value ?? defaultDateFormat(i18n.global.locale.value)

/** A local date (YYYY-MM-DD) in the desk's format: 05.03.2026 / 05/03/2026; '—' for none. */
export function formatDate(value: LocalDate | null | undefined, format: DateFormat = deskDateFormat()): string {
  return value && isLocalDate(value) ? formatWith(parseLocalDate(value), PATTERN[format].date) : '—'
}

/** A day of a log or chart axis, with its weekday in the given language: "Mo 05.03." / "Thu 05/03". */
export function formatDay(value: LocalDate, language: Language): string {
  return formatWith(parseLocalDate(value), PATTERN[deskDateFormat()].day, { locale: WEEKDAY_LOCALE[language] })
}

/** An instant (ISO 8601) in local time: 05.03.2026 14:05. */
export function formatDateTime(value: string): string {
  const at = new Date(value)
  return Number.isNaN(at.getTime()) ? value : formatWith(at, `${PATTERN[deskDateFormat()].date} HH:mm`)
}

/** What a date field asks for, in the screen's letters: TT.MM.JJJJ / DD/MM/YYYY. */
export function datePattern(locale: Locale = i18n.global.locale.value as Locale): string {
  const [d, m, y] = locale === 'de' ? ['TT', 'MM', 'JJJJ'] : ['DD', 'MM', 'YYYY']
  return [d, m, y].join(PATTERN[deskDateFormat()].separator)
}

/**
 * A typed date as YYYY-MM-DD, or null when it is not a real date. Day first, as
 * both desk formats write it, with '.', '/' or '-' between (5.3.2026, 05/03/2026);
 * an ISO date (2026-03-05) is taken as it is.
 */
export function parseDateInput(text: string): LocalDate | null {
  const value = text.trim()
  if (isLocalDate(value)) return value
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value)
  if (!match) return null
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`
  return isLocalDate(iso) ? iso : null
}

/** A message's placeholder values with its dates (YYYY-MM-DD, as the clinic sends them) in the desk's format. */
const deskDates = (values: Record<string, string | number>): Record<string, string | number> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'string' && isLocalDate(value) ? formatDate(value) : value]))

/** Formatting of dates and the clinic's messages in the current language, for templates. */
export function useFormat() {
  const { t, locale } = useI18n()
  return {
    /** A local calendar date (YYYY-MM-DD) in the desk's date format. */
    date: (value: string | null | undefined) => formatDate(value),
    /** An ISO-8601 instant in the desk's date format, local time. */
    dateTime: (value: string) => formatDateTime(value),
    age: (dateOfBirth: string, today: string) => ageOn(dateOfBirth, today),
    /** A catalogue text (program or exercise name) in the current language. */
    text: (value: LocalizedText) => value[locale.value as Language] ?? value.en,
    /** The day of an instant, in local time. */
    dayOfInstant: (instant: string) => formatDate(toLocalDate(new Date(instant))),
    /**
     * A coded message (a refusal, a field error, a statistics reason) from its code and parameters; never from its
     * English sentence. Dates among the parameters are shown in the desk's date format.
     */
    message: (value: Coded | null | undefined): string | undefined =>
      value ? t(`clinic.messages.${value.code}`, deskDates(placeholderValues(value, (field) => t(`clinic.fields.${field}`)))) : undefined,
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>()

/** One Intl.NumberFormat per language and style, reused: tables of statistics format hundreds of figures. */
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)))
  return format
}

/** Statistics in the language's number format; '—' where there is no value (too few patients). */
export function useNumberFormat() {
  const { locale } = useI18n()
  const fixed = (value: number | null | undefined, digits = 2) =>
    value === null || value === undefined || !Number.isFinite(value)
      ? '—'
      : numberFormat(locale.value, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
  return {
    /** A mean, SD, difference or test statistic with a fixed number of decimals (default 2). */
    fixed,
    /** A whole count (n, responders, df of an F test). */
    count: (value: number | null | undefined) => (value === null || value === undefined ? '—' : numberFormat(locale.value, {}).format(value)),
    /** A percentage given as 0–100, with one decimal: 87.5% / 87,5 %. */
    percent: (value: number | null | undefined, digits = 1) =>
      value === null || value === undefined
        ? '—'
        : numberFormat(locale.value, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100),
    /** A p value as reported in papers: three decimals, and <0.001 below that. */
    p: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : value < 0.001 ? `<${fixed(0.001, 3)}` : fixed(value, 3),
  }
}
