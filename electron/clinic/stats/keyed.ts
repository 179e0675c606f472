/** A record with one entry per key, in the keys' order: keyedBy(PROGRAM_CODES, (code) => …). */
export function keyedBy<K extends string, T>(keys: readonly K[], value: (key: K) => T): Record<K, T> {
  const result = {} as Record<K, T>
  for (const key of keys) result[key] = value(key)
  return result
}
