import { asc, eq, inArray, max } from 'drizzle-orm'
import type { CatalogueExercise, LocalizedText } from '../catalogue-file'
import type { ClinicDb } from '../client'
import { dosages, exercises, programs, programVersionExercises, programVersions } from '../schema'
import type { ProgramCode, Section } from '../../electron/clinic/domain/vocabulary'

export interface ProgramVersionRows {
  version: typeof programVersions.$inferSelect & { code: ProgramCode; content: { name: LocalizedText; focus: LocalizedText } }
  exercises: {
    section: Section
    position: number
    optional: boolean
    exercise: CatalogueExercise
    dosage: (typeof dosages.$inferSelect)[]
  }[]
}

export async function latestProgramVersionIds(db: ClinicDb): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: programs.code, id: max(programVersions.id) })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .groupBy(programs.code)
  return new Map(rows.filter((r) => r.id !== null).map((r) => [r.code, r.id as number]))
}

export async function programVersionRows(db: ClinicDb, programVersionId: number): Promise<ProgramVersionRows | null> {
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
      section: entry.section,
      position: entry.position,
      optional: entry.optional,
      exercise: exercise.content as CatalogueExercise,
      dosage: dosageRows.filter((d) => d.programVersionExerciseId === entry.id),
    })),
  }
}

export async function exerciseIdsByCode(db: ClinicDb): Promise<Map<string, number>> {
  const rows = await db.select({ id: exercises.id, code: exercises.code }).from(exercises)
  return new Map(rows.map((r) => [r.code, r.id]))
}
