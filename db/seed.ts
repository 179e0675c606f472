import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { catalogueFile, dosageSources, type CatalogueFile, type CatalogueProgram, type CatalogueProgramExercise } from './catalogue-file'
import type { ClinicStore } from './client'
import { resourcesFolder } from './paths'
import type { programVersions } from './schema'
import { tablesOf } from './tables'
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
      source: dosageSources(range),
    })),
  )
}

/**
 * Versions loaded before the database kept sources get them from the file they
 * were loaded from (same hash, so the same content), once: rows are matched by
 * section, position and week.
 */
async function fillMissingSources(
  tx: ClinicStore['db'],
  versionRow: typeof programVersions.$inferSelect,
  content: ReturnType<typeof programContent>,
) {
  const { programVersions, programVersionExercises, dosages } = tablesOf(tx)
  if (versionRow.sources === null) {
    await tx.update(programVersions).set({ sources: content.program.sources }).where(eq(programVersions.id, versionRow.id))
  }
  const entries = await tx.select().from(programVersionExercises).where(eq(programVersionExercises.programVersionId, versionRow.id))
  for (const entry of entries) {
    const file = content.sections.find(([section]) => section === entry.section)?.[1][entry.position]
    if (!file) continue
    for (const week of expandDosage(file)) {
      await tx
        .update(dosages)
        .set({ source: week.source })
        .where(and(eq(dosages.programVersionExerciseId, entry.id), eq(dosages.week, week.week), isNull(dosages.source)))
    }
  }
}

/**
 * Loads the catalogue into the database: exercises by code (their texts kept
 * current), and for each program a new version whenever its content differs
 * from the latest version loaded from the file. Assignments keep pointing at the
 * version they were made with. A version the clinic lead published (Settings)
 * stays the current one: a changed file does not replace it, and the program is
 * returned among `kept` instead. Runs in one transaction.
 */
export async function seedCatalogue(store: ClinicStore, catalogue: CatalogueFile = readCatalogue()) {
  return store.transaction(async (tx) => {
    const { exercises, programs, programVersions, programVersionExercises, dosages } = tablesOf(tx)
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
    const kept: { code: string; version: number }[] = []
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
      const [latestFromFile] = await tx
        .select()
        .from(programVersions)
        .where(and(eq(programVersions.programId, programRow.id), eq(programVersions.origin, 'catalogue')))
        .orderBy(desc(programVersions.version))
        .limit(1)
      if (latestFromFile?.contentHash === hash) {
        await fillMissingSources(tx, latestFromFile, content)
        continue
      }
      if (latest?.origin === 'clinic') {
        kept.push({ code: program.code, version: latest.version })
        continue
      }

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
          origin: 'catalogue',
          sources: program.sources,
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
    return { created, kept }
  })
}
