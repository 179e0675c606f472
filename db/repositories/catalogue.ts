import { asc, count, desc, eq, inArray, max } from 'drizzle-orm'
import type { CatalogueExercise, DosageSources, LocalizedText, ProgramNumberSources } from '../catalogue-file'
import type { ClinicDb } from '../client'
import type { assignments, dosages, exercises, programs, programVersionExercises, programVersions } from '../schema'
import { tablesOf } from '../tables'
import type { ProgramCode, Section } from '../../electron/clinic/domain/vocabulary'

export interface ProgramVersionRows {
  version: typeof programVersions.$inferSelect & { code: ProgramCode; content: { name: LocalizedText; focus: LocalizedText } }
  exercises: {
    exerciseId: number
    section: Section
    position: number
    optional: boolean
    exercise: CatalogueExercise
    dosage: (typeof dosages.$inferSelect)[]
  }[]
}

export async function latestProgramVersionIds(db: ClinicDb): Promise<Map<string, number>> {
  const { programs, programVersions } = tablesOf(db)
  const rows = await db
    .select({ code: programs.code, id: max(programVersions.id) })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .groupBy(programs.code)
  return new Map(rows.filter((r) => r.id !== null).map((r) => [r.code, r.id as number]))
}

/** Each program version's program code, by version id (a few rows: versions are published by hand). */
export async function programCodesByVersion(db: ClinicDb): Promise<Map<number, ProgramCode>> {
  const { programs, programVersions } = tablesOf(db)
  const rows = await db.select({ id: programVersions.id, code: programs.code }).from(programVersions).innerJoin(programs, eq(programs.id, programVersions.programId))
  return new Map(rows.map((row) => [row.id, row.code as ProgramCode]))
}

export async function programVersionRows(db: ClinicDb, programVersionId: number): Promise<ProgramVersionRows | null> {
  const { exercises, programs, programVersions, programVersionExercises, dosages } = tablesOf(db)
  const [version] = await db
    .select({ row: programVersions, code: programs.code })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(eq(programVersions.id, programVersionId))
  if (!version) return null
  const entries = await db
    .select({ entry: programVersionExercises, exercise: exercises })
    .from(programVersionExercises)
    .innerJoin(exercises, eq(exercises.id, programVersionExercises.exerciseId))
    .where(eq(programVersionExercises.programVersionId, programVersionId))
    .orderBy(asc(programVersionExercises.section), asc(programVersionExercises.position))
  const dosageRows = entries.length
    ? await db
        .select()
        .from(dosages)
        .where(inArray(dosages.programVersionExerciseId, entries.map((e) => e.entry.id)))
        .orderBy(asc(dosages.week))
    : []
  return {
    version: {
      ...version.row,
      code: version.code,
      content: version.row.content as { name: LocalizedText; focus: LocalizedText },
    },
    exercises: entries.map(({ entry, exercise }) => ({
      exerciseId: entry.exerciseId,
      section: entry.section,
      position: entry.position,
      optional: entry.optional,
      exercise: exercise.content as CatalogueExercise,
      dosage: dosageRows.filter((d) => d.programVersionExerciseId === entry.id),
    })),
  }
}

export async function exerciseIdsByCode(db: ClinicDb): Promise<Map<string, number>> {
  const { exercises } = tablesOf(db)
  const rows = await db.select({ id: exercises.id, code: exercises.code }).from(exercises)
  return new Map(rows.map((r) => [r.code, r.id]))
}

/** Every version of every program, newest first within a program, with the runners assigned to each. */
export async function programVersionList(db: ClinicDb) {
  const { programs, programVersions, assignments } = tablesOf(db)
  const assigned = db
    .select({ programVersionId: assignments.programVersionId, runners: count().as('runners') })
    .from(assignments)
    .groupBy(assignments.programVersionId)
    .as('assigned')
  return db
    .select({ row: programVersions, code: programs.code, runners: assigned.runners })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .leftJoin(assigned, eq(assigned.programVersionId, programVersions.id))
    .orderBy(asc(programs.code), desc(programVersions.version))
}

/** The version number of a program version by id (for "copied from version N"). */
export async function versionNumberOf(db: ClinicDb, programVersionId: number): Promise<number | null> {
  const { programVersions } = tablesOf(db)
  const [row] = await db.select({ version: programVersions.version }).from(programVersions).where(eq(programVersions.id, programVersionId))
  return row?.version ?? null
}

/** A program version as the clinic lead publishes it: the copied version's exercises with the dosage as it is to be. */
export interface PublishedVersion {
  programId: number
  version: number
  content: unknown
  weeks: number
  supervisedSessionsPerWeek: number
  homeSessionsPerWeek: number
  contentHash: string
  basedOnVersionId: number
  publishedBy: string
  publishedAt: string
  publicationNote: string
  sources: ProgramNumberSources | null
  exercises: {
    exerciseId: number
    section: Section
    position: number
    optional: boolean
    dosage: {
      week: number
      sets: number
      repsMin: number | null
      repsMax: number | null
      holdSeconds: number | null
      durationSeconds: number | null
      note: LocalizedText | null
      source: DosageSources | null
    }[]
  }[]
}

/** Writes a published program version with its exercises and dosage (inside the caller's transaction); returns its id. */
export async function insertPublishedVersion(tx: ClinicDb, published: PublishedVersion): Promise<number> {
  const { exercises, programVersions, programVersionExercises, dosages } = tablesOf(tx)
  const { exercises: entries, ...version } = published
  const [row] = await tx
    .insert(programVersions)
    .values({ ...version, origin: 'clinic' })
    .returning({ id: programVersions.id })
  for (const entry of entries) {
    const [pve] = await tx
      .insert(programVersionExercises)
      .values({ programVersionId: row.id, exerciseId: entry.exerciseId, section: entry.section, position: entry.position, optional: entry.optional })
      .returning({ id: programVersionExercises.id })
    await tx.insert(dosages).values(entry.dosage.map((d) => ({ ...d, programVersionExerciseId: pve.id })))
  }
  return row.id
}

/** The program id and latest version number of a program version's program. */
export async function latestVersionOfProgram(db: ClinicDb, programId: number) {
  const { programVersions } = tablesOf(db)
  const [row] = await db
    .select({ id: programVersions.id, version: programVersions.version })
    .from(programVersions)
    .where(eq(programVersions.programId, programId))
    .orderBy(desc(programVersions.version))
    .limit(1)
  return row ?? null
}
