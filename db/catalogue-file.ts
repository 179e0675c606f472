import { z } from 'zod'
import { PROGRAM_CODES } from '../electron/clinic/domain/vocabulary'

/**
 * The format of resources/catalogue/catalogue.json: the programs, exercises and
 * week-by-week dosage that the clinic starts with. Loaded into the database on
 * first start (db/seed.ts); each change of a program's content becomes a new
 * program version, so assigned patients keep the version they started with.
 */

/** A text in every language the sheets and screens are offered in. */
export const localizedText = z.object({ en: z.string().min(1), de: z.string().min(1) })
export type LocalizedText = z.infer<typeof localizedText>

/**
 * Where a catalogue entry comes from: one of the five source articles
 * (docs/clinical-basis.md, "Sources"), or the clinic's own default where the
 * articles give no number or exercise.
 */
export const SOURCES = [
  'trial-article',
  'prevention-article',
  'reverse-running-article',
  'walk-backwards-article',
  'retro-walking-article',
  'clinic-default',
] as const
export const source = z.enum(SOURCES)
export type Source = z.infer<typeof source>

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
  /**
   * Drawings of an easier variant for some weeks (side plank on bent knees in weeks 1–2);
   * the sheet prints the one whose weeks hold the sheet's week, else `illustration`.
   */
  stageIllustrations: z
    .array(
      z.object({
        fromWeek: z.number().int().min(1).max(8),
        toWeek: z.number().int().min(1).max(8),
        illustration: z.string().regex(/^[a-z0-9-]+\.svg$/),
      }),
    )
    .default([]),
  /** Why the exercise is in the catalogue: the article that names it, or clinic default. */
  source,
  /** What the evidence for the exercise concerns, where it is not back pain (retro walking). */
  evidence: localizedText.nullable().default(null),
})
export type CatalogueExercise = z.output<typeof catalogueExercise>

/** The numbers of a dosage range that carry a source of their own. */
export const DOSAGE_NUMBERS = ['sets', 'reps', 'holdSeconds', 'durationSeconds'] as const
export type DosageNumber = (typeof DOSAGE_NUMBERS)[number]

/**
 * Where a dosage range's numbers come from: one source for all of them, or one
 * per number where they differ (retro walking: interval length from an article,
 * number of intervals clinic default).
 */
export const dosageSource = z.union([source, z.partialRecord(z.enum(DOSAGE_NUMBERS), source)])
export type DosageSource = z.infer<typeof dosageSource>

/** The source of one number of a dosage range, or null when the range names none for it. */
export function sourceOfNumber(dosageSource: DosageSource, number: DosageNumber): Source | null {
  return typeof dosageSource === 'string' ? dosageSource : (dosageSource[number] ?? null)
}

/**
 * Where a number of a program version in the database comes from: a catalogue
 * source, or 'clinic-published' for a number the clinic lead changed when
 * publishing the version (shown as "clinic default (published by <user> on <date>)").
 */
export const PUBLISHED_SOURCE = 'clinic-published'
export type NumberSource = Source | typeof PUBLISHED_SOURCE

/** The source of each number of one week's dosage (and of its load in words), as kept with the dosage row. */
export type DosageSources = Partial<Record<DosageNumber | 'load', NumberSource>>

/** The source of each of a program version's own numbers. */
export type ProgramNumberSources = Record<'weeks' | 'supervisedSessionsPerWeek' | 'homeSessionsPerWeek', NumberSource>

/** One dosage range's sources for the numbers it gives; the load in words shares the range's source when there is one for all. */
export function dosageSources(range: CatalogueDosage): DosageSources {
  const sources: DosageSources = {}
  for (const number of presentNumbers(range)) {
    const found = sourceOfNumber(range.source, number)
    if (found) sources[number] = found
  }
  if (range.note && typeof range.source === 'string') sources.load = range.source
  return sources
}

/** The numbers a dosage range gives: always sets, and the one of reps, hold or duration it uses. */
function presentNumbers(d: { repsMin: number | null; holdSeconds: number | null; durationSeconds: number | null }): DosageNumber[] {
  const present: DosageNumber[] = ['sets']
  if (d.repsMin !== null) present.push('reps')
  if (d.holdSeconds !== null) present.push('holdSeconds')
  if (d.durationSeconds !== null) present.push('durationSeconds')
  return present
}

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
    /** Where the numbers and the load note of these weeks come from. */
    source: dosageSource,
  })
  .refine((d) => d.fromWeek <= d.toWeek, { message: 'fromWeek must not be after toWeek' })
  .refine((d) => presentNumbers(d).every((n) => sourceOfNumber(d.source, n) !== null), {
    message: 'every number of a dosage range needs its source',
  })
export type CatalogueDosage = z.infer<typeof catalogueDosage>

export const catalogueProgramExercise = z.object({
  exercise: z.string(),
  /** Offered but not prescribed by default (retro walking in P1). */
  optional: z.boolean().default(false),
  /** Dosage ranges covering weeks 1–8 without gaps or overlaps. */
  dosage: z.array(catalogueDosage).min(1),
})
export type CatalogueProgramExercise = z.infer<typeof catalogueProgramExercise>

export const DAYS_PER_WEEK = 7

/**
 * A program of the catalogue. Home sessions a week default to the days without a
 * supervised session: the trial's runners trained at home on the other days.
 */
export const catalogueProgram = z
  .object({
    code: z.enum(PROGRAM_CODES),
    name: localizedText,
    focus: localizedText,
    weeks: z.literal(8),
    supervisedSessionsPerWeek: z.number().int().min(1).max(DAYS_PER_WEEK),
    /** Left out: every day without a supervised session. */
    homeSessionsPerWeek: z.number().int().min(0).max(DAYS_PER_WEEK).optional(),
    /** Where the program's numbers come from. */
    sources: z.object({ weeks: source, supervisedSessionsPerWeek: source, homeSessionsPerWeek: source }),
    exercises: z.array(catalogueProgramExercise).min(1),
  })
  .transform((p) => ({ ...p, homeSessionsPerWeek: p.homeSessionsPerWeek ?? DAYS_PER_WEEK - p.supervisedSessionsPerWeek }))
export type CatalogueProgram = z.output<typeof catalogueProgram>

export const catalogueFile = z.object({
  exercises: z.array(catalogueExercise).min(1),
  /** Shared by every program (the only part they share): done at the start of every session. */
  warmUp: z.array(catalogueProgramExercise).min(1),
  /** Shared by every program (the only part they share): done at the end of every session. */
  coolDown: z.array(catalogueProgramExercise).min(1),
  programs: z.array(catalogueProgram).length(3),
})
export type CatalogueFile = z.output<typeof catalogueFile>
