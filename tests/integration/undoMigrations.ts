import type Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrationsFolder } from '../../db/paths'

/*
 * Takes a clinic file back to an earlier release's schema with its records kept,
 * for upgrade tests: each later migration undone and forgotten, newest first.
 * Drizzle applies every migration newer than the newest one it has recorded, so
 * all migrations after the target must go, not just one.
 */

/** A statement of 0004_clinic_scale as released (its views, triggers and index), to put back what a later migration replaced. */
const release4 = readFileSync(join(migrationsFolder(), '0004_clinic_scale.sql'), 'utf8').split('--> statement-breakpoint')
const of4 = (head: string) => {
  const statement = release4.find((s) => s.includes(head))
  if (!statement) throw new Error(`0004_clinic_scale has no ${head}`)
  return statement
}

/** The SQL that undoes each migration released after 0004, newest first. */
const UNDO: [tag: string, sql: string][] = [
  [
    '0016_enrollment_scores',
    `drop trigger enrollment_scores_after_insert; drop trigger enrollment_scores_after_update; drop trigger enrollment_scores_after_delete;
     drop view scheduled_scores; drop table enrollment_scores;`,
  ],
  [
    '0015_patient_word_starts',
    `drop trigger patients_words_after_insert; drop trigger patients_words_after_update; drop trigger patients_words_after_delete;
     drop table patients_words; drop index assignments_start_date; drop index enrollments_withdrawn; drop index red_flag_screenings_awaiting;`,
  ],
  [
    '0014_patient_search',
    `drop trigger patients_search_after_insert; drop trigger patients_search_after_update; drop trigger patients_search_after_delete;
     drop table patients_search; drop index patients_archived; drop index patients_name_order;
     create index patients_last_name on patients (last_name);`,
  ],
  [
    '0013_one_per_rules',
    'drop index enrollments_one_per_patient; drop index sessions_one_home_day; create index enrollments_patient on enrollments (patient_id);',
  ],
  [
    '0012_leg_strength_and_running_advice',
    `drop index assessments_enrollment_scores;
     create index assessments_enrollment_scores on assessments (enrollment_id, time_point, running_pain, runability, voided_at);
     alter table assessments drop column sit_to_stand_reps; alter table enrollments drop column running_advice;`,
  ],
  [
    '0011_clinic_sites',
    `drop trigger enrollments_site_required_insert; drop trigger enrollments_site_required_update; drop trigger sites_never_deleted;
     drop index enrollments_site; alter table enrollments drop column site_id; drop table sites;`,
  ],
  [
    '0010_adverse_events_voided',
    'alter table adverse_events drop column voided_at; alter table adverse_events drop column voided_by; alter table adverse_events drop column void_reason;',
  ],
  ['0009_sign_in_failures', 'drop table sign_in_failures;'],
  [
    '0008_correcting_the_record',
    `drop trigger session_doses_after_void;
     drop view session_dose_totals; ${of4('CREATE VIEW `session_dose_totals`')}
     drop view supervised_attendance_counts; ${of4('CREATE VIEW `supervised_attendance_counts`')}
     drop trigger enrollment_attendance_after_update; ${of4('CREATE TRIGGER `enrollment_attendance_after_update`')}
     drop index assessments_scheduled_time_point; ${of4('CREATE UNIQUE INDEX `assessments_scheduled_time_point`')}
     drop index assessments_enrollment_scores;
     create index assessments_enrollment_scores on assessments (enrollment_id, time_point, running_pain, runability);
     ${['voided_at', 'voided_by', 'void_reason'].map((c) => `alter table sessions drop column ${c}; alter table assessments drop column ${c};`).join(' ')}
     delete from enrollment_attendance;
     insert into enrollment_attendance select enrollment_id, supervised_attended from supervised_attendance_counts;
     delete from session_doses;
     insert into session_doses select session_id, exercises, as_prescribed, volume_ratio_sum from session_dose_totals;`,
  ],
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
