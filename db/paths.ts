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
/** The PostgreSQL store's migrations (db/pg/schema.ts), kept in step with the SQLite ones. */
export const pgMigrationsFolder = (): string => join(appRoot(), 'db', 'migrations-pg')
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

/** A PostgreSQL server's address (postgres:// or postgresql://) rather than a file path. */
export const isServerUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location.trim())

/** What Settings and messages show of a store: the file path, or the URL without its password. */
export function describeLocation(location: string): string {
  if (!isServerUrl(location)) return location
  try {
    const url = new URL(location.trim())
    url.password = ''
    return url.toString()
  } catch {
    return 'postgresql://…'
  }
}

/**
 * The clinic's store: --db PATH|URL, else BACKSTRIDE_DB, else the file in the data folder. A file path
 * is made absolute (relative to the working folder); a postgres:// URL is kept as it is.
 */
export function resolveDatabaseFile(cliPath?: string, env = process.env): string {
  const given = cliPath || env.BACKSTRIDE_DB?.trim()
  if (given) return isServerUrl(given) ? given.trim() : resolve(given)
  return join(defaultDataDir(process.platform, env), DATABASE_FILE_NAME)
}
