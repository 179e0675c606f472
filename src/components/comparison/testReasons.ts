import { useI18n } from 'vue-i18n'

/**
 * The clinic explains a test it could not compute in an English sentence
 * (electron/clinic/stats); these patterns give the same reason in the current language.
 * A reason not listed here is shown as sent.
 */
const REASONS: [pattern: RegExp, key: string, params: (m: RegExpExecArray) => Record<string, string>][] = [
  [/^needs at least two groups$/, 'twoGroups', () => ({})],
  [/^(\S+) has fewer than (\d+) patients \(n = (\d+)\)$/, 'tooSmall', (m) => ({ group: m[1], min: m[2], n: m[3] })],
  [/^no variation within (\S+) or (\S+)$/, 'noVariationPair', (m) => ({ first: m[1], second: m[2] })],
  [/^no variation within any group$/, 'noVariation', () => ({})],
  [/^baseline does not vary within the groups/, 'baselineConstant', () => ({})],
  [/^group and baseline predict every follow-up exactly/, 'exactFit', () => ({})],
]

export function useTestReason() {
  const { t } = useI18n()
  return (reason: string) => {
    for (const [pattern, key, params] of REASONS) {
      const match = pattern.exec(reason)
      if (match) return t('comparison.notComputed', { reason: t(`comparison.reasons.${key}`, params(match)) })
    }
    return t('comparison.notComputed', { reason })
  }
}
