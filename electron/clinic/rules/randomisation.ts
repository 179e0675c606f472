import { PROGRAM_CODES, type ProgramCode, type Sex } from '../domain/vocabulary'

/**
 * Randomised allocation to the three programs: permuted blocks of random size,
 * stratified. The trial article says only that each runner was assigned one of
 * the programs; the method is a clinic default (docs/clinical-basis.md, "Group comparison").
 *
 * - Blocks hold each program once (size 3) or twice (size 6), in random order,
 *   so the groups never differ by more than 2 within a stratum, while the random
 *   block size keeps the last place of a block from being guessed.
 * - Strata: site × sex × baseline running pain (< 6 / ≥ 6), so the groups stay
 *   alike on the two factors most likely to shape the outcome, and each site's
 *   groups stay balanced on their own (a site may stop or join at any time).
 * - The sequence is a pure function of the clinic's secret seed and the stratum:
 *   reproducible for an audit by whoever holds the seed, unknown to everyone
 *   else (the seed never leaves the service). The next allocation of a stratum
 *   is the first position not used yet.
 *
 * PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counter, PractRand-tested),
 * its 128-bit state seeded by cyrb128 (a 128-bit string hash) of
 * "seed|stratum". Not a cryptographic generator: concealment rests on the
 * seed, 128 random bits from node:crypto made when randomisation is switched on.
 */


/** One or two of each program per block. */
export const BLOCK_SIZES = [3, 6] as const

/** Stratification by baseline running pain: below this is "lower pain" (0–10 NRS; clinic default). */
export const PAIN_STRATUM_THRESHOLD = 6

/**
 * The site whose strata keep the keys from before sites existed: the default
 * site, id 1, which migration 0011_clinic_sites creates in every database and
 * gives every earlier enrollment.
 */
export const DEFAULT_SITE_ID = 1

type SexPain = `${Sex}:pain_${'below_6' | '6_or_more'}`
export type Stratum = SexPain | `site_${number}/${SexPain}`

/**
 * The stratum key, which is also what the sequence is made from (with the seed).
 * Before sites, the key was `sex:pain_…` (e.g. `female:pain_below_6`). The default
 * site keeps exactly those keys, so an ongoing single-site trial continues its
 * sequences where they stood: the same stored keys, the next position, the same
 * programs. Every other site prefixes its id (`site_2/female:pain_below_6`), which
 * gives it sequences of its own, independent of the default site's and of each other's.
 * The id, not the code, is in the key: a site's key never changes.
 */
export function stratumOf(siteId: number, sex: Sex, baselineRunningPain: number): Stratum {
  const sexPain: SexPain = `${sex}:pain_${baselineRunningPain < PAIN_STRATUM_THRESHOLD ? 'below_6' : '6_or_more'}`
  return siteId === DEFAULT_SITE_ID ? sexPain : `site_${siteId}/${sexPain}`
}

export interface AllocationSlot {
  /** 1-based place in the stratum's sequence. */
  position: number
  programCode: ProgramCode
  /** 1-based block number and the block's size, for audits and tests. */
  block: number
  blockSize: (typeof BLOCK_SIZES)[number]
}

/** cyrb128: four 32-bit words from a string. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

/** sfc32: uniform numbers in [0, 1). */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed)
  const next = () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  // Discard the first outputs: sfc32 mixes its state in the first few rounds.
  for (let i = 0; i < 15; i++) next()
  return next
}

/** The stratum's allocation sequence, block by block, without end. */
export function* allocationSequence(seed: string, stratum: string): Generator<AllocationSlot> {
  const random = seededRandom(`${seed}|${stratum}`)
  let position = 0
  for (let block = 1; ; block++) {
    const blockSize = random() < 0.5 ? BLOCK_SIZES[0] : BLOCK_SIZES[1]
    const codes: ProgramCode[] = []
    for (let i = 0; i < blockSize / PROGRAM_CODES.length; i++) codes.push(...PROGRAM_CODES)
    // Fisher–Yates shuffle.
    for (let i = codes.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[codes[i], codes[j]] = [codes[j], codes[i]]
    }
    for (const programCode of codes) {
      position += 1
      yield { position, programCode, block, blockSize }
    }
  }
}

/** The next allocation of a stratum that has used `used` positions so far. */
export function nextAllocation(seed: string, stratum: string, used: number): AllocationSlot {
  for (const slot of allocationSequence(seed, stratum)) {
    if (slot.position === used + 1) return slot
  }
  throw new Error('unreachable: the allocation sequence has no end')
}
