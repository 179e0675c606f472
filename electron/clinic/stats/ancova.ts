import type { PairedScores } from './change'
import { tooSmallGroup } from './compare'
import { coded } from '../contract/messages'
import { fUpperTail } from './distributions'
import { solveLinearSystem } from './leastSquares'
import type { AdjustedMean, AncovaTest, Computed } from './types'

/** Below this share of the total sum of squares the residual is rounding, not variation. */
const EXACT_FIT_TOLERANCE = 1e-12

/**
 * ANCOVA: follow-up ~ group + baseline, by ordinary least squares. The F for
 * group compares the full model with the model holding baseline only (the
 * type II test for group, as R's `anova(lm(f ~ b), lm(f ~ g + b))`). Adjusted
 * means are the model's follow-up for each group at the mean baseline of all
 * patients in the model (as R's emmeans). Baseline is centred before fitting.
 *
 * Both models' normal equations XᵀX b = Xᵀy are built from per-group sums (the
 * design is an intercept, one indicator per group after the first, and the
 * centred baseline), and the residual sums of squares from a pass over the
 * patients: no design matrix is built for thousands of patients.
 */
export function ancova<K extends string>(groups: Readonly<Record<K, PairedScores>>): Computed<AncovaTest<K>> {
  const names = Object.keys(groups) as K[]
  if (names.length < 2) return { value: null, reason: coded('stats_two_groups') }
  const small = tooSmallGroup(Object.fromEntries(names.map((name) => [name, groups[name].followUp.length])))
  if (small) return { value: null, reason: small }
  const columns = names.map((name) => groups[name])

  let n = 0
  let baselineSum = 0
  let followUpSum = 0
  for (const { baseline, followUp } of columns) {
    n += followUp.length
    for (let i = 0; i < followUp.length; i++) {
      baselineSum += baseline[i]
      followUpSum += followUp[i]
    }
  }
  const meanBaseline = baselineSum / n
  const meanFollowUp = followUpSum / n

  // Per group, with x = baseline − meanBaseline and y = follow-up: Σx, Σy, Σx², Σxy; and Σ(y − ȳ)² over all.
  let total = 0
  const sums = columns.map(({ baseline, followUp }) => {
    const group = { count: followUp.length, x: 0, y: 0, xx: 0, xy: 0 }
    for (let i = 0; i < followUp.length; i++) {
      const x = baseline[i] - meanBaseline
      group.x += x
      group.y += followUp[i]
      group.xx += x * x
      group.xy += x * followUp[i]
      total += (followUp[i] - meanFollowUp) ** 2
    }
    return group
  })
  const all = sums.reduce((a, g) => ({ count: a.count + g.count, x: a.x + g.x, y: a.y + g.y, xx: a.xx + g.xx, xy: a.xy + g.xy }))

  // Full model: intercept, indicators of groups 1…k−1, centred baseline.
  const k = names.length
  const width = k + 1
  const normal = Array.from({ length: width }, () => new Array<number>(width).fill(0))
  const moment = new Array<number>(width).fill(0)
  normal[0][0] = all.count
  normal[0][k] = normal[k][0] = all.x
  normal[k][k] = all.xx
  moment[0] = all.y
  moment[k] = all.xy
  for (let g = 1; g < k; g++) {
    normal[0][g] = normal[g][0] = normal[g][g] = sums[g].count
    normal[g][k] = normal[k][g] = sums[g].x
    moment[g] = sums[g].y
  }
  const full = solveLinearSystem(normal, moment)
  const reduced = solveLinearSystem([[all.count, all.x], [all.x, all.xx]], [all.y, all.xy])
  if (!full || !reduced) return { value: null, reason: coded('stats_baseline_constant') }

  const [intercept, ...rest] = full
  const baselineSlope = full[k]
  let fullResidual = 0
  let reducedResidual = 0
  columns.forEach(({ baseline, followUp }, g) => {
    const level = intercept + (g === 0 ? 0 : rest[g - 1])
    for (let i = 0; i < followUp.length; i++) {
      const x = baseline[i] - meanBaseline
      fullResidual += (followUp[i] - level - baselineSlope * x) ** 2
      reducedResidual += (followUp[i] - reduced[0] - reduced[1] * x) ** 2
    }
  })

  if (fullResidual <= EXACT_FIT_TOLERANCE * total || total === 0) {
    return { value: null, reason: coded('stats_exact_fit') }
  }
  const df1 = k - 1
  // With every group at MIN_GROUP_SIZE or more, df2 = N − k − 1 ≥ k − 1 ≥ 1.
  const df2 = n - k - 1
  // The full model nests the reduced one, so the difference is ≥ 0 up to rounding.
  const explained = Math.max(0, reducedResidual - fullResidual)
  const f = explained / df1 / (fullResidual / df2)

  const adjustedMeans = {} as Record<K, AdjustedMean>
  names.forEach((name, g) => {
    adjustedMeans[name] = { n: columns[g].followUp.length, mean: intercept + (g === 0 ? 0 : rest[g - 1]) }
  })
  return { value: { f, df1, df2, p: fUpperTail(f, df1, df2), baselineSlope, meanBaseline, adjustedMeans }, reason: null }
}
