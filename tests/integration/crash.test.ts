import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { backupFolderFor } from '../../db/backup'
import type { BackupView } from '../../electron/clinic/contract'
import { enrollment, tempClinic } from './factories'
import { runBuilt } from './processes'

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
  it('loses no acknowledged write: after each kill the command-line restore keeps every one in the replaced copy', { timeout: 240_000 }, async () => {
    const clinic = await tempClinic()
    const { enrollmentId } = await clinic.value<{ enrollmentId: number }>('patients/enroll', enrollment())
    // The backup each round restores: the enrolled runner, no sessions yet.
    const backup = await clinic.value<BackupView>('backups/create')
    const backupFile = join(backupFolderFor(clinic.file), backup.fileName)
    clinic.stop()

    const figures: { round: number; acknowledged: number; keptRows: number; lost: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 50 + Math.floor(Math.random() * 400)
      const acknowledged = await writeUntilKilled(clinic.file, enrollmentId, round, killAfter)
      // Nothing has opened the database since the kill: the newest commits sit in its -wal.
      const restored = await runBuilt('cli', ['backup', 'restore', backupFile, '--db', clinic.file])
      expect(restored.code, restored.stderr).toBe(0)
      const kept = /kept as (\S+) \(integrity check: ok\)/.exec(restored.stdout)?.[1]
      expect(kept, restored.stdout).toBeDefined()

      const copy = new Database(kept as string, { readonly: true })
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      const stored = new Map((copy.prepare('select id, notes from sessions').all() as { id: number; notes: string }[]).map((r) => [r.id, r.notes]))
      copy.close()
      const lost = [...acknowledged].filter(([id, notes]) => stored.get(id) !== notes)
      figures.push({ round, acknowledged: acknowledged.size, keptRows: stored.size, lost: lost.length })
      expect(lost).toEqual([])
      expect(acknowledged.size).toBeGreaterThan(0)

      // The restored database holds the backup (no sessions) and the restore's audit entry.
      const live = new Database(clinic.file, { readonly: true })
      expect(live.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 })
      expect(live.prepare("select count(*) as n from audit_log where table_name = 'database' and action = 'restore'").get()).toEqual({ n: 1 })
      live.close()
    }
    console.info(`crash test (acknowledged writes vs rows in the kept copy after kill -9 and restore): ${JSON.stringify(figures)}`)
    clinic.close()
  })
})
