/**
 * Median wall time in ms of each function, measured in interleaved rounds
 * (each round calls every function once, after `warmUp` untimed rounds), so a
 * burst of load on a shared machine touches every measurement alike.
 */
export async function medians<K extends string>(
  fns: Record<K, () => unknown>,
  { rounds = 7, warmUp = 2 } = {},
): Promise<Record<K, number>> {
  const names = Object.keys(fns) as K[]
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = 0; round < warmUp + rounds; round++) {
    for (const name of names) {
      const start = performance.now()
      await fns[name]()
      if (round >= warmUp) times[name].push(performance.now() - start)
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])])) as Record<K, number>
}

/** The median, rounded to 0.1. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const value = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return Math.round(value * 10) / 10
}

export const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`)
