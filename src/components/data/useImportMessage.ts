import { useI18n } from 'vue-i18n'
import { useFormat } from '../../i18n/format'

/**
 * The import's messages in the current language. Fixed sentences are in the
 * API message table (de.ts); those that name a count or a column are matched
 * here and rebuilt from their parts.
 */
const PATTERNS: { pattern: RegExp; key: string; parts: string[] }[] = [
  { pattern: /^This row has (\d+) fields where the header has (\d+)$/, key: 'data.messages.fieldCount', parts: ['found', 'expected'] },
  { pattern: /^The header row has no column (.+)\. Expected columns: (.+)$/, key: 'data.messages.missingColumns', parts: ['missing', 'expected'] },
  { pattern: /^The column (.+) appears twice in the header row$/, key: 'data.messages.repeatedColumn', parts: ['column'] },
  { pattern: /^The file could not be read as CSV: (.+)$/, key: 'data.messages.unreadable', parts: ['detail'] },
]

export function useImportMessage() {
  const { t } = useI18n()
  const { message } = useFormat()
  return (text: string): string => {
    for (const { pattern, key, parts } of PATTERNS) {
      const match = pattern.exec(text)
      if (match) return t(key, Object.fromEntries(parts.map((part, i) => [part, match[i + 1]])))
    }
    return message(text) ?? text
  }
}
