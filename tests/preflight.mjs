#!/usr/bin/env node
/*
 * First step of `npm test`: checks within a second that every outside program
 * the tests run is installed, and names what is missing with the command that
 * installs it, instead of letting the end-to-end tests fail one by one minutes later.
 *
 * Add a tool here when a test starts running a new program (LibreOffice, psql, ...).
 */
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** Is `file` an executable regular file? */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** Is `program` found on PATH, as the tests' execFile('program', …) would find it? */
const onPath = (program) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutable(join(dir, program)))

const chromium = process.env.BACKSTRIDE_CHROMIUM || '/usr/bin/chromium'
/** PostgreSQL's server programs: Debian's packages put them outside PATH (tests/pg-cluster.mjs uses the same folder). */
const pgBin = process.env.BACKSTRIDE_PG_BIN || '/usr/lib/postgresql/15/bin'

/** What the tests need: each entry says who needs it and which Debian package has it. */
const TOOLS = [
  {
    name: `Chromium (looked for ${chromium}${process.env.BACKSTRIDE_CHROMIUM ? ', from BACKSTRIDE_CHROMIUM' : '; set BACKSTRIDE_CHROMIUM to use another'})`,
    usedBy: 'the end-to-end tests and printing reports',
    found: isExecutable(chromium),
    apt: 'chromium',
  },
  ...['pdftotext', 'pdfinfo', 'pdftoppm'].map((program) => ({
    name: `${program} (poppler-utils)`,
    usedBy: 'the tests that read printed reports and home-exercise sheets back',
    found: onPath(program),
    apt: 'poppler-utils',
  })),
  {
    name: 'LibreOffice Calc (soffice)',
    usedBy: 'the test that opens the exported CSV files and workbook in a spreadsheet program',
    found: onPath('soffice'),
    apt: 'libreoffice-calc',
  },
  ...['initdb', 'pg_ctl', 'pg_dump', 'pg_restore'].map((program) => ({
    name: `${program} (PostgreSQL 15, looked for in ${pgBin}${process.env.BACKSTRIDE_PG_BIN ? ', from BACKSTRIDE_PG_BIN' : '; set BACKSTRIDE_PG_BIN to use another'})`,
    usedBy: 'the integration tests on PostgreSQL (a throwaway cluster) and server backups',
    found: isExecutable(join(pgBin, program)),
    apt: 'postgresql',
  })),
]

const missing = TOOLS.filter((tool) => !tool.found)
if (missing.length > 0) {
  const packages = [...new Set(missing.map((tool) => tool.apt))]
  console.error(
    [
      'The tests cannot run: missing on this machine',
      ...missing.map((tool) => `  - ${tool.name}: needed by ${tool.usedBy}`),
      `Install with: apt-get install -y ${packages.join(' ')}`,
    ].join('\n'),
  )
  process.exit(1)
}
console.log(`preflight: ${TOOLS.length} tools found (${chromium}, poppler-utils, LibreOffice, PostgreSQL in ${pgBin})`)
