// @ts-expect-error: a plain ES module without types (also run from the shell by .ci/run)
import { startCluster, stopCluster } from '../pg-cluster.mjs'

/**
 * Global setup of the end-to-end run: the PostgreSQL cluster the `postgres` project's clinics live in
 * (each test's clinic is a fresh database in it, tests/e2e/fixtures.ts). The one .ci/run started
 * (BACKSTRIDE_TEST_PG_URL) is used as it is; else a throwaway one is started here, named to the
 * workers through the same variable, and stopped at the end.
 */
export default async function setup(): Promise<() => void> {
  if (process.env.BACKSTRIDE_TEST_PG_URL) return () => undefined
  const cluster = (await startCluster()) as { url: string; dir: string }
  process.env.BACKSTRIDE_TEST_PG_URL = cluster.url
  return () => stopCluster(cluster.dir)
}
