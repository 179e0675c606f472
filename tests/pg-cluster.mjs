#!/usr/bin/env node
/*
 * A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, trust authentication for
 * local connections only, listening on a free loopback port (and a socket in the same folder).
 * Fast and unsafe on purpose (fsync off): it lives for one test run.
 *
 *   eval "$(node tests/pg-cluster.mjs start)"   # prints export BACKSTRIDE_TEST_PG_URL=… BACKSTRIDE_TEST_PG_DIR=…
 *   node tests/pg-cluster.mjs stop "$BACKSTRIDE_TEST_PG_DIR"
 *
 * Vitest's global setup (tests/pg-setup.ts) starts one itself unless BACKSTRIDE_TEST_PG_URL is set.
 * initdb refuses to run as root: as root, the cluster runs as the `postgres` OS user (Debian's packages create it).
 * The server binaries are PostgreSQL 15's from Debian (`apt-get install -y postgresql`), or BACKSTRIDE_PG_BIN.
 */
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export const PG_BIN = process.env.BACKSTRIDE_PG_BIN || '/usr/lib/postgresql/15/bin'

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0

/** Runs a server binary, as the postgres user when this process is root. */
function run(program, args) {
  const binary = join(PG_BIN, program)
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args]
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Starts a fresh cluster; returns its base URL (no database name) and its folder. */
export async function startCluster() {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL's server programs are not in ${PG_BIN}: apt-get install -y postgresql (or set BACKSTRIDE_PG_BIN)`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'backstride-pg-'))
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  // The C locale sorts and folds case byte by byte, as SQLite does: names order alike on both stores.
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'])
  const port = await freePort()
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ')
  // Kept beside the data folder, so that resumeCluster starts it again on the same port.
  writeFileSync(join(dir, 'options'), options)
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'])
  return { url: `postgresql://postgres@127.0.0.1:${port}`, dir }
}

/** Stops the server as an administrator would (`pg_ctl stop -m fast`: open connections are cut), keeping its data. */
export function pauseCluster(dir) {
  run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'])
}

/** Starts a paused cluster again, on the same port, with its data. */
export function resumeCluster(dir) {
  const options = readFileSync(join(dir, 'options'), 'utf8')
  run('pg_ctl', ['-D', join(dir, 'data'), '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'])
}

/** Stops the cluster at once and removes its folder. */
export function stopCluster(dir) {
  const data = join(dir, 'data')
  if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
  rmSync(dir, { recursive: true, force: true })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, dir] = process.argv.slice(2)
  if (command === 'start') {
    const cluster = await startCluster()
    console.log(`export BACKSTRIDE_TEST_PG_URL='${cluster.url}' BACKSTRIDE_TEST_PG_DIR='${cluster.dir}'`)
  } else if (command === 'stop' && dir) {
    stopCluster(dir)
  } else {
    console.error('usage: node tests/pg-cluster.mjs start | stop DIR')
    process.exit(2)
  }
}
