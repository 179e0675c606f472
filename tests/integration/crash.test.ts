import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { enrollment, tempClinic } from './factories'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ROUNDS = 6

/** Runs the writer until a random moment, then kills it with SIGKILL; returns the writes it acknowledged. */
function writeUntilKilled(file: string, enrollmentId: number, round: number, killAfterMs: number): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'fixtures', 'crash-writer.ts'), file, String(enrollmentId), String(round)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acked = new Map<number, string>()
    let buffer = ''
    let errors = ''
    let killTimer: NodeJS.Timeout | null = null
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        const match = /^ack (\d+) (.*)$/.exec(line)
        if (match) acked.set(Number(match[1]), match[2])
        // Start the clock at the first acknowledged write, so every round kills mid-stream.
        if (match && killTimer === null) killTimer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked)
      else reject(new Error(`writer exited with ${code}: ${errors}`))
    })
  })
}

describe('a writer killed with SIGKILL', () => {
  it('loses no acknowledged write and leaves an intact database', { timeout: 120_000 }, async () => {
    const clinic = await tempClinic()
    const { enrollmentId } = await clinic.value<{ enrollmentId: number }>('patients/enroll', enrollment())
    clinic.stop()

    const acknowledged = new Map<number, string>()
    const figures = { rounds: ROUNDS, acknowledged: 0, lost: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 50 + Math.floor(Math.random() * 400)
      for (const [id, notes] of await writeUntilKilled(clinic.file, enrollmentId, round, killAfter)) acknowledged.set(id, notes)

      const db = new Database(clinic.file)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const stored = new Map(
        (db.prepare('select id, notes from sessions').all() as { id: number; notes: string }[]).map((r) => [r.id, r.notes]),
      )
      db.close()
      const lost = [...acknowledged].filter(([id, notes]) => stored.get(id) !== notes)
      figures.lost += lost.length
      expect(lost).toEqual([])
    }
    figures.acknowledged = acknowledged.size
    console.info(`crash test: ${JSON.stringify(figures)}`)
    expect(figures.acknowledged).toBeGreaterThan(ROUNDS)
    clinic.close()
  })
})
