import { cohortRows, deliveryRows } from '../../../db/repositories/outcomes'
import { sessionsOfEnrollment } from '../../../db/repositories/sessions'
import type { ComparisonFilter, DeliveryResult, ParsedInputOf, PatientAdherence } from '../contract'
import { fidelityFromTotals, meanOf, patientFidelity } from '../stats/fidelity'
import { runnerAdherence, runnerAttendance } from '../stats/runnerFigures'
import type { ServiceContext } from './context'
import { analysisSetRows, cohortFilter } from './outcomes'
import { assignedEnrollment } from './sessions'
import { PROGRAM_CODES } from '../domain/vocabulary'

/** One runner's adherence (home and supervised) and the fidelity of their supervised sessions, so far. */
export async function patientAdherence(
  ctx: ServiceContext,
  input: ParsedInputOf<'outcomes', 'adherence'>,
): Promise<PatientAdherence> {
  const { assignment, program } = await assignedEnrollment(ctx, ctx.store.db, input.enrollmentId)
  // Voided sessions (entered in error) are left out.
  const sessions = (await sessionsOfEnrollment(ctx.store.db, input.enrollmentId)).filter((s) => s.session.voidedAt === null)
  const facts = sessions.map((s) => s.session)
  const { weeksElapsed, home, supervised } = runnerAdherence(
    facts,
    { startDate: assignment.startDate, homePerWeek: program.homeSessionsPerWeek, supervisedPerWeek: program.supervisedSessionsPerWeek },
    ctx.today(),
  )
  const fidelity = patientFidelity(
    sessions.filter((s) => s.session.kind === 'supervised' && s.session.attended).flatMap((s) => s.exercises.map((e) => e.row)),
  )
  return {
    enrollmentId: input.enrollmentId,
    weeksElapsed,
    home,
    supervised,
    attendance: (({ planned, attended, missed, percent }) => ({ planned, attended, missed, percent }))(runnerAttendance(facts)),
    fidelity: { exercises: fidelity.exercises, asPrescribedPercent: fidelity.asPrescribedPercent, volumePercent: fidelity.volumePercent },
  }
}

/**
 * Adherence and fidelity per program: each runner's percentages, averaged over
 * the runners of the program in the comparison's filter and analysis set.
 */
export async function programDelivery(ctx: ServiceContext, filter: ComparisonFilter): Promise<DeliveryResult> {
  const cohort = cohortFilter(filter)
  const members = analysisSetRows((await cohortRows(ctx.store.db, cohort)).rows, filter.analysisSet)
  const delivery = new Map((await deliveryRows(ctx.store.db, cohort, ctx.today())).map((row) => [row.enrollmentId, row]))
  const percent = (done: number, planned: number) => (planned > 0 ? (100 * done) / planned : null)
  return {
    programs: PROGRAM_CODES.map((programCode) => {
      const rows = members.filter((m) => m.programCode === programCode).flatMap((m) => delivery.get(m.enrollmentId) ?? [])
      const fidelity = rows.map((r) => fidelityFromTotals(r.exercises, r.asPrescribed, r.volumeRatioSum))
      return {
        programCode,
        patients: rows.length,
        homeAdherence: meanOf(rows.map((r) => percent(r.homeDone, r.homePerWeek * r.weeksElapsed))),
        supervisedAdherence: meanOf(rows.map((r) => percent(r.supervisedDone, r.supervisedPerWeek * r.weeksElapsed))),
        fidelityAsPrescribed: meanOf(fidelity.map((f) => f.asPrescribedPercent)),
        fidelityVolume: meanOf(fidelity.map((f) => f.volumePercent)),
      }
    }),
  }
}
