import type Database from 'better-sqlite3'

/*
 * Takes a clinic file back to an earlier release's schema with its records kept,
 * for upgrade tests: each later migration undone and forgotten, newest first.
 * Drizzle applies every migration newer than the newest one it has recorded, so
 * all migrations after the target must go, not just one.
 */

/** The SQL that undoes each migration released after 0004, newest first. */
const UNDO: [tag: string, sql: string][] = [
  [
    '0007_program_versions_published',
    `drop trigger program_versions_published_update; drop trigger program_versions_published_delete;
     drop trigger program_version_exercises_published_update; drop trigger program_version_exercises_published_delete;
     drop trigger dosages_published_update; drop trigger dosages_published_delete;
     alter table dosages drop column source; alter table program_versions drop column origin;
     alter table program_versions drop column based_on_version_id; alter table program_versions drop column published_by;
     alter table program_versions drop column published_at; alter table program_versions drop column publication_note;
     alter table program_versions drop column sources;`,
  ],
  [
    '0006_withdrawal_consent_adverse_events',
    `drop table adverse_events; alter table assessments drop column deviation_reason;
     ${['withdrawal_category', 'consent_asked', 'treatment_consent_on', 'treatment_consent_by', 'comparison_consent', 'comparison_consent_on', 'comparison_consent_withdrawn_on']
       .map((column) => `alter table enrollments drop column ${column};`)
       .join(' ')}`,
  ],
  ['0005_exercises_not_done', 'alter table session_exercises drop column not_done; alter table session_exercises drop column not_done_reason;'],
]

/** Undoes every migration after `keep` (which stays applied); the earlier ones are left to the caller. */
export function undoMigrationsAfter(sqlite: Database.Database, keep: string): void {
  const forget = 'delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations);'
  for (const [tag, sql] of UNDO) {
    if (tag === keep) return
    sqlite.exec(sql + forget)
  }
  if (!/^0004_/.test(keep)) throw new Error(`undoMigrationsAfter: no undo written for the migrations down to ${keep}`)
}
