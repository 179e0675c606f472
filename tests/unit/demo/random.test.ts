import { describe, expect, it } from 'vitest'
import { mulberry32, seededRandom } from '@clinic/demo'
import { mean } from './cohort'

describe('seeded random source', () => {
  it('repeats the same sequence for a seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed))
    expect(draw(1)).toEqual(draw(1))
    expect(draw(1)).not.toEqual(draw(2))
    expect(draw(1).every((u) => u >= 0 && u < 1)).toBe(true)
  })

  it('draws normal values with the asked mean and standard deviation', () => {
    const rng = seededRandom(42)
    const values = Array.from({ length: 20_000 }, () => rng.normal(5.5, 1.5))
    const m = mean(values)
    const sd = Math.sqrt(mean(values.map((v) => (v - m) ** 2)))
    expect(m).toBeCloseTo(5.5, 1)
    expect(sd).toBeCloseTo(1.5, 1)
  })

  it('draws whole numbers within both bounds and shuffles without losing values', () => {
    const rng = seededRandom(7)
    const ints = Array.from({ length: 2000 }, () => rng.int(2, 5))
    expect(new Set(ints)).toEqual(new Set([2, 3, 4, 5]))
    expect(rng.shuffle([1, 2, 3, 4, 5, 6]).sort()).toEqual([1, 2, 3, 4, 5, 6])
  })
})
