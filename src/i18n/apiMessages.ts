/**
 * The clinic API answers in English sentences; a locale translates them with a
 * table from the English sentence to its own. A sentence that carries values
 * ("This time point was already assessed on 2026-03-30") is listed once as a
 * template with named {placeholders} on both sides; the values are kept as they
 * came. A sentence without an entry is shown as it came.
 */
export function apiMessageTranslator(table: Readonly<Record<string, string>>): (message: string) => string {
  const templates = Object.entries(table)
    .filter(([english]) => english.split(PLACEHOLDERS).length > 1)
    .map(([english, translated]) => {
      const names: string[] = []
      const source = english
        .split(PLACEHOLDERS)
        .map((part, i) => {
          if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          names.push(part)
          return '(.+?)'
        })
        .join('')
      return { pattern: new RegExp(`^${source}$`, 's'), names, translated }
    })
  return (message) => {
    const exact = table[message]
    if (exact !== undefined) return exact
    for (const { pattern, names, translated } of templates) {
      const match = pattern.exec(message)
      if (!match) continue
      const values = Object.fromEntries(names.map((name, i) => [name, match[i + 1]]))
      return translated.replace(PLACEHOLDERS_GLOBAL, (_, name: string) => values[name] ?? `{${name}}`)
    }
    return message
  }
}

/** Splits "a {x} b" into ["a ", "x", " b"]: the placeholders' names at the odd positions. */
const PLACEHOLDERS = /\{(\w+)\}/
const PLACEHOLDERS_GLOBAL = /\{(\w+)\}/g
