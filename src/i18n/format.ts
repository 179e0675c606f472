import { useI18n } from 'vue-i18n'
import type { Language, LocalizedText } from '@clinic/contract'
import { ageOn, parseLocalDate } from '@clinic/rules/calendar'
import { translateApiMessage } from '.'

/** Formatting of dates and API messages in the current language, for templates. */
export function useFormat() {
  const { d, locale } = useI18n()
  return {
    /** A local calendar date (YYYY-MM-DD) in the language's format. */
    date: (value: string | null | undefined) => (value ? d(parseLocalDate(value), 'date') : '—'),
    /** An ISO-8601 instant in the language's format, local time. */
    dateTime: (value: string) => d(new Date(value), 'dateTime'),
    age: (dateOfBirth: string, today: string) => ageOn(dateOfBirth, today),
    /** A catalogue text (program or exercise name) in the current language. */
    text: (value: LocalizedText) => value[locale.value as Language] ?? value.en,
    message: (value: string | undefined) => (value ? translateApiMessage(value) : undefined),
  }
}
