import { patientRecordRows } from '../../../db/repositories/enrollments'
import type { ExerciseView, HomeSheet, ParsedInputOf, ProgramExerciseView, SheetExercise } from '../contract'
import { notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import { dosageWeek } from '../rules/programWeek'
import type { ServiceContext } from './context'
import { clinicDetails, runningAdviceOf } from './settings'
import type { Language } from '../domain/vocabulary'

/** The drawing of the variant the week prescribes: an easier variant's drawing in its weeks, else the exercise's own. */
export function illustrationForWeek(exercise: ExerciseView, week: number): string {
  return exercise.stageIllustrations.find((s) => week >= s.fromWeek && week <= s.toWeek)?.illustration ?? exercise.illustration
}

/**
 * A runner's home-exercise sheet for one program week: the exercises that can be
 * done without the clinic's machines (setting home or both; optional ones only
 * when switched on for this runner), with that week's dosage, in the sheet language.
 */
export async function homeSheet(ctx: ServiceContext, input: ParsedInputOf<'sheets', 'home'>): Promise<HomeSheet> {
  const rows = await patientRecordRows(ctx.store.db, input.patientId)
  if (!rows) throw notFound(coded('patient_not_found'), 'patientId')
  if (!rows.assignment) throw ruleBroken(coded('program_needed_for_sheet'), 'patientId')
  const program = await ctx.catalogue.version(rows.assignment.programVersionId)
  const today = ctx.today()
  const week = input.week ?? dosageWeek(rows.assignment.startDate, today)
  const language: Language = input.language ?? rows.patient.preferredLanguage
  const optional = rows.assignment.optionalExercises
  const atHome = program.exercises.filter(
    (entry) => entry.exercise.setting !== 'clinic' && (!entry.optional || optional.includes(entry.exercise.code)),
  )
  const sheetExercise = (entry: ProgramExerciseView): SheetExercise => {
    const dosage = entry.dosage.find((d) => d.week === week)
    if (!dosage) throw new Error(`No week ${week} dosage for ${entry.exercise.code}`)
    const { exercise } = entry
    return {
      code: exercise.code,
      name: exercise.name[language],
      description: exercise.description[language],
      cues: exercise.cues.map((cue) => cue[language]),
      progression: exercise.progression[language],
      safetyNotes: exercise.safetyNotes.map((note) => note[language]),
      illustration: illustrationForWeek(exercise, week),
      evidence: exercise.evidence?.[language] ?? null,
      dosage,
    }
  }
  const section = (name: ProgramExerciseView['section']) => atHome.filter((e) => e.section === name).map(sheetExercise)
  return {
    clinic: await clinicDetails(ctx),
    patient: { clinicId: rows.patient.clinicId, firstName: rows.patient.firstName, lastName: rows.patient.lastName },
    program: { code: program.code, version: program.version, name: program.name[language] },
    week,
    weeks: program.weeks,
    language,
    printedOn: today,
    therapist: ctx.actorName,
    homeSessionsPerWeek: program.homeSessionsPerWeek,
    runningAdvice: await runningAdviceOf(ctx.store.db, rows.enrollment.runningAdvice),
    warmUp: section('warm_up'),
    exercises: section('main'),
    coolDown: section('cool_down'),
  }
}
