/**
 * A small seeded random source, so that one seed always gives the same demo
 * cohort on every machine and Node version (Math.random cannot be seeded).
 *
 * - mulberry32 (Tommy Ettinger, public domain): a 32-bit state advanced by a
 *   Weyl step and mixed by two multiply–xorshift rounds; uniform in [0, 1)
 *   with 2^32 values. Fine for simulated data, not for anything secret.
 * - Normal values by the Box–Muller transform: two uniforms u1, u2 give
 *   sqrt(−2 ln u1) · cos(2π u2), a standard normal value.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Normal with this mean and standard deviation. */
  normal(mean: number, sd: number): number
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(values: readonly T[]): T
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(values: readonly T[]): T[]
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed)
  const random: Random = {
    next,
    normal(mean, sd) {
      const u1 = 1 - next() // in (0, 1]: log(0) would be −∞
      const u2 = next()
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
    },
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (values) => values[Math.floor(next() * values.length)],
    shuffle(values) {
      const copy = [...values]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j], copy[i]]
      }
      return copy
    },
  }
  return random
}

/** Rounded to a whole number and kept within [min, max] (a 0–10 score). */
export const clampRound = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, Math.round(value)))
