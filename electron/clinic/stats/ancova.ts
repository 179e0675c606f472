import type { ScorePair } from './change'
import { tooSmallGroup } from './compare'
import { mean } from './describe'
import { fUpperTail } from './distributions'
import { fitLeastSquares } from './leastSquares'
import type { AdjustedMean, AncovaTest, Computed } from './types'

/** Below this share of the total sum of squares the residual is rounding, not variation. */
const EXACT_FIT_TOLERANCE = 1e-12

/**
 * ANCOVA: follow-up ~ group + baseline, by ordinary least squares. The F for
 * group compares the full model with the model holding baseline only (the
 * type II test for group, as R's `anova(lm(f ~ b), lm(f ~ g + b))`). Adjusted
 * means are the model's follow-up for each group at the mean baseline of all
 * patients in the model (as R's emmeans). Baseline is centred before fitting.
 */
export function ancova<K extends string>(groups: Readonly<Record<K, readonly ScorePair[]>>): Computed<AncovaTest<K>> {
  const names = Object.keys(groups) as K[]
  if (names.length < 2) return { value: null, reason: 'needs at least two groups' }
  const small = tooSmallGroup(groups)
  if (small) return { value: null, reason: small }

  // Flat columns instead of an object per patient: the comparison runs this on thousands of patients.
  const group: number[] = []
  const baselines: number[] = []
  const followUps: number[] = []
  names.forEach((name, g) => {
    for (const pair of groups[name]) {
      group.push(g)
      baselines.push(pair.baseline)
      followUps.push(pair.followUp)
    }
  })
  const n = followUps.length
  const df1 = names.length - 1
  // With every group at MIN_GROUP_SIZE or more, df2 = N − k − 1 ≥ k − 1 ≥ 1.
  const df2 = n - names.length - 1

  const meanBaseline = mean(baselines)
  const width = names.length + 1
  // Full model: intercept, one indicator per group after the first, centred baseline.
  const full = fitLeastSquares(
    n,
    width,
    (r, x) => {
      x.fill(0)
      x[0] = 1
      if (group[r] > 0) x[group[r]] = 1
      x[width - 1] = baselines[r] - meanBaseline
    },
    (r) => followUps[r],
  )
  const reduced = fitLeastSquares(
    n,
    2,
    (r, x) => {
      x[0] = 1
      x[1] = baselines[r] - meanBaseline
    },
    (r) => followUps[r],
  )
  if (!full || !reduced) return { value: null, reason: 'baseline does not vary within the groups, so group and baseline cannot be separated' }

  const meanFollowUp = mean(followUps)
  const total = followUps.reduce((sum, y) => sum + (y - meanFollowUp) ** 2, 0)
  if (full.residualSumOfSquares <= EXACT_FIT_TOLERANCE * total || total === 0) {
    return { value: null, reason: 'group and baseline predict every follow-up exactly; no residual variation to test against' }
  }
  // The full model nests the reduced one, so the difference is ≥ 0 up to rounding.
  const explained = Math.max(0, reduced.residualSumOfSquares - full.residualSumOfSquares)
  const f = explained / df1 / (full.residualSumOfSquares / df2)

  const [intercept, ...rest] = full.coefficients
  const baselineSlope = rest[rest.length - 1]
  const adjustedMeans = {} as Record<K, AdjustedMean>
  names.forEach((name, g) => {
    adjustedMeans[name] = { n: groups[name].length, mean: intercept + (g === 0 ? 0 : rest[g - 1]) }
  })
  return { value: { f, df1, df2, p: fUpperTail(f, df1, df2), baselineSlope, meanBaseline, adjustedMeans }, reason: null }
}
