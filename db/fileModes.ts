import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'

/*
 * Files only the clinic's account can read (POSIX): the database with its -wal and
 * -shm (SQLite gives those the database file's mode), backups, exports and
 * reports are created 0600, the folders Backstride creates for them 0700.
 * Windows has no such modes: there the files inherit the folder's access list
 * (README, "Where the data is").
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_FOLDER_MODE = 0o700

/** Creates the folder (and any missing parents) as 0700; an existing folder is left as it is. */
export function privateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE })
}

/** Creates an empty file as 0600 when missing; an existing file of Backstride's own is made 0600. */
export function createPrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
  makePrivate(file)
}

/** Makes a file Backstride wrote 0600 (a no-op on Windows). */
export function makePrivate(file: string): void {
  if (process.platform !== 'win32' && existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE)
}

/**
 * Every file this process creates from here on is private to the clinic's account
 * (POSIX umask 077): also exports, reports and Chromium's printing files. Called
 * first by each program (desktop app, browser mode, command line, demo).
 */
export function privateFilesFromHere(): void {
  if (process.platform !== 'win32') process.umask(0o077)
}
