import { z } from 'zod'

/**
 * The format of resources/catalogue/catalogue.json: the programs, exercises and
 * week-by-week dosage that the clinic starts with. Loaded into the database on
 * first start (db/seed.ts); each change of a program's content becomes a new
 * program version, so assigned patients keep the version they started with.
 */

export const LANGUAGES = ['en', 'de'] as const
export type Language = (typeof LANGUAGES)[number]

/** A text in every language the sheets and screens are offered in. */
export const localizedText = z.object({ en: z.string().min(1), de: z.string().min(1) })
export type LocalizedText = z.infer<typeof localizedText>

export const EXERCISE_KINDS = ['strength', 'hold', 'balance', 'interval', 'mobility'] as const
export const EXERCISE_SETTINGS = ['clinic', 'home', 'both'] as const

export const catalogueExercise = z.object({
  /** Stable identifier, kebab-case, also the illustration's file name without .svg */
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: localizedText,
  kind: z.enum(EXERCISE_KINDS),
  /** Where the exercise can be done: at the clinic only (machines), at home, or both. */
  setting: z.enum(EXERCISE_SETTINGS),
  /** One or two sentences: starting position and movement. */
  description: localizedText,
  /** Two or three key cues for the runner. */
  cues: z.array(localizedText).min(2).max(3),
  /** How to make it harder once it feels easy. */
  progression: localizedText,
  /** Safety notes a runner must read before doing it alone (e.g. retro walking). */
  safetyNotes: z.array(localizedText).default([]),
  /** File name under resources/illustrations/ */
  illustration: z.string().regex(/^[a-z0-9-]+\.svg$/),
})
export type CatalogueExercise = z.infer<typeof catalogueExercise>

/** Dosage for a range of weeks (inclusive). Exactly one of reps, holdSeconds, durationSeconds describes one set. */
export const catalogueDosage = z
  .object({
    fromWeek: z.number().int().min(1).max(8),
    toWeek: z.number().int().min(1).max(8),
    sets: z.number().int().min(1).max(10),
    repsMin: z.number().int().min(1).max(100).nullable().default(null),
    repsMax: z.number().int().min(1).max(100).nullable().default(null),
    holdSeconds: z.number().int().min(1).max(600).nullable().default(null),
    durationSeconds: z.number().int().min(1).max(3600).nullable().default(null),
    /** Load or intensity in words: "moderate load", "slight incline (2 %)". */
    note: localizedText.nullable().default(null),
  })
  .refine((d) => d.fromWeek <= d.toWeek, { message: 'fromWeek must not be after toWeek' })
export type CatalogueDosage = z.infer<typeof catalogueDosage>

export const catalogueProgramExercise = z.object({
  exercise: z.string(),
  /** Offered but not prescribed by default (retro walking in P1). */
  optional: z.boolean().default(false),
  /** Dosage ranges covering weeks 1–8 without gaps or overlaps. */
  dosage: z.array(catalogueDosage).min(1),
})
export type CatalogueProgramExercise = z.infer<typeof catalogueProgramExercise>

export const catalogueProgram = z.object({
  code: z.enum(['P1', 'P2', 'P3']),
  name: localizedText,
  focus: localizedText,
  weeks: z.literal(8),
  supervisedSessionsPerWeek: z.number().int().min(1).max(7),
  homeSessionsPerWeek: z.number().int().min(0).max(7),
  exercises: z.array(catalogueProgramExercise).min(1),
})
export type CatalogueProgram = z.infer<typeof catalogueProgram>

export const catalogueFile = z.object({
  exercises: z.array(catalogueExercise).min(1),
  /** Shared by every program: done at the start of every session. */
  warmUp: z.array(catalogueProgramExercise).min(1),
  /** Shared by every program: done at the end of every session. */
  coolDown: z.array(catalogueProgramExercise).min(1),
  programs: z.array(catalogueProgram).length(3),
})
export type CatalogueFile = z.infer<typeof catalogueFile>
