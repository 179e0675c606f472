import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { openPgStore } from '../db/client'
import { seedCatalogue } from '../db/seed'
// @ts-expect-error: a plain ES module without types (also run from the shell by .ci/run)
import { startCluster, stopCluster } from './pg-cluster.mjs'

/**
 * Global setup of the integration-pg project: a PostgreSQL cluster (the one .ci/run started, named by
 * BACKSTRIDE_TEST_PG_URL, else a throwaway one started here and stopped at the end) and in it a
 * template database, migrated and with the program catalogue loaded, that each test's clinic copies
 * (tests/integration/factories.ts tempClinic: CREATE DATABASE … TEMPLATE, much faster than migrating).
 */
export const TEMPLATE_DATABASE = 'backstride_template'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.BACKSTRIDE_TEST_PG_URL
  const cluster: { url: string; dir: string } | null = given ? null : await startCluster()
  const url = (given ?? cluster!.url).replace(/\/+$/, '')
  const admin = new pg.Client({ connectionString: `${url}/postgres` })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`)
    await admin.query(`create database ${TEMPLATE_DATABASE}`)
  } finally {
    await admin.end()
  }
  const store = await openPgStore(`${url}/${TEMPLATE_DATABASE}`)
  try {
    await seedCatalogue(store)
  } finally {
    await store.close()
  }
  project.provide('pgUrl', url)
  return () => {
    if (cluster) stopCluster(cluster.dir)
  }
}
