/*
 * Every message the clinic sends, declared once: its code and the kinds of its
 * parameters. A refusal, a field error, a statistics "reason" or a desk dialog
 * travels as { code, params } (with an English `message` for logs and the
 * command line); the reader's language is chosen where it is shown, from the
 * catalogues beside this file (en.ts, de.ts). Nothing here imports Node or Vue.
 *
 * Parameter kinds: text and number are shown as they are; field is the name of
 * an input field (a FIELD_NAMES key), shown in the reader's language.
 */
export type ParamKind = 'text' | 'number' | 'field'

export const MESSAGE_CODES = {
  // Access.
  sign_in_required: {},
  clinic_lead_only: {},
  assessor_blinded: {},
  assessor_no_program_filter: {},
  unknown_method: { channel: 'text' },
  internal_error: {},
  store_unreachable: {},
  invalid_input: {},

  // Accounts.
  accounts_exist: {},
  wrong_credentials: {},
  sign_in_throttled: { seconds: 'number', until: 'text' },
  username_taken: { username: 'text' },
  user_not_found: { username: 'text' },
  cannot_archive_self: {},
  wrong_current_password: {},

  // Records that do not exist.
  patient_not_found: {},
  enrollment_not_found: {},
  session_not_found: {},
  program_version_not_found: { version: 'number' },
  program_not_in_catalogue: { program: 'text' },

  // Clinical rules.
  patient_not_enrolled: {},
  patient_already_archived: {},
  patient_not_archived: {},
  already_enrolled: { firstName: 'text', lastName: 'text' },
  clinic_id_taken: { clinicId: 'text' },
  unmet_criterion_reason_needed: {},
  program_or_allocation: {},
  randomisation_off: {},
  randomisation_reason_needed: {},
  already_allocated: {},
  clearance_needed: {},
  clearance_not_needed: {},
  clearance_before_screen: {},
  program_before_enrollment: {},
  baseline_before_enrollment: {},
  program_already_assigned: {},
  optional_exercise_unknown: { program: 'text', exercises: 'text' },
  runner_withdrawn: {},
  program_needed_for_sessions: {},
  program_needed_for_sheet: {},
  session_before_program_start: { date: 'text' },
  exercise_not_in_program: { exercise: 'text' },
  missed_session_no_exercises: {},
  missed_session_no_scores: {},
  nothing_changed: {},
  baseline_at_enrollment: {},
  follow_up_needs_program: {},
  assessment_before_enrollment: {},
  time_point_already_assessed: { date: 'text' },
  stale_baseline: { baselineOn: 'text', startDate: 'text' },
  baseline_kept_after_start: {},
  baseline_missing: {},
  fresh_baseline_before_first: { date: 'text' },
  rate_each_activity_once: {},
  day_outside_week: {},
  age_out_of_range: { min: 'number', max: 'number', age: 'number' },
  enrollment_before_screening: { date: 'text' },
  program_start_too_late: { days: 'number', date: 'text' },
  session_after_program_end: { date: 'text' },
  follow_up_before_program_start: { date: 'text' },
  assessment_after_later_time_point: { date: 'text' },
  assessment_before_earlier_time_point: { date: 'text' },
  deviation_reason_needed: { from: 'text', to: 'text' },
  treatment_consent_needed: {},
  treatment_consent_recorded: { date: 'text' },
  comparison_consent_needed: {},
  comparison_consent_not_given: {},
  consent_change_reason_needed: {},
  consent_withdrawal_before_consent: { date: 'text' },
  withdrawal_before_enrollment: {},
  runner_not_withdrawn: {},
  adverse_event_before_enrollment: {},
  assessment_not_found: {},
  adverse_event_not_found: {},
  record_voided: {},
  record_already_voided: {},
  record_not_voided: {},
  baseline_not_voidable: {},
  session_same_day: { date: 'text' },
  home_day_already_logged: { date: 'text' },
  program_on_hold: {},

  // Sites (Settings, clinic lead; the enrollment's site).
  site_not_found: {},
  site_code_taken: { code: 'text' },
  site_inactive: { code: 'text' },
  site_needed: {},
  site_last_active: {},

  // Publishing a program version (Settings, clinic lead).
  program_version_not_current: { program: 'text', version: 'number', current: 'number' },
  dosage_unit_changed: { exercise: 'text', week: 'number' },
  home_sessions_too_many: { max: 'number' },
  dosage_unchanged: {},

  // Backups and the database file.
  folder_not_writable: { reason: 'text' },
  backup_not_found: { name: 'text' },
  backup_unrestorable: { detail: 'text' },
  database_damaged: { file: 'text', detail: 'text' },
  database_newer: { file: 'text', detail: 'text' },
  database_restore_advice: { backup: 'text', createdAt: 'text', file: 'text' },
  database_no_backup: {},
  database_in_use: { file: 'text', program: 'text', pid: 'number', since: 'text' },
  database_in_use_unknown: { file: 'text' },
  database_needs_update: { file: 'text' },
  database_server_failed: { database: 'text', detail: 'text' },
  database_server_untouched: {},
  backup_folder_missing: { folder: 'text' },
  backup_folder_full: { folder: 'text' },
  backup_folder_read_only: { folder: 'text' },
  backup_folder_failed: { folder: 'text', detail: 'text' },
  backup_other_database: { clinic: 'text' },
  backup_confirm_clinic_name: { clinic: 'text' },
  backup_pg_tools_missing: { version: 'number', package: 'text' },
  backup_pg_tools_older: { version: 'number', found: 'number', package: 'text' },
  move_same_store: { database: 'text' },
  move_source_missing: { database: 'text' },
  move_source_version: { database: 'text', applied: 'number', known: 'number' },
  move_target_exists: { database: 'text' },
  move_target_not_empty: { database: 'text', table: 'text', rows: 'number' },
  move_figures_differ: { tables: 'text' },
  move_figures_differ_after_commit: { database: 'text', tables: 'text' },

  // Patient import.
  csv_empty: {},
  csv_unreadable: { detail: 'text' },
  csv_column_repeated: { column: 'text' },
  csv_columns_missing: { missing: 'text', expected: 'text' },
  csv_row_field_count: { found: 'number', expected: 'number' },
  csv_true_or_false: {},
  csv_spellings_sex: {},
  csv_spellings_language: {},
  csv_spellings_date: {},
  csv_spellings_yes_no: {},

  // Field checks (the contract's schemas).
  field_required: { field: 'field' },
  field_choose: { field: 'field' },
  field_too_long: { field: 'field', max: 'number' },
  field_range: { field: 'field', min: 'number', max: 'number' },
  field_invalid: {},
  text_too_long: { max: 'number' },
  text_hidden_characters: {},
  date_required: {},
  date_invalid: {},
  date_in_future: {},
  score_required: {},
  score_whole: {},
  score_range: {},
  sit_to_stand_range: { max: 'number' },
  sit_to_stand_not_at_time_point: {},
  week_range: { min: 'number', max: 'number' },
  clinic_id_characters: {},
  site_code_characters: { min: 'number', max: 'number' },
  email_invalid: {},
  criterion_met_required: {},
  criterion_reason_needed: {},
  criteria_each_once: {},
  answer_required: {},
  activities_too_few: { min: 'number' },
  activities_too_many: { max: 'number' },
  attended_required: {},
  missed_reason_needed: {},
  pain_before_needed: {},
  not_done_has_dose: {},
  not_done_reason_unneeded: {},
  date_range_order: {},
  runs_range_order: {},
  randomise_required: {},
  include_demo_required: {},
  export_form_required: {},
  export_separator_required: {},
  import_too_large: {},
  folder_full_path: {},
  logo_too_large: {},
  logo_type: {},
  username_too_short: { min: 'number' },
  username_characters: {},
  password_too_weak: {},
  password_too_common: {},
  home_done_required: {},
  home_days_too_few: {},
  home_days_too_many: { max: 'number' },
  day_entered_twice: {},
  comparison_consent_required: {},
  dosage_reps_both: {},
  dosage_reps_order: {},
  dosage_one_unit: {},
  dosage_load_both_languages: {},
  dosage_week_twice: {},

  // Why a statistical test was not computed.
  stats_two_groups: {},
  stats_group_too_small: { group: 'text', min: 'number', n: 'number' },
  stats_no_variation_pair: { first: 'text', second: 'text' },
  stats_no_variation: {},
  stats_baseline_constant: {},
  stats_exact_fit: {},

  // The desktop app's own dialog when the database cannot be opened.
  desk_restore_offer: { createdAt: 'text' },
  desk_no_backup: {},
  desk_restore_button: {},
  desk_quit_button: {},
  desk_start_failed: { detail: 'text' },

  // The desktop app's first start: where the clinic's data is kept (electron/storeChoice.ts).
  store_connection_failed: { server: 'text', detail: 'text' },

  // Failures of the browser-mode connection (src/api/client.ts).
  connection_no_token: {},
  connection_refused: { status: 'number' },
  connection_lost: {},
  request_too_large: { megabytes: 'number' },
} as const satisfies Record<string, Record<string, ParamKind>>

/** The input fields a field message can name (its `field` parameter). */
export const FIELD_NAMES = [
  'firstName',
  'lastName',
  'clinicId',
  'sex',
  'language',
  'program',
  'physician',
  'activity',
  'correctionReason',
  'reason',
  'ownName',
  'name',
  'clinicName',
  'patient',
  'enrollment',
  'session',
  'assessment',
  'ratedActivity',
  'runsPerWeek',
  'weeklyDistance',
  'yearsRunning',
  'username',
  'newPassword',
  'ownPassword',
  'currentPassword',
  'role',
  'folder',
  'backup',
  'csvFile',
  'consentTakenBy',
  'withdrawalCategory',
  'adverseEvent',
  'adverseEventDescription',
  'severity',
  'relatedness',
  'actionTaken',
  'comparisonConsent',
  'programVersion',
  'exercise',
  'sets',
  'repsMin',
  'repsMax',
  'holdSeconds',
  'durationSeconds',
  'loadEn',
  'loadDe',
  'homeSessions',
  'publicationNote',
  'site',
  'siteCode',
  'siteName',
  'runningAdvice',
] as const

export type MessageCode = keyof typeof MESSAGE_CODES
export type FieldName = (typeof FIELD_NAMES)[number]

type ParamValue<K extends ParamKind> = K extends 'number' ? number : K extends 'field' ? FieldName : string

/** The parameters a code takes, typed: `{ date: string }` for session_before_program_start. */
export type ParamsOf<C extends MessageCode> = {
  -readonly [P in keyof (typeof MESSAGE_CODES)[C]]: (typeof MESSAGE_CODES)[C][P] extends ParamKind
    ? ParamValue<(typeof MESSAGE_CODES)[C][P]>
    : never
}

/** A message as it travels: code, parameters and the English sentence (for logs and the command line; never parsed). */
export type Coded = {
  [C in MessageCode]: { code: C; params: ParamsOf<C>; message: string }
}[MessageCode]

/** A catalogue: every code's message and every field's name in one language, in vue-i18n syntax with named placeholders. */
export interface Catalogue {
  messages: Record<MessageCode, string>
  fields: Record<FieldName, string>
}
