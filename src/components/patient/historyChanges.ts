import type { AuditEntry } from '@clinic/contract'

type Translate = (key: string, values?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/**
 * The fields an audit entry changed, each with its name in the reader's language and the values
 * before and after; a creation lists nothing (the record itself shows its values).
 */
export function historyChanges(entry: AuditEntry, t: Translate, te: Exists) {
  const shown = (value: unknown) =>
    value === null || value === undefined || value === ''
      ? t('common.none')
      : typeof value === 'boolean'
        ? t(value ? 'common.yes' : 'common.no')
        : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  const nameOf = (field: string) => {
    if (field.startsWith('exercise:')) return t('history.fields.exercise', { code: field.slice('exercise:'.length) })
    for (const key of [`sessions.fields.${field}`, `history.fields.${field}`, `eligibility.${field}`, `redFlags.${field}`]) {
      if (te(key)) return t(key)
    }
    return field
  }
  /** Coded values in words: a withdrawal's category, a consent answer, an adverse event's severity and relatedness, the running advice. */
  const CODED_VALUES: Record<string, string> = {
    withdrawalCategory: 'withdrawal.categories',
    comparisonConsent: 'consent.answers',
    severity: 'adverseEvents.severities',
    related: 'adverseEvents.relatedness',
    runningAdvice: 'runningAdvice.choices',
  }
  const valueOf = (field: string, value: unknown) =>
    // A runner without their own running advice follows the clinic's default.
    field === 'runningAdvice' && value === null
      ? t('runningAdvice.clinicDefault')
      : typeof value === 'string' && field in CODED_VALUES && te(`${CODED_VALUES[field]}.${value}`) ? t(`${CODED_VALUES[field]}.${value}`) : shown(value)
  return entry.action === 'create'
    ? []
    : Object.keys(entry.after ?? {})
        // An update lists what it changed; other actions (withdraw, void, ...) only the values that differ.
        .filter((field) => entry.action === 'update' || shown(entry.before?.[field]) !== shown(entry.after?.[field]))
        .map((field) => ({ field: nameOf(field), before: valueOf(field, entry.before?.[field]), after: valueOf(field, entry.after?.[field]) }))
}
