import type { ScreeningOutcome } from '../domain/vocabulary'

/**
 * Red-flag screen before any exercise, after the standard low back pain lists
 * (AHCPR guideline, Table 2; docs/clinical-basis.md "Red-flag screening"). Any
 * flag present: advise a doctor's visit and keep the program from starting until a
 * clearance is recorded. Cauda equina signs: a doctor immediately.
 */
export const RED_FLAG_GROUPS = {
  cauda_equina: [
    'saddle_numbness',
    'bladder_bowel_change',
    'bilateral_leg_weakness_numbness',
    'progressive_neurological_deficit',
    'foot_drop',
  ],
  fracture: ['major_trauma', 'minor_trauma_older_or_osteoporotic'],
  tumour_or_infection: [
    'age_over_50_or_under_20_new_pain',
    'history_of_cancer',
    'fever_or_chills',
    'unexplained_weight_loss',
    'immune_suppression',
    'severe_night_pain_or_worse_lying_down',
  ],
  nerve_root: ['radiating_leg_pain_with_numbness'],
  surgery: ['recent_back_surgery'],
} as const

export type RedFlagGroup = keyof typeof RED_FLAG_GROUPS
export type RedFlag = (typeof RED_FLAG_GROUPS)[RedFlagGroup][number]

export const RED_FLAGS = Object.values(RED_FLAG_GROUPS).flat() as RedFlag[]


export function redFlagGroup(flag: RedFlag): RedFlagGroup {
  for (const [group, flags] of Object.entries(RED_FLAG_GROUPS) as [RedFlagGroup, readonly RedFlag[]][]) {
    if (flags.includes(flag)) return group
  }
  throw new Error(`Unknown red flag ${flag}`)
}

/** The outcome of a screen: same-day referral if any cauda equina sign, referral for any other flag. */
export function screeningOutcome(answers: Partial<Record<RedFlag, boolean>>): ScreeningOutcome {
  const present = RED_FLAGS.filter((flag) => answers[flag] === true)
  if (present.some((flag) => redFlagGroup(flag) === 'cauda_equina')) return 'refer_same_day'
  return present.length > 0 ? 'refer' : 'clear'
}

/** A program may start when the screen was clear, or a physician's clearance has been recorded. */
export function programMayStart(outcome: ScreeningOutcome, clearedOn: string | null): boolean {
  return outcome === 'clear' || clearedOn !== null
}
