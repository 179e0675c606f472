import { expect } from 'vitest'

/** Asserts |actual − expected| ≤ 1e-6 · |expected| (6 significant digits), or ≤ 1e-12 when expected is 0. */
export function expectClose(actual: number | null | undefined, expected: number, relative = 1e-6): void {
  expect(actual, `expected a number close to ${expected}`).toBeTypeOf('number')
  const tolerance = expected === 0 ? 1e-12 : relative * Math.abs(expected)
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
}
