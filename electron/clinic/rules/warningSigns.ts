import type { RedFlag } from './redFlags'

/**
 * The warning signs a runner watches for during the program, each with what to do
 * (docs/clinical-basis.md, "Warning signs during the program"). One definition for
 * the home-exercise sheet, the enrollment screen and the patient page; the words
 * are in src/i18n/sheet (`warningSigns`), in the runner's language.
 *
 * - immediately: emergency care now (signs of cauda equina, new leg weakness);
 * - doctor_soon: see a doctor within the next few days;
 * - tell_therapist: at the next session, or by phone before it.
 */
export const WARNING_SIGN_ACTIONS = ['immediately', 'doctor_soon', 'tell_therapist'] as const
export type WarningSignAction = (typeof WARNING_SIGN_ACTIONS)[number]

export interface WarningSign {
  sign: string
  action: WarningSignAction
  /** The enrollment screen's red flags this sign is the runner's version of. */
  redFlags: readonly RedFlag[]
}

export const WARNING_SIGNS = [
  { sign: 'saddle_numbness', action: 'immediately', redFlags: ['saddle_numbness'] },
  { sign: 'bladder_bowel', action: 'immediately', redFlags: ['bladder_bowel_change'] },
  { sign: 'both_legs', action: 'immediately', redFlags: ['bilateral_leg_weakness_numbness'] },
  { sign: 'leg_weakness', action: 'immediately', redFlags: ['foot_drop', 'progressive_neurological_deficit'] },
  { sign: 'radiating_pain', action: 'doctor_soon', redFlags: ['radiating_leg_pain_with_numbness'] },
  { sign: 'leg_numbness', action: 'doctor_soon', redFlags: ['radiating_leg_pain_with_numbness'] },
  { sign: 'fever', action: 'doctor_soon', redFlags: ['fever_or_chills'] },
  { sign: 'weight_loss', action: 'doctor_soon', redFlags: ['unexplained_weight_loss'] },
  { sign: 'night_pain', action: 'doctor_soon', redFlags: ['severe_night_pain_or_worse_lying_down'] },
  /** The prevention article's ten-day rule. */
  { sign: 'ten_days', action: 'doctor_soon', redFlags: [] },
  { sign: 'worse_after_exercise', action: 'tell_therapist', redFlags: [] },
] as const satisfies readonly WarningSign[]

export type WarningSignCode = (typeof WARNING_SIGNS)[number]['sign']

/**
 * Red flags asked at enrollment that describe the runner's history rather than a sign
 * that may appear during the program. Recent back surgery is covered by the advice
 * printed beside the signs: see a doctor before running again after an operation.
 */
export const HISTORY_RED_FLAGS = [
  'major_trauma',
  'minor_trauma_older_or_osteoporotic',
  'age_over_50_or_under_20_new_pain',
  'history_of_cancer',
  'immune_suppression',
  'recent_back_surgery',
] as const satisfies readonly RedFlag[]
