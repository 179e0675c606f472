import { parseArgs } from 'node:util'
import { privateFilesFromHere } from '../db/fileModes'
import { DemoCohortPresentError, writeDemoCohort } from '../db/repositories/cohortWriter'
import { resolveDatabaseFile } from '../db/paths'
import { endQuietlyOnBrokenPipe } from './cliOutput'
import { generateCohort, MAX_SEED } from './clinic/demo'
import { openClinic } from './clinic/open'

privateFilesFromHere()

const MAX_PATIENTS = 100_000

const USAGE = `Usage: npm run demo -- [--patients N] [--seed N] [--db PATH] [--replace]

Writes a simulated cohort of runners (marked as demo data) into the clinic database.
  --patients N  runners to simulate, 1 to ${MAX_PATIENTS} (default 84, the trial's size)
  --seed N      random seed, 0 to ${MAX_SEED}; the same seed gives the same cohort (default 1)
  --db PATH|URL database file, or a postgres:// URL (default: BACKSTRIDE_DB, else the app's data folder)
  --replace     remove an earlier demo cohort first (real patients are never touched)`

class UsageError extends Error {}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`)
  }
  return value
}

const OPTIONS = {
  patients: { type: 'string' },
  seed: { type: 'string' },
  db: { type: 'string' },
  replace: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const

function parse(argv: string[]) {
  const values = (() => {
    try {
      return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error))
    }
  })()
  if (values.db !== undefined && values.db.trim() === '') throw new UsageError('--db needs a file path')
  return {
    help: values.help,
    patients: wholeNumber('patients', values.patients, 84, 1, MAX_PATIENTS),
    seed: wholeNumber('seed', values.seed, 1, 0, MAX_SEED),
    file: resolveDatabaseFile(values.db),
    replace: values.replace,
  }
}

/** `npm run demo [-- --patients 84 --seed 1 --db PATH --replace]` */
async function main(argv: string[]): Promise<number> {
  const args = parse(argv)
  if (args.help) {
    console.log(USAGE)
    return 0
  }
  // No backup: the demo cohort is written in one transaction, marked as demo and replaced or refused as a whole,
  // never touching real patients; a refused run writes nothing at all.
  const clinic = await openClinic({
    file: args.file,
    authentication: 'none',
    mode: 'browser',
    version: process.env.npm_package_version ?? '0.0.0',
    automaticBackups: false,
    program: 'Backstride demo data (npm run demo)',
  })
  try {
    // The programs' current versions in this database, so prescriptions match what the app shows.
    const programs = await clinic.handlers.catalogue.programs({})
    const plan = generateCohort({ patients: args.patients, seed: args.seed, programs })
    const written = await writeDemoCohort(clinic.store, plan, { replace: args.replace })
    const replaced = written.replacedPatients ? ` (replaced ${written.replacedPatients} earlier demo patients)` : ''
    console.log(
      `Demo cohort written: ${written.patients} patients, ${written.sessions} sessions (${written.homeSessions} at home), ` +
        `${written.assessments} assessments, seed ${args.seed}${replaced}. Database: ${args.file}`,
    )
    return 0
  } finally {
    clinic.close()
  }
}

endQuietlyOnBrokenPipe()
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`)
      process.exit(2)
    }
    if (error instanceof DemoCohortPresentError) {
      console.error(`${error.message} Run again with --replace to swap it for a new one.`)
      process.exit(1)
    }
    console.error(`The demo cohort could not be written: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
