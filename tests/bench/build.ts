import { writeDemoCohort } from '../../db/repositories/cohortWriter'
import { generateCohort } from '../../electron/clinic/demo'
import { openClinic } from '../../electron/clinic/open'

/**
 * Builds the benchmark database in its own process (so the measuring process's
 * peak memory is the API's, not the build's): `tsx tests/bench/build.ts LOCATION PATIENTS UNSCHEDULED`,
 * LOCATION a new SQLite file or an empty database on a PostgreSQL server (URL).
 * Prints one JSON object with the row counts and times.
 */
async function main([file, patients, unscheduled]: string[]) {
  const started = performance.now()
  const clinic = await openClinic({ file, authentication: 'none', mode: 'browser', version: 'bench', actor: 'bench', automaticBackups: false, program: 'Backstride benchmark (building its database)' })
  try {
    const programs = await clinic.handlers.catalogue.programs({})
    const plan = generateCohort({ patients: Number(patients), seed: 1, programs, unscheduledAssessments: Number(unscheduled) })
    const generated = performance.now()
    const counts = await writeDemoCohort(clinic.store, plan)
    const written = performance.now()
    if (clinic.store.kind === 'sqlite') clinic.store.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    // As autovacuum leaves a server shortly after a large load (PostgreSQL 13+ vacuums after inserts too): the
    // planner's statistics gathered and the visibility map set, so covering indexes serve index-only scans.
    else await clinic.store.pool.query('vacuum analyze')
    const seconds = (ms: number) => Math.round(ms / 10) / 100
    console.log(
      JSON.stringify({
        ...counts,
        generateSeconds: seconds(generated - started),
        writeSeconds: seconds(written - generated),
        buildSeconds: seconds(performance.now() - started),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    )
  } finally {
    clinic.close()
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
