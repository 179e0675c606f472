import Database from 'better-sqlite3'
import { dirname } from 'node:path'
import { createPrivateFile, privateFolder } from './fileModes'

/**
 * One writer per database file, across processes: the writer holds SQLite's own
 * write lock (RESERVED, through `BEGIN IMMEDIATE`) on a companion file
 * `<database>.lock` for as long as it has the database open. The operating
 * system drops that lock when the process ends in any way (also `kill -9` or a
 * power cut), so a dead holder never blocks. The lock file also says who holds
 * it (program, process id, since when): a RESERVED lock still lets others read,
 * so a refused process can name the holder.
 */

export interface LockHolder {
  program: string
  pid: number
  /** ISO time the holder took the lock. */
  since: string
}

export interface WriterLock {
  readonly holder: LockHolder
  release(): void
}

/** Another process writes this database now; nothing was opened or changed. */
export class DatabaseLocked extends Error {
  constructor(
    readonly file: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `${file} is open in ${holder.program} (process ${holder.pid}, since ${holder.since}): quit it first, only one program may write a database at a time`
        : `${file} is open in another program: quit it first, only one program may write a database at a time`,
    )
  }
}

export const lockFileFor = (databaseFile: string) => `${databaseFile}.lock`

const isBusy = (error: unknown) => (error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED'

function holderIn(connection: Database.Database): LockHolder | null {
  try {
    const row = connection.prepare('select program, pid, since from holder where id = 1').get() as LockHolder | undefined
    return row ?? null
  } catch {
    return null
  }
}

/** Who holds the lock of a database now, or null when nobody does (or the lock file says nothing yet). */
export function readLockHolder(databaseFile: string, nativeBinding?: string): LockHolder | null {
  let connection: Database.Database | null = null
  try {
    connection = new Database(lockFileFor(databaseFile), { readonly: true, fileMustExist: true, nativeBinding })
    connection.pragma('busy_timeout = 200')
    return holderIn(connection)
  } catch {
    return null
  } finally {
    connection?.close()
  }
}

/**
 * Takes the writer lock of a database file for this process, or refuses at once
 * with DatabaseLocked naming the holder. `program` names this process in the
 * refusal another one gets (e.g. "Backstride (browser mode)").
 */
export function acquireWriterLock(databaseFile: string, program: string, nativeBinding?: string): WriterLock {
  const file = lockFileFor(databaseFile)
  privateFolder(dirname(file))
  createPrivateFile(file)
  const connection = new Database(file, { nativeBinding })
  const holder: LockHolder = { program, pid: process.pid, since: new Date().toISOString() }
  const refuse = (): never => {
    connection.close()
    throw new DatabaseLocked(databaseFile, readLockHolder(databaseFile, nativeBinding))
  }
  try {
    connection.pragma('busy_timeout = 0')
    // Rollback journal (not WAL): a RESERVED lock then lets other processes read the holder row.
    connection.pragma('journal_mode = DELETE')
    connection.pragma('synchronous = FULL')
    // The holder row is written and committed first, then the lock is taken and held. Another
    // process slipping in between is seen by the check below: then this one tries again and is refused.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        connection.exec('BEGIN IMMEDIATE')
      } catch (error) {
        if (isBusy(error)) refuse()
        throw error
      }
      connection.exec('create table if not exists holder (id integer primary key check (id = 1), program text not null, pid integer not null, since text not null)')
      connection.prepare('insert or replace into holder (id, program, pid, since) values (1, ?, ?, ?)').run(holder.program, holder.pid, holder.since)
      connection.exec('COMMIT')
      try {
        connection.exec('BEGIN IMMEDIATE')
      } catch (error) {
        if (isBusy(error)) continue
        throw error
      }
      const written = holderIn(connection)
      if (written?.pid === holder.pid && written.since === holder.since) {
        let held = true
        return {
          holder,
          release: () => {
            if (!held) return
            held = false
            if (connection.inTransaction) connection.exec('ROLLBACK')
            connection.close()
          },
        }
      }
      connection.exec('ROLLBACK')
    }
    return refuse()
  } catch (error) {
    if (connection.open) connection.close()
    throw error
  }
}
