import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, posix, resolve, win32 } from 'node:path'
import { fileURLToPath } from 'node:url'

export const APP_NAME = 'Backstride'
export const DATABASE_FILE_NAME = 'backstride.sqlite'

/**
 * The app's root folder (holding db/migrations and resources/), found from this
 * module's own location so that it works from the sources (tests, tsx), from the
 * bundles in out/, and never depends on the working directory.
 * A packaged app sets BACKSTRIDE_APP_ROOT to its resources folder.
 */
export function appRoot(): string {
  const fromEnv = process.env.BACKSTRIDE_APP_ROOT
  if (fromEnv) return resolve(fromEnv)
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'db', 'migrations', 'meta', '_journal.json'))) return dir
    dir = dirname(dir)
  }
  throw new Error('Backstride cannot find its db/migrations folder next to the program files.')
}

export const migrationsFolder = (): string => join(appRoot(), 'db', 'migrations')
export const resourcesFolder = (): string => join(appRoot(), 'resources')

/**
 * The OS-conventional per-user data folder, the same one Electron uses as
 * app.getPath('userData'), so the desktop app and browser mode share one database.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(absoluteOrNull(env.APPDATA, platform) ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  // The XDG base directory rules: an empty or relative XDG_CONFIG_HOME is ignored (never the working directory).
  return join(absoluteOrNull(env.XDG_CONFIG_HOME, platform) ?? join(homedir(), '.config'), APP_NAME)
}

/** A folder from the environment, when it is set to an absolute path. */
function absoluteOrNull(value: string | undefined, platform: NodeJS.Platform): string | null {
  if (!value) return null
  return (platform === 'win32' ? win32.isAbsolute(value) : posix.isAbsolute(value)) ? value : null
}

/** Database file: --db PATH, else BACKSTRIDE_DB, else the data folder. */
export function resolveDatabaseFile(cliPath?: string, env = process.env): string {
  if (cliPath) return resolve(cliPath)
  if (env.BACKSTRIDE_DB?.trim()) return resolve(env.BACKSTRIDE_DB)
  return join(defaultDataDir(process.platform, env), DATABASE_FILE_NAME)
}
