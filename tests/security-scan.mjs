// `npm run security:scan`: Electronegativity over electron/ (offline), failing on HIGH or MEDIUM
// findings not explained in security-scan.allow.json.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ELECTRON_VERSION = '45.5.0'
const FAILING = new Set(['HIGH', 'MEDIUM'])

/** One CSV line into fields (quoted fields may hold commas; the scanner writes no line breaks in them). */
function csvFields(line) {
  const fields = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted && c === '"' && line[i + 1] === '"') (field += '"'), i++
    else if (c === '"') quoted = !quoted
    else if (c === ',' && !quoted) fields.push(field.trim()), (field = '')
    else field += c
  }
  return [...fields, field.trim()]
}

export function parseFindings(csv) {
  const [header, ...lines] = csv.split(/\r?\n/).filter(Boolean)
  const names = csvFields(header)
  return lines.map((line) => Object.fromEntries(csvFields(line).map((value, i) => [names[i], value])))
}

/** Findings that fail the scan: HIGH or MEDIUM and not accepted (by check and file) in the allow-list. */
export function unexplained(findings, accepted) {
  return findings.filter(
    (f) =>
      FAILING.has(f.severity) &&
      !accepted.some((a) => a.check === f.issue && relative(root, f.filename).split('\\').join('/') === a.file),
  )
}

/**
 * One run of the scanner; its report's findings, or null when the report came out garbled. The
 * scanner writes its CSV header and its lines with two writes it does not wait for
 * (dist/util/file.js, writeCsvHeader), so now and then the header lands over the start of the first
 * line. Such a report is read again from a fresh run, never taken as it is.
 */
function scan() {
  const dir = mkdtempSync(join(tmpdir(), 'backstride-scan-'))
  const out = join(dir, 'electronegativity.csv')
  const bin = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
  const run = spawnSync(process.execPath, [bin, '-i', join(root, 'electron'), '-e', ELECTRON_VERSION, '-o', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  })
  if (run.error || run.status !== 0) {
    console.error(`The security scanner did not finish (${run.error ? run.error.message : `exit ${run.status}`}):\n${run.stdout}\n${run.stderr}`)
    process.exit(1)
  }
  let csv
  try {
    csv = readFileSync(out, 'utf8')
  } catch {
    console.error(`The security scanner produced no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`)
    process.exit(1)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const findings = parseFindings(csv)
  const unreadable = findings.filter((f) => typeof f.filename !== 'string' || typeof f.severity !== 'string')
  if (!unreadable.length) return { findings, csv: null }
  return { findings: null, csv }
}

function main() {
  let report = scan()
  for (let attempt = 2; report.findings === null && attempt <= 3; attempt++) {
    console.log(`The security scanner's report came out garbled; running it again (${attempt} of 3).`)
    report = scan()
  }
  if (report.findings === null) {
    console.error(`The security scanner's report has lines without a file or severity, three runs in a row:\n${report.csv}`)
    process.exit(1)
  }
  const { findings } = report
  const { accepted } = JSON.parse(readFileSync(join(root, 'security-scan.allow.json'), 'utf8'))
  const missingReason = accepted.filter((a) => typeof a.reason !== 'string' || a.reason.trim().length < 20)
  const failing = unexplained(findings, accepted)
  const stale = accepted.filter((a) => !findings.some((f) => f.issue === a.check && relative(root, f.filename).split('\\').join('/') === a.file))
  for (const f of findings) console.log(`${f.severity.padEnd(6)} ${f.issue} ${relative(root, f.filename)}:${f.location}`)
  for (const a of stale) console.log(`note: allow-list entry ${a.check} in ${a.file} no longer matches a finding; remove it`)
  for (const a of missingReason) console.error(`allow-list entry ${a.check} in ${a.file} has no reason`)
  for (const f of failing) console.error(`unexplained ${f.severity} finding: ${f.issue} at ${relative(root, f.filename)}:${f.location}: ${f.description} (${f.url})`)
  if (failing.length || missingReason.length) process.exit(1)
  console.log(`Security scan: ${findings.length} findings, none unexplained at HIGH or MEDIUM.`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
