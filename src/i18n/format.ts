import { useI18n } from 'vue-i18n'
import type { LocalizedText } from '@clinic/contract'
import { ageOn, parseLocalDate } from '@clinic/rules/calendar'
import { placeholderValues, type Coded } from '@clinic/contract/messages'
import type { Language } from '@clinic/domain/vocabulary'

/** Formatting of dates and the clinic's messages in the current language, for templates. */
export function useFormat() {
  const { d, t, locale } = useI18n()
  return {
    /** A local calendar date (YYYY-MM-DD) in the language's format. */
    date: (value: string | null | undefined) => (value ? d(parseLocalDate(value), 'date') : '—'),
    /** An ISO-8601 instant in the language's format, local time. */
    dateTime: (value: string) => d(new Date(value), 'dateTime'),
    age: (dateOfBirth: string, today: string) => ageOn(dateOfBirth, today),
    /** A catalogue text (program or exercise name) in the current language. */
    text: (value: LocalizedText) => value[locale.value as Language] ?? value.en,
    /** A coded message (a refusal, a field error, a statistics reason) from its code and parameters; never from its English sentence. */
    message: (value: Coded | null | undefined): string | undefined =>
      value ? t(`clinic.messages.${value.code}`, placeholderValues(value, (field) => t(`clinic.fields.${field}`))) : undefined,
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
