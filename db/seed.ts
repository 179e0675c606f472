import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { desc, eq } from 'drizzle-orm'
import { catalogueFile, type CatalogueFile, type CatalogueProgram, type CatalogueProgramExercise } from './catalogue-file'
import type { ClinicStore } from './client'
import { resourcesFolder } from './paths'
import { dosages, exercises, programs, programVersionExercises, programVersions } from './schema'
import { SECTIONS } from '../electron/clinic/domain/vocabulary'

export function readCatalogue(file = join(resourcesFolder(), 'catalogue', 'catalogue.json')): CatalogueFile {
  const parsed = catalogueFile.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) throw new Error(`The program catalogue ${file} is not valid: ${parsed.error.message}`)
  return parsed.data
}

type Section = (typeof SECTIONS)[number]

/** What one program version consists of; its hash tells whether the catalogue changed. */
function programContent(catalogue: CatalogueFile, program: CatalogueProgram) {
  const sections: [Section, CatalogueProgramExercise[]][] = [
    ['warm_up', catalogue.warmUp],
    ['main', program.exercises],
    ['cool_down', catalogue.coolDown],
  ]
  return { program, sections }
}

function expandDosage(entry: CatalogueProgramExercise) {
  return entry.dosage.flatMap((range) =>
    Array.from({ length: range.toWeek - range.fromWeek + 1 }, (_, i) => ({
      week: range.fromWeek + i,
      sets: range.sets,
      repsMin: range.repsMin,
      repsMax: range.repsMax,
      holdSeconds: range.holdSeconds,
      durationSeconds: range.durationSeconds,
      note: range.note,
    })),
  )
}

/**
 * Loads the catalogue into the database: exercises by code (their texts kept
 * current), and for each program a new version whenever its content differs
 * from the latest version. Assignments keep pointing at the version they were
 * made with. Runs in one transaction; returns the versions it created.
 */
export async function seedCatalogue(store: ClinicStore, catalogue: CatalogueFile = readCatalogue()) {
  return store.transaction(async (tx) => {
    const exerciseIds = new Map<string, number>()
    for (const exercise of catalogue.exercises) {
      const [row] = await tx
        .insert(exercises)
        .values({ code: exercise.code, content: exercise })
        .onConflictDoUpdate({ target: exercises.code, set: { content: exercise } })
        .returning({ id: exercises.id })
      exerciseIds.set(exercise.code, row.id)
    }

    const created: { code: string; version: number }[] = []
    for (const program of catalogue.programs) {
      const content = programContent(catalogue, program)
      const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex')
      let [programRow] = await tx.select().from(programs).where(eq(programs.code, program.code))
      if (!programRow) [programRow] = await tx.insert(programs).values({ code: program.code }).returning()
      const [latest] = await tx
        .select()
        .from(programVersions)
        .where(eq(programVersions.programId, programRow.id))
        .orderBy(desc(programVersions.version))
        .limit(1)
      if (latest?.contentHash === hash) continue

      const version = (latest?.version ?? 0) + 1
      const [versionRow] = await tx
        .insert(programVersions)
        .values({
          programId: programRow.id,
          version,
          content: { name: program.name, focus: program.focus },
          weeks: program.weeks,
          supervisedSessionsPerWeek: program.supervisedSessionsPerWeek,
          homeSessionsPerWeek: program.homeSessionsPerWeek,
          contentHash: hash,
        })
        .returning()
      for (const [section, entries] of content.sections) {
        for (const [position, entry] of entries.entries()) {
          const exerciseId = exerciseIds.get(entry.exercise)
          if (exerciseId === undefined) throw new Error(`Program ${program.code} names unknown exercise ${entry.exercise}`)
          const [pve] = await tx
            .insert(programVersionExercises)
            .values({ programVersionId: versionRow.id, exerciseId, section, position, optional: entry.optional })
            .returning({ id: programVersionExercises.id })
          await tx.insert(dosages).values(expandDosage(entry).map((d) => ({ ...d, programVersionExerciseId: pve.id })))
        }
      }
      created.push({ code: program.code, version })
    }
    return created
  })
}
