import { createHash } from 'node:crypto'
import { PUBLISHED_SOURCE, DAYS_PER_WEEK, type DosageNumber, type DosageSources, type LocalizedText, type ProgramNumberSources } from '../../../db/catalogue-file'
import {
  insertPublishedVersion,
  latestVersionOfProgram,
  programVersionList,
  programVersionRows,
  type PublishedVersion,
} from '../../../db/repositories/catalogue'
import { insertAudit } from '../../../db/repositories/audit'
import type { DosageChange, ProgramVersionSummary, PublishProgramVersionInput } from '../contract'
import { coded } from '../contract/messages'
import { conflict, notFound, ruleBroken } from '../errors'
import type { ServiceContext } from './context'

/*
 * Program versions the clinic lead publishes in Settings: a copy of the
 * program's current version with changed dosage. Runners keep the version they
 * were assigned (assignments point at it); new enrollments get the newest. A
 * published version is never changed (triggers of migration 0006) and the
 * catalogue file loaded at start does not replace it (db/seed.ts).
 */

/** Every version of every program, with who published it and how many runners have it. */
export async function listProgramVersions(ctx: ServiceContext): Promise<ProgramVersionSummary[]> {
  const rows = await programVersionList(ctx.store.db)
  const numbers = new Map(rows.map((r) => [r.row.id, r.row.version]))
  const currentOf = new Map<string, number>()
  for (const { row, code } of rows) currentOf.set(code, Math.max(currentOf.get(code) ?? 0, row.id))
  return rows.map(({ row, code, runners }) => ({
    programVersionId: row.id,
    code,
    version: row.version,
    origin: row.origin,
    publication:
      row.origin === 'clinic'
        ? {
            by: row.publishedBy ?? '',
            at: row.publishedAt ?? row.createdAt,
            note: row.publicationNote ?? '',
            basedOnVersion: row.basedOnVersionId === null ? null : (numbers.get(row.basedOnVersionId) ?? null),
          }
        : null,
    current: currentOf.get(code) === row.id,
    assignedRunners: runners ?? 0,
  }))
}

type Week = PublishedVersion['exercises'][number]['dosage'][number]

const sameLoad = (a: LocalizedText | null, b: LocalizedText | null) => (a === null || b === null ? a === b : a.en === b.en && a.de === b.de)

/** The numbers of a week that differ between the version copied and the change. */
function changedNumbers(before: Week, after: DosageChange): (DosageNumber | 'load')[] {
  const changed: (DosageNumber | 'load')[] = []
  if (before.sets !== after.sets) changed.push('sets')
  if (before.repsMin !== after.repsMin || before.repsMax !== after.repsMax) changed.push('reps')
  if (before.holdSeconds !== after.holdSeconds) changed.push('holdSeconds')
  if (before.durationSeconds !== after.durationSeconds) changed.push('durationSeconds')
  if (!sameLoad(before.note, after.load)) changed.push('load')
  return changed
}

const unitOf = (d: { repsMin: number | null; holdSeconds: number | null; durationSeconds: number | null }) =>
  d.repsMin !== null ? 'reps' : d.holdSeconds !== null ? 'hold' : d.durationSeconds !== null ? 'duration' : 'none'

/**
 * Publishes a new version of a program from its current version: the weeks
 * given in `changes` as they are to be, every other week copied. Each changed
 * number gets the source 'clinic-published'; the others keep theirs. Written in
 * one transaction with its audit entry.
 */
export async function publishProgramVersion(
  ctx: ServiceContext,
  input: PublishProgramVersionInput,
): Promise<{ programVersionId: number; version: number }> {
  const base = await programVersionRows(ctx.store.db, input.basedOnVersionId)
  if (!base) throw notFound(coded('program_version_not_found', { version: input.basedOnVersionId }), 'basedOnVersionId')
  const latest = await latestVersionOfProgram(ctx.store.db, base.version.programId)
  if (latest && latest.id !== base.version.id) {
    throw conflict(
      coded('program_version_not_current', { program: base.version.code, version: base.version.version, current: latest.version }),
      'basedOnVersionId',
    )
  }
  const maxHome = DAYS_PER_WEEK - base.version.supervisedSessionsPerWeek
  if (input.homeSessionsPerWeek > maxHome) throw ruleBroken(coded('home_sessions_too_many', { max: maxHome }), 'homeSessionsPerWeek')

  const changeAt = new Map(input.changes.map((change, i) => [`${change.exerciseCode}/${change.week}`, { change, i }]))
  const known = new Set(base.exercises.map((e) => e.exercise.code))
  input.changes.forEach((change, i) => {
    if (!known.has(change.exerciseCode)) throw ruleBroken(coded('exercise_not_in_program', { exercise: change.exerciseCode }), `changes.${i}.exerciseCode`)
    if (change.week > base.version.weeks) {
      throw ruleBroken(coded('week_range', { min: 1, max: base.version.weeks }), `changes.${i}.week`)
    }
  })

  let anyChange = input.homeSessionsPerWeek !== base.version.homeSessionsPerWeek
  const exercises: PublishedVersion['exercises'] = base.exercises.map((entry) => ({
    exerciseId: entry.exerciseId,
    section: entry.section,
    position: entry.position,
    optional: entry.optional,
    dosage: entry.dosage.map((row): Week => {
      const copied: Week = {
        week: row.week,
        sets: row.sets,
        repsMin: row.repsMin,
        repsMax: row.repsMax,
        holdSeconds: row.holdSeconds,
        durationSeconds: row.durationSeconds,
        note: row.note as LocalizedText | null,
        source: row.source as DosageSources | null,
      }
      const given = changeAt.get(`${entry.exercise.code}/${row.week}`)
      if (!given) return copied
      const { change, i } = given
      if (unitOf(change) !== unitOf(copied)) {
        throw ruleBroken(coded('dosage_unit_changed', { exercise: entry.exercise.name.en, week: row.week }), `changes.${i}.sets`)
      }
      const changed = changedNumbers(copied, change)
      if (changed.length === 0) return copied
      anyChange = true
      const source: DosageSources = { ...(copied.source ?? {}) }
      for (const number of changed) source[number] = PUBLISHED_SOURCE
      if (change.load === null) delete source.load
      return {
        week: row.week,
        sets: change.sets,
        repsMin: change.repsMin,
        repsMax: change.repsMax,
        holdSeconds: change.holdSeconds,
        durationSeconds: change.durationSeconds,
        note: change.load,
        source,
      }
    }),
  }))
  if (!anyChange) throw ruleBroken(coded('dosage_unchanged'), 'changes')

  const baseSources = base.version.sources as ProgramNumberSources | null
  const sources: ProgramNumberSources | null =
    input.homeSessionsPerWeek === base.version.homeSessionsPerWeek
      ? baseSources
      : baseSources
        ? { ...baseSources, homeSessionsPerWeek: PUBLISHED_SOURCE }
        : null
  const content = { name: base.version.content.name, focus: base.version.content.focus }
  const publishedAt = ctx.now()
  const hash = createHash('sha256')
    .update(JSON.stringify({ content, homeSessionsPerWeek: input.homeSessionsPerWeek, exercises }))
    .digest('hex')

  return ctx.store.transaction(async (tx) => {
    // Checked again inside the transaction: two leads publishing from the same version at once.
    const again = await latestVersionOfProgram(tx, base.version.programId)
    if (again && again.id !== base.version.id) {
      throw conflict(
        coded('program_version_not_current', { program: base.version.code, version: base.version.version, current: again.version }),
        'basedOnVersionId',
      )
    }
    const version = (again?.version ?? base.version.version) + 1
    const programVersionId = await insertPublishedVersion(tx, {
      programId: base.version.programId,
      version,
      content,
      weeks: base.version.weeks,
      supervisedSessionsPerWeek: base.version.supervisedSessionsPerWeek,
      homeSessionsPerWeek: input.homeSessionsPerWeek,
      contentHash: hash,
      basedOnVersionId: base.version.id,
      publishedBy: ctx.actor,
      publishedAt,
      publicationNote: input.note,
      sources,
      exercises,
    })
    await insertAudit(tx, {
      tableName: 'program_versions',
      recordId: programVersionId,
      action: 'create',
      before: { program: base.version.code, version: base.version.version, homeSessionsPerWeek: base.version.homeSessionsPerWeek },
      after: { program: base.version.code, version, homeSessionsPerWeek: input.homeSessionsPerWeek, changes: input.changes },
      reason: input.note,
      actor: ctx.actor,
    })
    return { programVersionId, version }
  })
}
