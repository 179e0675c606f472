import type { ClinicDb } from './client'
import type * as pgSchema from './pg/schema'
import type * as schema from './schema'

/** The clinic's tables, typed as the SQLite schema declares them (the PostgreSQL ones have the same shapes). */
export type ClinicTables = typeof schema

/**
 * The tables of the store a database handle belongs to: the SQLite tables on a file, the PostgreSQL
 * ones on a server, read from the schema the Drizzle instance was built with (a transaction's handle
 * carries it too). Repositories take their tables from here, never by importing a schema, so one
 * process can hold both stores at once (moving a clinic from a file to a server).
 */
export function tablesOf(db: ClinicDb): ClinicTables {
  return db._.fullSchema
}

/**
 * The tables the store's triggers keep from other tables' rows (a session's dose figures from its
 * exercises, an enrollment's attendance from its sessions, its scores side by side from its
 * assessments): never written by the app, rebuilt by the triggers when their source rows are written
 * (so a moved clinic's are rebuilt, then compared).
 */
export const TRIGGER_KEPT_TABLES = ['sessionDoses', 'enrollmentAttendance', 'enrollmentScores'] as const satisfies readonly (keyof ClinicTables)[]

/*
 * Compile-time check that every PostgreSQL table reads and writes rows of the same shape as its
 * SQLite twin (what lets tablesOf type both as the SQLite schema). The trigger-kept tables are
 * compared on reading only: SQLite lets an insert leave out their integer key (the rowid), the
 * triggers never do.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type TriggerKept = (typeof TRIGGER_KEPT_TABLES)[number]
type Mismatched = {
  [K in keyof ClinicTables]: K extends keyof typeof pgSchema
    ? Same<ClinicTables[K]['$inferSelect'], (typeof pgSchema)[K]['$inferSelect']> extends true
      ? K extends TriggerKept
        ? never
        : Same<ClinicTables[K]['$inferInsert'], (typeof pgSchema)[K]['$inferInsert']> extends true
          ? never
          : K
      : K
    : K
}[keyof ClinicTables]
const shapesAgree: [Mismatched] extends [never] ? true : Mismatched = true
void shapesAgree
