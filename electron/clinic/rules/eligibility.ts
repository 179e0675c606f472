/**
 * Eligibility defaults from the trial (Cai, Yang & Kong 2017): recreational
 * runners, low back pain for more than 3 months, running 2–5 times a week.
 * Each is a checklist item; the therapist may enroll a runner who does not meet
 * one, with a recorded reason.
 */
export const ELIGIBILITY_CRITERIA = ['recreational_runner', 'low_back_pain_over_3_months', 'runs_2_to_5_per_week'] as const
export type EligibilityCriterion = (typeof ELIGIBILITY_CRITERIA)[number]

/** Runs a week the trial took as the usual range of a recreational runner. */
export const TRIAL_RUNS_PER_WEEK = { min: 2, max: 5 } as const

export interface EligibilityAnswer {
  criterion: EligibilityCriterion
  met: boolean
  overrideReason: string | null
}

export type EligibilityOutcome = 'eligible' | 'eligible_with_override' | 'not_eligible'

export function eligibilityOutcome(answers: readonly EligibilityAnswer[]): EligibilityOutcome {
  const unmet = answers.filter((a) => !a.met)
  if (unmet.length === 0) return 'eligible'
  return unmet.every((a) => (a.overrideReason ?? '').trim().length > 0) ? 'eligible_with_override' : 'not_eligible'
}

/** Suggests the tick for the runs-a-week criterion from the running profile. */
export function runsPerWeekMeetsTrial(runsPerWeek: number): boolean {
  return runsPerWeek >= TRIAL_RUNS_PER_WEEK.min && runsPerWeek <= TRIAL_RUNS_PER_WEEK.max
}
