import { addDaysTo, type LocalDate } from './calendar'
import { PROGRAM_WEEKS, programPhase } from './programWeek'
import { programMayStart } from './redFlags'
import type { PatientStatus, ScreeningOutcome } from '../domain/vocabulary'

/**
 * Where a runner stands, derived from the records rather than stored beside them.
 * No facts: the patient has no enrollment yet (imported from a spreadsheet).
 */
export function patientStatus(
  facts: {
    withdrawnOn: LocalDate | null
    outcome: ScreeningOutcome
    clearedOn: LocalDate | null
    startDate: LocalDate | null
    today: LocalDate
  } | null,
): PatientStatus {
  if (!facts) return 'not_enrolled'
  if (facts.withdrawnOn) return 'withdrawn'
  if (!programMayStart(facts.outcome, facts.clearedOn)) return 'awaiting_clearance'
  if (!facts.startDate) return 'ready'
  return programPhase(facts.startDate, facts.today).phase === 'completed' ? 'completed' : 'active'
}

/**
 * The latest start date whose program has ended by `today` (programPhase's 'completed': past week 8),
 * for reading the status in SQL: a started program is completed when it started on or before this day.
 */
export const lastStartCompletedBy = (today: LocalDate): LocalDate => addDaysTo(today, -PROGRAM_WEEKS * 7)
