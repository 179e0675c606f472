import { describe, expect, it } from 'vitest'
import { isResponder, summarizeResponders, wilsonInterval } from '@clinic/stats/responders'
import { expectClose } from './closeTo'

const pain = (baseline: number, followUp: number) => isResponder('runningPain', { baseline, followUp })
const runability = (baseline: number, followUp: number) => isResponder('runability', { baseline, followUp })

describe('isResponder', () => {
  it('counts a fall in pain of 2 points as a response whatever the baseline', () => {
    expect(pain(9, 7)).toBe(true)
    expect(pain(2, 0)).toBe(true)
  })

  it('counts a fall in pain of 30 % of baseline as a response when it is under 2 points', () => {
    expect(pain(3, 2)).toBe(true) // 1 ≥ 0.9
    expect(pain(5, 3.5)).toBe(true) // 1.5 = 30 % of 5
    expect(pain(8, 6.5)).toBe(false) // 1.5 < 2 and < 2.4
  })

  it('counts exactly 30 % as a response although the subtraction rounds below it (3.5 → 2.45)', () => {
    // 3.5 − 2.45 = 1.0499999999999998 in floating point, 0.3 · 3.5 = 1.05
    expect(pain(3.5, 2.45)).toBe(true)
  })

  it('never counts a rise in pain or a fall in runability as a response', () => {
    expect(pain(3, 6)).toBe(false)
    expect(runability(6, 3)).toBe(false)
  })

  it('counts a rise in runability of 2 points or 30 % of baseline', () => {
    expect(runability(6, 8)).toBe(true)
    expect(runability(3, 4)).toBe(true) // 1 ≥ 0.9
    expect(runability(5, 6.5)).toBe(true) // exactly 30 %
    expect(runability(8, 9.5)).toBe(false) // 1.5 < 2 and < 2.4
  })

  it('applies only the 2-point rule at baseline 0, so a runner without running pain cannot respond', () => {
    expect(pain(0, 0)).toBe(false)
    expect(runability(0, 0)).toBe(false)
    expect(runability(0, 1)).toBe(false)
    expect(runability(0, 2)).toBe(true)
  })
})

describe('wilsonInterval', () => {
  it('matches the closed formula for 8 of 20', () => {
    // z = 1.959963984540054, p = 0.4, n = 20, z²/n = 0.1920729410347062
    // centre = (p + z²/2n)/(1 + z²/n) = 0.4161125158052819
    // half   = z/(1 + z²/n) · √(p(1 − p)/n + z²/4n²) = 0.1973059834324649
    const [lower, upper] = wilsonInterval(8, 20)
    expectClose(lower, 0.2188065323728171)
    expectClose(upper, 0.6134184992377468)
  })

  it('stays inside 0–1 for 0 of 10 and 10 of 10', () => {
    // 0 of 10: [0, z²/(n + z²)] = [0, 0.2775327998628892]
    const [lower0, upper0] = wilsonInterval(0, 10)
    expect(lower0).toBeCloseTo(0, 12)
    expectClose(upper0, 0.2775327998628892)
    const [lower10, upper10] = wilsonInterval(10, 10)
    expectClose(lower10, 0.7224672001371108)
    expect(upper10).toBeCloseTo(1, 12)
  })
})

describe('summarizeResponders', () => {
  it('reports count, n, percentage and the Wilson CI in percent', () => {
    // pain: 6→4 (2 points), 3→2 (30 %), 8→7 (neither), 5→5, 4→6
    const result = summarizeResponders('runningPain', {
      baseline: [6, 3, 8, 5, 4],
      followUp: [4, 2, 7, 5, 6],
    })
    expect(result.n).toBe(5)
    expect(result.responders).toBe(2)
    expect(result.percentage).toBe(40)
    // Wilson for 2 of 5 by the formula above: [0.1176207742326479, 0.7692757187239870]
    expectClose(result.ci?.[0], 11.76207742326479)
    expectClose(result.ci?.[1], 76.92757187239870)
  })

  it('gives no percentage and no CI when no patient has both scores', () => {
    expect(summarizeResponders('runability', { baseline: [], followUp: [] })).toEqual({ n: 0, responders: 0, percentage: null, ci: null })
  })
})
