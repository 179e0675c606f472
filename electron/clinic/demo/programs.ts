import type { CatalogueFile, CatalogueProgramExercise } from '../../../db/catalogue-file'
import type { SessionExercisePlan } from '../../../db/repositories/cohortWriter'
import type { Random } from './random'
import type { ProgramCode } from '../domain/vocabulary'

/** A week's dosage of one exercise, as the catalogue and the clinic API give it. */
export interface DemoDosage {
  week: number
  sets: number
  repsMin: number | null
  repsMax: number | null
  holdSeconds: number | null
  durationSeconds: number | null
}

/**
 * What the generator needs of a program version: its home sessions a week and
 * its exercises in session order with a dosage for each week. The clinic API's
 * ProgramVersionView (`catalogue/programs`) has this shape, so the demo follows
 * the database's current versions; `programsFromCatalogue` gives the same from
 * the catalogue file.
 */
export interface DemoProgram {
  code: ProgramCode
  /** Home sessions planned a week, on the days without a supervised session. */
  homeSessionsPerWeek: number
  exercises: readonly {
    exercise: { code: string; kind: string; setting: string }
    optional: boolean
    dosage: readonly DemoDosage[]
  }[]
}

/** The catalogue file's programs: warm-up, main part and cool-down, dosage ranges expanded to weeks. */
export function programsFromCatalogue(catalogue: CatalogueFile): DemoProgram[] {
  const exercises = new Map(catalogue.exercises.map((e) => [e.code, e]))
  const entry = (e: CatalogueProgramExercise) => {
    const exercise = exercises.get(e.exercise)
    if (!exercise) throw new Error(`The catalogue names unknown exercise ${e.exercise}`)
    return {
      exercise: { code: exercise.code, kind: exercise.kind, setting: exercise.setting },
      optional: e.optional,
      dosage: e.dosage.flatMap((range) =>
        Array.from({ length: range.toWeek - range.fromWeek + 1 }, (_, i) => ({
          week: range.fromWeek + i,
          sets: range.sets,
          repsMin: range.repsMin,
          repsMax: range.repsMax,
          holdSeconds: range.holdSeconds,
          durationSeconds: range.durationSeconds,
        })),
      ),
    }
  }
  return catalogue.programs.map((program) => ({
    code: program.code,
    homeSessionsPerWeek: program.homeSessionsPerWeek,
    exercises: [...catalogue.warmUp, ...program.exercises, ...catalogue.coolDown].map(entry),
  }))
}

/** Optional exercises a therapist may switch on per program (retro walking in P1). */
export const optionalExerciseCodes = (program: DemoProgram): string[] =>
  program.exercises.filter((e) => e.optional).map((e) => e.exercise.code)

/**
 * Starting load on clinic machines for an average runner, kg (the catalogue
 * describes load in words only). Loads rise about 6 % a week with the dosage.
 */
const MACHINE_START_LOAD_KG: Record<string, number> = { 'leg-press': 70, 'back-extension-roman-chair': 5 }
const DEFAULT_MACHINE_LOAD_KG = 20
const LOAD_RISE_PER_WEEK = 0.06

/**
 * The week's prescribed exercises as one attended session records them: the
 * prescription copied from the dosage, and what was done, mostly as prescribed
 * with now and then a set or a few seconds short.
 */
export function performedExercises(
  rng: Random,
  program: DemoProgram,
  week: number,
  optionalExercises: readonly string[],
  strength: number,
): SessionExercisePlan[] {
  return program.exercises
    .filter((entry) => !entry.optional || optionalExercises.includes(entry.exercise.code))
    .map(({ exercise, dosage: weeks }) => {
      const dosage = weeks.find((d) => d.week === week)
      if (!dosage) throw new Error(`Program ${program.code} has no week ${week} dosage for ${exercise.code}`)
      const onMachine = exercise.setting === 'clinic' && exercise.kind === 'strength'
      const load = (MACHINE_START_LOAD_KG[exercise.code] ?? DEFAULT_MACHINE_LOAD_KG) * strength * (1 + LOAD_RISE_PER_WEEK * (week - 1))
      return {
        exerciseCode: exercise.code,
        prescribedSets: dosage.sets,
        prescribedRepsMin: dosage.repsMin,
        prescribedRepsMax: dosage.repsMax,
        prescribedHoldSeconds: dosage.holdSeconds,
        prescribedDurationSeconds: dosage.durationSeconds,
        doneSets: Math.max(1, dosage.sets - (rng.chance(0.1) ? 1 : 0)),
        doneReps: dosage.repsMin === null ? null : rng.int(dosage.repsMin, dosage.repsMax ?? dosage.repsMin),
        doneLoadKg: onMachine ? Math.round(load / 2.5) * 2.5 : null,
        doneHoldSeconds: dosage.holdSeconds === null ? null : Math.max(5, dosage.holdSeconds - (rng.chance(0.15) ? 5 : 0)),
        doneDurationSeconds: dosage.durationSeconds,
        notDone: false,
        notDoneReason: null,
      }
    })
}
