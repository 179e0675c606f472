import type { ClinicDb } from '../../../db/client'
import { latestProgramVersionIds, programVersionRows, versionNumberOf } from '../../../db/repositories/catalogue'
import type { DosageSources, ProgramNumberSources } from '../../../db/catalogue-file'
import type { Dosage, ProgramVersionPublication, ProgramVersionView } from '../contract'
import { notFound } from '../errors'
import { coded } from '../contract/messages'
import type { ProgramCode } from '../domain/vocabulary'

/**
 * Program versions never change once written, so each is read from the
 * database once and kept. Which version is current is read each time.
 */
export function createCatalogue(db: ClinicDb) {
  const versions = new Map<number, ProgramVersionView>()

  async function version(programVersionId: number): Promise<ProgramVersionView> {
    const cached = versions.get(programVersionId)
    if (cached) return cached
    const rows = await programVersionRows(db, programVersionId)
    if (!rows) throw notFound(coded('program_version_not_found', { version: programVersionId }))
    const row = rows.version
    const publication: ProgramVersionPublication | null =
      row.origin === 'clinic'
        ? {
            by: row.publishedBy ?? '',
            at: row.publishedAt ?? row.createdAt,
            note: row.publicationNote ?? '',
            basedOnVersion: row.basedOnVersionId === null ? null : await versionNumberOf(db, row.basedOnVersionId),
          }
        : null
    const view: ProgramVersionView = {
      programVersionId,
      code: rows.version.code,
      version: rows.version.version,
      name: rows.version.content.name,
      focus: rows.version.content.focus,
      weeks: rows.version.weeks,
      supervisedSessionsPerWeek: rows.version.supervisedSessionsPerWeek,
      homeSessionsPerWeek: rows.version.homeSessionsPerWeek,
      origin: row.origin,
      publication,
      sources: row.sources as ProgramNumberSources | null,
      exercises: rows.exercises
        .sort((a, b) => sectionOrder[a.section] - sectionOrder[b.section] || a.position - b.position)
        .map((entry) => ({
          exercise: entry.exercise,
          section: entry.section,
          optional: entry.optional,
          dosage: entry.dosage.map(
            (d): Dosage => ({
              week: d.week,
              sets: d.sets,
              repsMin: d.repsMin,
              repsMax: d.repsMax,
              holdSeconds: d.holdSeconds,
              durationSeconds: d.durationSeconds,
              note: d.note as Dosage['note'],
            }),
          ),
          dosageSources: entry.dosage.map((d) => d.source as DosageSources | null),
        })),
    }
    versions.set(programVersionId, view)
    return view
  }

  async function current(): Promise<ProgramVersionView[]> {
    const ids = await latestProgramVersionIds(db)
    const views = await Promise.all([...ids.values()].map(version))
    return views.sort((a, b) => a.code.localeCompare(b.code))
  }

  async function currentVersionOf(code: ProgramCode): Promise<ProgramVersionView> {
    const id = (await latestProgramVersionIds(db)).get(code)
    if (id === undefined) throw notFound(coded('program_not_in_catalogue', { program: code }), 'programCode')
    return version(id)
  }

  return { version, current, currentVersionOf }
}

export type Catalogue = ReturnType<typeof createCatalogue>

const sectionOrder = { warm_up: 0, main: 1, cool_down: 2 } as const

/** The exercises a runner does in a week: warm-up, the main part (optional ones only when switched on), cool-down. */
export function prescribedExercises(program: ProgramVersionView, week: number, optionalExercises: readonly string[]) {
  return program.exercises
    .filter((entry) => !entry.optional || optionalExercises.includes(entry.exercise.code))
    .map((entry) => {
      const dosage = entry.dosage.find((d) => d.week === week)
      if (!dosage) throw new Error(`Program ${program.code} v${program.version} has no week ${week} dosage for ${entry.exercise.code}`)
      return { exerciseCode: entry.exercise.code, exerciseName: entry.exercise.name, section: entry.section, dosage }
    })
}
