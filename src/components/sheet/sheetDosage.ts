import type { Dosage } from '@clinic/contract'
import type { SheetText } from '../../i18n/sheet'

/** An interval's length in words: 150 s reads "2 min 30 s". */
export function durationText(seconds: number, text: SheetText): string {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  if (minutes === 0) return text.t('dosage.seconds', { seconds })
  if (rest === 0) return text.t('dosage.minutes', { minutes })
  return text.t('dosage.minutesSeconds', { minutes, seconds: rest })
}

/** A week's dosage as the runner reads it: "3 × 10 repetitions", "3 × hold 40 s", "3 intervals of 3 min". */
export function dosageText(dosage: Dosage, text: SheetText): string {
  const { sets } = dosage
  if (dosage.durationSeconds !== null) return text.t('dosage.duration', { sets, duration: durationText(dosage.durationSeconds, text) }, sets)
  if (dosage.holdSeconds !== null) return text.t('dosage.hold', { sets, hold: dosage.holdSeconds }, sets)
  const reps = dosage.repsMax === null || dosage.repsMax === dosage.repsMin ? `${dosage.repsMin}` : `${dosage.repsMin}–${dosage.repsMax}`
  return text.t('dosage.reps', { sets, reps }, sets)
}

/** The week's load note in the sheet language, if the dosage table has one. */
export const dosageNote = (dosage: Dosage, text: SheetText): string | null => dosage.note?.[text.language] ?? null
