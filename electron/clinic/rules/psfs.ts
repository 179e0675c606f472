/**
 * Runability, self-rated as in the trial article, in the format of the
 * Patient-Specific Functional Scale (clinic default; docs/clinical-basis.md
 * "Outcomes and time points"): the runner names 3–5 running activities they find
 * hard and rates each from 0 (unable) to 10 (as before the pain); the score is the mean.
 */
export function runabilityOf(ratings: readonly { rating: number }[]): number {
  if (ratings.length === 0) throw new Error('Runability needs at least one activity rating')
  return Math.round((ratings.reduce((sum, r) => sum + r.rating, 0) / ratings.length) * 100) / 100
}
