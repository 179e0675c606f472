import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * Vitest's global setup: the command-line tests run the built JavaScript (out/main/cli.js), so the app is
 * built first when out/ is missing or older than the sources (electron/launcher.mjs decides; a few seconds).
 */
export default function buildOnce(): void {
  const root = join(import.meta.dirname, '..')
  execFileSync(process.execPath, [join(root, 'electron', 'launcher.mjs'), '--build-only'], { cwd: root, stdio: 'inherit', timeout: 180_000 })
}
