import type { CohortPlan } from '../../../db/repositories/cohortWriter'
import { daysFrom, plusDays } from './days'
import type { DemoProgram } from './programs'
import { mulberry32, seededRandom, type Random } from './random'
import { planRunner } from './runner'
import { PROGRAM_CODES, type ProgramCode } from '../domain/vocabulary'

export interface CohortOptions {
  patients: number
  seed: number
  /** The programs' current versions (`catalogue/programs`, or programsFromCatalogue). */
  programs: readonly DemoProgram[]
  /** Extra unscheduled assessments per runner, for benchmarks on a large database; 0 by default. */
  unscheduledAssessments?: number
}

/**
 * Program starts fall on the Mondays of these fixed months, so every date of
 * the cohort (6-month follow-ups included) is in the past and a seed gives the
 * same cohort whatever the day it is generated.
 */
export const DEMO_START_MONDAYS = { first: '2025-01-06', last: '2025-06-30' } as const
export const DEMO_CLINIC_ID_PREFIX = 'DEMO-'
export const MAX_SEED = 2 ** 32 - 1

/** Permuted blocks of six (two of each program): arms stay within two runners of each other. */
const ALLOCATION_BLOCK: readonly ProgramCode[] = PROGRAM_CODES.flatMap((code) => [code, code])

export function balancedAllocation(rng: Random, count: number): ProgramCode[] {
  const arms: ProgramCode[] = []
  while (arms.length < count) arms.push(...rng.shuffle(ALLOCATION_BLOCK))
  return arms.slice(0, count)
}

export const demoClinicId = (n: number): string => `${DEMO_CLINIC_ID_PREFIX}${String(n).padStart(4, '0')}`

/** An independent seed for each runner (and stream), so one runner's draws never shift another's. */
function runnerSeed(seed: number, index: number, stream: number): number {
  const mixed = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77)) >>> 0
  return Math.floor(mulberry32(mixed)() * 2 ** 32)
}

/**
 * A simulated cohort as plain data, the same for the same options every time:
 * runners enrolled over six months in enrollment order (DEMO-0001, ...),
 * allocated to P1/P2/P3 in balanced random blocks.
 */
export function generateCohort(options: CohortOptions): CohortPlan {
  const { patients, seed } = options
  if (!Number.isInteger(patients) || patients < 1) throw new Error(`patients must be a whole number of at least 1, not ${patients}`)
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new Error(`seed must be a whole number from 0 to ${MAX_SEED}, not ${seed}`)
  const programs = new Map(options.programs.map((p) => [p.code, p]))
  const missing = PROGRAM_CODES.filter((code) => !programs.has(code))
  if (missing.length) throw new Error(`The demo cohort needs programs P1, P2 and P3; missing ${missing.join(', ')}`)

  const rng = seededRandom(seed)
  const weeks = daysFrom(DEMO_START_MONDAYS.first, DEMO_START_MONDAYS.last) / 7
  const mondays = Array.from({ length: weeks + 1 }, (_, i) => plusDays(DEMO_START_MONDAYS.first, 7 * i))
  const startDates = Array.from({ length: patients }, () => rng.pick(mondays)).sort()
  const arms = balancedAllocation(rng, patients)

  return {
    seed,
    runners: startDates.map((startDate, i) =>
      planRunner(seededRandom(runnerSeed(seed, i, 0)), {
        clinicId: demoClinicId(i + 1),
        program: programs.get(arms[i])!,
        startDate,
        unscheduledAssessments: options.unscheduledAssessments ?? 0,
        unscheduledRng: seededRandom(runnerSeed(seed, i, 1)),
        homeRng: seededRandom(runnerSeed(seed, i, 2)),
        legRng: seededRandom(runnerSeed(seed, i, 3)),
      }),
    ),
  }
}
