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

  const patients = names.flatMap((name, g) => groups[name].map((pair) => ({ g, ...pair })))
  const df1 = names.length - 1
  // With every group at MIN_GROUP_SIZE or more, df2 = N − k − 1 ≥ k − 1 ≥ 1.
  const df2 = patients.length - names.length - 1

  const meanBaseline = mean(patients.map((p) => p.baseline))
  const followUps = patients.map((p) => p.followUp)
  const groupColumns = (g: number) => names.slice(1).map((_, column) => (g === column + 1 ? 1 : 0))
  const full = fitLeastSquares(patients.map((p) => [1, ...groupColumns(p.g), p.baseline - meanBaseline]), followUps)
  const reduced = fitLeastSquares(patients.map((p) => [1, p.baseline - meanBaseline]), followUps)
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
