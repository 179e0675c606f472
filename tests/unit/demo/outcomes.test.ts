import { describe, expect, it } from 'vitest'
import { RUNABILITY, RUNNING_PAIN } from '@clinic/demo'
import type { RunnerPlan } from '@clinic/demo'
import { assessmentAt, byProgram, cohort, mean } from './cohort'

/** Mean change from baseline to a time point among the runners assessed at both. */
function meanChange(runners: RunnerPlan[], timePoint: string, score: 'runningPain' | 'runability') {
  const changes = runners.flatMap((r) => {
    const [baseline, later] = [assessmentAt(r, 'baseline'), assessmentAt(r, timePoint)]
    return baseline && later ? [later[score] - baseline[score]] : []
  })
  return mean(changes)
}

// 300 runners, about 100 an arm: large enough for the arm means to be stable.
const arms = byProgram(cohort(300, 11))

describe('simulated outcomes, shaped like the trial', () => {
  it('starts with running pain about 5.5 and runability about 4', () => {
    const baselines = Object.values(arms).flat().map((r) => assessmentAt(r, 'baseline')!)
    expect(mean(baselines.map((a) => a.runningPain))).toBeCloseTo(RUNNING_PAIN.baseline.mean, 0)
    expect(Math.abs(mean(baselines.map((a) => a.runability)) - RUNABILITY.baseline.mean)).toBeLessThan(0.5)
  })

  it('lowers running pain by 2 to 4 points by week 8 in every program, and keeps it down at 6 months', () => {
    for (const [program, runners] of Object.entries(arms)) {
      const week8 = -meanChange(runners, 'week_8', 'runningPain')
      expect(week8, program).toBeGreaterThan(2)
      expect(week8, program).toBeLessThan(4)
      expect(-meanChange(runners, 'month_6', 'runningPain'), program).toBeGreaterThan(2)
      // About half the fall by the middle of the program.
      expect(-meanChange(runners, 'week_4', 'runningPain'), program).toBeLessThan(week8)
    }
  })

  it('improves runability more with leg strength (P1) than with P2 or P3', () => {
    const [p1, p2, p3] = (['P1', 'P2', 'P3'] as const).map((p) => meanChange(arms[p], 'week_8', 'runability'))
    expect(p1).toBeGreaterThan(p2 + 0.4)
    expect(p1).toBeGreaterThan(p3 + 0.4)
    expect(p1).toBeGreaterThan(3)
    expect(p2).toBeGreaterThan(2)
    expect(p3).toBeGreaterThan(2)
  })
})
