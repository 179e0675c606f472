import { describe, expect, it } from 'vitest'
import {
  cohortFromRecords,
  compareCohort,
  compareGroups,
  emptyCohort,
  StatsInputError,
  type AttendanceRecord,
  type OutcomeRecord,
} from '@clinic/stats'
import { expectClose } from './closeTo'
import type { ProgramCode, ScheduledTimePoint } from '@clinic/domain/vocabulary'

/** One assessment; scores default to "not recorded". */
function assessment(
  patientId: number,
  programCode: ProgramCode,
  timePoint: ScheduledTimePoint,
  scores: { runningPain?: number | null; runability?: number | null },
): OutcomeRecord {
  return { patientId, programCode, timePoint, runningPain: scores.runningPain ?? null, runability: scores.runability ?? null }
}

/** Runners whose runability rose from `baseline` by the given changes at one follow-up, ids from `firstId`. */
function runabilityChanges(programCode: ProgramCode, firstId: number, timePoint: ScheduledTimePoint, baseline: number, changes: number[]) {
  return changes.flatMap((change, i) => [
    assessment(firstId + i, programCode, 'baseline', { runability: baseline }),
    assessment(firstId + i, programCode, timePoint, { runability: baseline + change }),
  ])
}

function attendanceOf(patientId: number, programCode: ProgramCode, supervisedAttended: number, droppedOut = false): AttendanceRecord {
  return { patientId, programCode, supervisedAttended, droppedOut }
}

/** Every number anywhere in the result, to check that none is NaN or infinite. */
function allNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value]
  if (value && typeof value === 'object') return Object.values(value).flatMap(allNumbers)
  return []
}

describe('compareGroups', () => {
  it('summarises each program and time point, leaving patients without that time point out of the cell', () => {
    const outcomes = [
      assessment(1, 'P1', 'baseline', { runningPain: 6, runability: 3 }),
      assessment(2, 'P1', 'baseline', { runningPain: 4, runability: 5 }),
      assessment(3, 'P1', 'baseline', { runningPain: 5, runability: 4 }),
      assessment(1, 'P1', 'week_8', { runningPain: 3, runability: 6 }),
      assessment(2, 'P1', 'week_8', { runningPain: 3, runability: null }),
    ]
    const result = compareGroups(outcomes, [])
    const pain = result.measures.runningPain
    // baseline pain 6, 4, 5: mean 5, SD 1
    expect(pain.scores.P1.baseline).toMatchObject({ n: 3, mean: 5, sd: 1 })
    // patient 3 has no week 8: n = 2, both 3
    expect(pain.scores.P1.week_8).toEqual({ n: 2, mean: 3, sd: 0, ci: [3, 3] })
    // runability at week 8 was recorded for patient 1 only
    expect(result.measures.runability.scores.P1.week_8).toEqual({ n: 1, mean: 6, sd: null, ci: null })
    expect(pain.scores.P2.baseline).toEqual({ n: 0, mean: null, sd: null, ci: null })
    expect(pain.scores.P1.month_6.n).toBe(0)
  })

  it('computes change as follow-up minus baseline, only for patients with both', () => {
    const outcomes = [
      assessment(1, 'P1', 'baseline', { runningPain: 6 }),
      assessment(1, 'P1', 'week_4', { runningPain: 3 }),
      assessment(2, 'P1', 'baseline', { runningPain: 4 }),
      assessment(2, 'P1', 'week_4', { runningPain: 3 }),
      assessment(3, 'P1', 'week_4', { runningPain: 0 }), // no baseline: in the week 4 scores, not in the change
      assessment(4, 'P1', 'baseline', { runningPain: 7 }), // no week 4
    ]
    const pain = compareGroups(outcomes, []).measures.runningPain
    const week4 = pain.followUps.week_4
    expect(pain.scores.P1.week_4.n).toBe(3)
    // changes −3 and −1: mean −2, SD √2, CI −2 ± qt(0.975, 1)·√2/√2 = −2 ± 12.706204736174696
    expect(week4.change.P1.n).toBe(2)
    expect(week4.change.P1.mean).toBe(-2)
    expectClose(week4.change.P1.sd, Math.SQRT2)
    expectClose(week4.change.P1.ci?.[0], -2 - 12.706204736174696)
    // pain fell 3 (responder) and 1 of 4 (25 %, not a responder)
    expect(week4.responders!.P1).toMatchObject({ n: 2, responders: 1, percentage: 50 })
  })

  it("compares change between programs with Welch's test, matching R on the sleep data", () => {
    // Runability changes at week 4 are R's sleep groups: P1 = group 1, P2 = group 2.
    const outcomes = [
      ...runabilityChanges('P1', 100, 'week_4', 4, [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]),
      ...runabilityChanges('P2', 200, 'week_4', 4, [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]),
      ...runabilityChanges('P3', 300, 'week_4', 4, [1, 2, 3]),
    ]
    const week4 = compareGroups(outcomes, []).measures.runability.followUps.week_4
    const p1VersusP2 = week4.differences.find((d) => d.first === 'P1' && d.second === 'P2')
    expect(p1VersusP2).toMatchObject({ nFirst: 10, nSecond: 10, reason: null })
    // R: t = -1.860813, df = 17.77647, p = 0.07939414, CI -3.3654832 0.2054832
    expectClose(p1VersusP2?.value?.difference, -1.58)
    expectClose(p1VersusP2?.value?.t, -1.860813)
    expectClose(p1VersusP2?.value?.df, 17.77647)
    expectClose(p1VersusP2?.value?.p, 0.07939414)
    expectClose(p1VersusP2?.value?.ci[0], -3.3654832)
    expectClose(p1VersusP2?.value?.ci[1], 0.2054832)
    expect(week4.differences.map((d) => `${d.first}−${d.second}`)).toEqual(['P1−P2', 'P1−P3', 'P2−P3'])
  })

  it('runs a one-way ANOVA on change across the programs, matching R on PlantGrowth', () => {
    // Week 8 runability changes are PlantGrowth's ctrl, trt1, trt2 weights (shifting all by a constant leaves F alone).
    const outcomes = [
      ...runabilityChanges('P1', 100, 'week_8', 2, [4.17, 5.58, 5.18, 6.11, 4.5, 4.61, 5.17, 4.53, 5.33, 5.14]),
      ...runabilityChanges('P2', 200, 'week_8', 2, [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69]),
      ...runabilityChanges('P3', 300, 'week_8', 2, [6.31, 5.12, 5.54, 5.5, 5.37, 5.29, 4.92, 6.15, 5.8, 5.26]),
    ]
    const week8 = compareGroups(outcomes, []).measures.runability.followUps.week_8
    // R: F = 4.846088 on 2 and 27 df, p = 0.01590996
    expect(week8.anova.n).toEqual({ P1: 10, P2: 10, P3: 10 })
    expectClose(week8.anova.value?.f, 4.846088)
    expect(week8.anova.value?.df2).toBe(27)
    expectClose(week8.anova.value?.p, 0.01590996)
    // Everyone started at 2, so the ANCOVA cannot tell baseline from program.
    expect(week8.ancova.value).toBeNull()
    expect(week8.ancova.reason).toMatchObject({ code: 'stats_baseline_constant', message: expect.stringMatching(/baseline does not vary/) })
  })

  it('adjusts follow-up for baseline with an ANCOVA, matching the example worked with fractions', () => {
    // Same data as the ancova unit test: F = 63069/6110 on 2 and 6 df, p = 0.01141905556561978
    const scores: [ProgramCode, number, number][] = [
      ['P1', 6, 3], ['P1', 7, 3], ['P1', 5, 2], ['P1', 8, 4],
      ['P2', 6, 4], ['P2', 5, 4], ['P2', 8, 6],
      ['P3', 4, 3], ['P3', 7, 4], ['P3', 6, 5],
    ]
    const outcomes = scores.flatMap(([program, baseline, followUp], id) => [
      assessment(id, program, 'baseline', { runningPain: baseline }),
      assessment(id, program, 'week_8', { runningPain: followUp }),
    ])
    const { ancova } = compareGroups(outcomes, []).measures.runningPain.followUps.week_8
    expect(ancova.n).toEqual({ P1: 4, P2: 3, P3: 3 })
    expectClose(ancova.value?.f, 63069 / 6110)
    expectClose(ancova.value?.p, 0.01141905556561978)
    expectClose(ancova.value?.adjustedMeans.P2.mean, 592 / 129)
  })

  it('returns reasons, not NaN, wherever a program has too few patients', () => {
    const outcomes = [
      assessment(1, 'P1', 'baseline', { runningPain: 6, runability: 4 }),
      assessment(1, 'P1', 'week_4', { runningPain: 4, runability: 6 }),
      assessment(2, 'P2', 'baseline', { runningPain: 5, runability: 5 }),
    ]
    const result = compareGroups(outcomes, [attendanceOf(1, 'P1', 16)])
    const week4 = result.measures.runningPain.followUps.week_4
    expect(week4.differences[0]).toEqual({ first: 'P1', second: 'P2', nFirst: 1, nSecond: 0, value: null, reason: { code: 'stats_group_too_small', params: { group: 'P1', min: 2, n: 1 }, message: 'P1 has fewer than 2 patients (n = 1)' } })
    expect(week4.anova).toEqual({ n: { P1: 1, P2: 0, P3: 0 }, value: null, reason: { code: 'stats_group_too_small', params: { group: 'P1', min: 2, n: 1 }, message: 'P1 has fewer than 2 patients (n = 1)' } })
    expect(week4.ancova.value).toBeNull()
    expect(allNumbers(result).every(Number.isFinite)).toBe(true)
  })

  it('reports attendance out of 16 supervised sessions and drop-outs per program', () => {
    const result = compareGroups(
      [],
      [attendanceOf(1, 'P1', 16), attendanceOf(2, 'P1', 12), attendanceOf(3, 'P1', 5, true), attendanceOf(4, 'P2', 14)],
    )
    // P1: (16 + 12 + 5)/3 = 11 sessions = 68.75 % of 16; 1 of 3 dropped out
    expect(result.attendance.P1).toEqual({
      n: 3,
      sessionsPlanned: 16,
      meanAttended: 11,
      meanAttendedPercentage: 68.75,
      droppedOut: 1,
      dropOutPercentage: 100 / 3,
    })
    expect(result.attendance.P2).toMatchObject({ n: 1, meanAttended: 14, droppedOut: 0, dropOutPercentage: 0 })
    expect(result.attendance.P3).toMatchObject({ n: 0, meanAttended: null, dropOutPercentage: null })
  })

  it('rejects two assessments of one patient at one time point instead of counting the patient twice', () => {
    const outcomes = [assessment(1, 'P1', 'week_4', { runningPain: 4 }), assessment(1, 'P1', 'week_4', { runningPain: 5 })]
    expect(() => compareGroups(outcomes, [])).toThrow(StatsInputError)
    expect(() => compareGroups(outcomes, [])).toThrow('patient 1 has more than one assessment at week_4')
  })

  it('rejects a pain score of 11 and a patient listed in two programs', () => {
    expect(() => compareGroups([assessment(1, 'P1', 'baseline', { runningPain: 11 })], [])).toThrow(/outside 0–10/)
    const twoPrograms = [assessment(1, 'P1', 'baseline', { runningPain: 5 }), assessment(1, 'P2', 'week_4', { runningPain: 3 })]
    expect(() => compareGroups(twoPrograms, [])).toThrow('patient 1 appears in both P1 and P2')
  })

  it('rejects a second attendance record for one patient and a negative session count', () => {
    expect(() => compareGroups([], [attendanceOf(1, 'P1', 3), attendanceOf(1, 'P1', 4)])).toThrow(StatsInputError)
    expect(() => compareGroups([], [attendanceOf(1, 'P1', -1)])).toThrow(StatsInputError)
  })

  it('finds a repeated patient in attendance records in any order, and accepts distinct patients out of order', () => {
    const records = (ids: number[]) => ids.map((id) => attendanceOf(id, 'P1', 3))
    // In ascending order but for one repeat next to it, far apart after a step back, and far apart after order was lost earlier.
    expect(() => compareGroups([], records([1, 2, 2, 3]))).toThrow('patient 2 has more than one attendance record')
    expect(() => compareGroups([], records([5, 7, 2, 7]))).toThrow('patient 7 has more than one attendance record')
    expect(() => compareGroups([], records([9, 3, 4, 8, 3]))).toThrow('patient 3 has more than one attendance record')
    expect(() => compareGroups([], records([1, 4, 9, 1]))).toThrow('patient 1 has more than one attendance record')
    expect(compareGroups([], records([9, 3, 4, 8, 1])).attendance.P1.n).toBe(5)
    expect(compareGroups([], records([1, 3, 4, 8, 9])).attendance.P1.n).toBe(5)
  })
})

describe('compareCohort (the comparison on columns, as the clinic service calls it)', () => {
  /** Three runners per program with pain at baseline and week 8, and one P3 runner without week 8. */
  const outcomes = (['P1', 'P2', 'P3'] as const).flatMap((program, g) =>
    [0, 1, 2].flatMap((i) => {
      const id = 10 * g + i
      return [
        assessment(id, program, 'baseline', { runningPain: 6 + i, runability: 3 }),
        assessment(id, program, 'week_8', { runningPain: 3 + i - g, runability: 5 + g + i / 2 }),
      ]
    }),
  ).concat([assessment(99, 'P3', 'baseline', { runningPain: 5, runability: 4 })])

  it('gives the figures worked out by hand for the records the columns hold', () => {
    const cohort = cohortFromRecords(outcomes)
    expect(cohort.patientIds).toHaveLength(10)
    const { measures, attendance } = compareCohort(cohort, [])
    const pain = measures.runningPain
    // Baseline pain 6, 7, 8 in P1 and P2: mean 7, SD 1, CI 7 ± qt(0.975, 2)·1/√3 = 7 ± 4.302652729911275/√3.
    expect(pain.scores.P1.baseline).toMatchObject({ n: 3, mean: 7, sd: 1 })
    expectClose(pain.scores.P2.baseline.ci?.[0], 4.515862288156248)
    expectClose(pain.scores.P2.baseline.ci?.[1], 9.484137711843752)
    // P3 also has runner 99 (baseline only): 6, 7, 8, 5 → mean 6.5, SD √(5/3).
    expect(pain.scores.P3.baseline).toMatchObject({ n: 4, mean: 6.5 })
    expectClose(pain.scores.P3.baseline.sd, Math.sqrt(5 / 3))
    expect([pain.scores.P1.week_8.mean, pain.scores.P2.week_8.mean, pain.scores.P3.week_8.mean]).toEqual([4, 3, 2])
    expect(pain.scores.P3.week_8.n).toBe(3)
    expect(pain.scores.P1.week_4.n).toBe(0)
    // Every runner's pain fell by 3 (P1), 4 (P2) or 5 (P3): no spread, so no test, and every runner responds.
    const painWeek8 = pain.followUps.week_8
    expect(painWeek8.change.P2).toEqual({ n: 3, mean: -4, sd: 0, ci: [-4, -4] })
    expect(painWeek8.responders!.P3).toMatchObject({ n: 3, responders: 3, percentage: 100 })
    expect(painWeek8.differences.map((d) => d.value)).toEqual([null, null, null])
    expect(painWeek8.anova.value).toBeNull()

    // Runability rose by 2, 2.5, 3 (P1), 3, 3.5, 4 (P2) and 4, 4.5, 5 (P3): means 2.5, 3.5, 4.5, SD 0.5 each.
    const runability = measures.runability.followUps.week_8
    expect(runability.change.P1).toMatchObject({ n: 3, mean: 2.5, sd: 0.5 })
    expect(runability.change.P3).toMatchObject({ n: 3, mean: 4.5, sd: 0.5 })
    // Welch P1 − P2: difference −1, SE √(0.25/3 + 0.25/3) = 1/√6, t = −√6, df = 4 (equal variances and sizes).
    // With 4 df, P(|T| > t) = 1 − (3/4)·u·(1 − t²/(12·(1 + t²/4))) for u = t/√(1 + t²/4): at t² = 6, 1 − 0.6·√2.4;
    // CI −1 ± qt(0.975, 4)/√6 with qt(0.975, 4) = 2.7764451051977987.
    const [p1p2, p1p3] = runability.differences
    expectClose(p1p2.value?.difference, -1)
    expectClose(p1p2.value?.t, -Math.sqrt(6))
    expectClose(p1p2.value?.df, 4)
    expectClose(p1p2.value?.p, 1 - 0.6 * Math.sqrt(2.4))
    expectClose(p1p2.value?.ci[0], -2.133478967763762)
    expectClose(p1p2.value?.ci[1], 0.13347896776376178)
    // P1 − P3: difference −2, t = −2√6, at t² = 24 the same formula gives 1 − (15/28)·√(24/7).
    expectClose(p1p3.value?.t, -2 * Math.sqrt(6))
    expectClose(p1p3.value?.p, 1 - (15 / 28) * Math.sqrt(24 / 7))
    // ANOVA: between 3·(1² + 0² + 1²) = 6 on 2 df, within 3 × 0.5 = 1.5 on 6 df, F = 3/0.25 = 12;
    // the F(2, 6) upper tail is (1 + 2F/6)^−3 = 5^−3 = 0.008.
    expect(runability.anova.n).toEqual({ P1: 3, P2: 3, P3: 3 })
    expectClose(runability.anova.value?.f, 12)
    expectClose(runability.anova.value?.p, 0.008)
    // Everyone with a week 8 started at runability 3: the ANCOVA cannot tell baseline from program.
    expect(runability.ancova.value).toBeNull()
    expect(attendance.P1).toMatchObject({ n: 0, meanAttended: null })
  })

  it('reads columns filled as the service fills them', () => {
    // Columns filled by hand, as the service fills them from its query: patient-major, NaN = not recorded.
    const byHand = emptyCohort(2)
    byHand.patientIds.splice(0, 2, 7, 8)
    byHand.programs.set([0, 0])
    byHand.scores.runningPain.set([6, Number.NaN, 3, Number.NaN, Number.NaN, 5, Number.NaN, 4, Number.NaN, Number.NaN])
    const pain = compareCohort(byHand, []).measures.runningPain
    expect(pain.scores.P1.baseline).toMatchObject({ n: 2, mean: 5.5 })
    expect(pain.scores.P1.week_8).toMatchObject({ n: 2, mean: 3.5 })
    expect(pain.scores.P1.week_4.n).toBe(0)
    expect(pain.followUps.week_8.change.P1).toMatchObject({ n: 2, mean: -2 })
  })

  it('rejects an unknown program index, a score outside 0–10 and columns of the wrong length, naming the patient', () => {
    const cohort = emptyCohort(1)
    cohort.patientIds[0] = 42
    cohort.programs[0] = 3
    expect(() => compareCohort(cohort, [])).toThrow('patient 42: unknown program index 3')
    cohort.programs[0] = 2
    cohort.scores.runability[1] = 10.5
    expect(() => compareCohort(cohort, [])).toThrow('patient 42, week_4: runability 10.5 is outside 0–10')
    cohort.scores.runability[1] = Number.POSITIVE_INFINITY
    expect(() => compareCohort(cohort, [])).toThrow(StatsInputError)
    cohort.scores.runability = new Float64Array(4)
    expect(() => compareCohort(cohort, [])).toThrow('runability: 4 scores for 1 patients × 5 time points')
  })
})
