CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`time_point` text NOT NULL,
	`assessed_on` text NOT NULL,
	`running_pain` integer NOT NULL,
	`runability` real NOT NULL,
	`runs_per_week` real,
	`weekly_distance_km` real,
	`session_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_enrollment` ON `assessments` (`enrollment_id`,`time_point`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`program_version_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`optional_exercises` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_version_id`) REFERENCES `program_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_enrollment_id_unique` ON `assignments` (`enrollment_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`record_id` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	`actor` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_record` ON `audit_log` (`table_name`,`record_id`);--> statement-breakpoint
CREATE TABLE `dosages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_version_exercise_id` integer NOT NULL,
	`week` integer NOT NULL,
	`sets` integer NOT NULL,
	`reps_min` integer,
	`reps_max` integer,
	`hold_seconds` integer,
	`duration_seconds` integer,
	`note` text,
	FOREIGN KEY (`program_version_exercise_id`) REFERENCES `program_version_exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dosages_exercise_week` ON `dosages` (`program_version_exercise_id`,`week`);--> statement-breakpoint
CREATE TABLE `eligibility_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`criterion` text NOT NULL,
	`met` integer NOT NULL,
	`override_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eligibility_enrollment_criterion` ON `eligibility_checks` (`enrollment_id`,`criterion`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`enrolled_on` text NOT NULL,
	`withdrawn_on` text,
	`withdrawal_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enrollments_patient` ON `enrollments` (`patient_id`);--> statement-breakpoint
CREATE TABLE `exercises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`content` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exercises_code_unique` ON `exercises` (`code`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`time_point` text NOT NULL,
	`due_on` text NOT NULL,
	`assessment_id` integer,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_enrollment_time_point` ON `follow_ups` (`enrollment_id`,`time_point`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`clinic_id` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`sex` text NOT NULL,
	`phone` text,
	`email` text,
	`preferred_language` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_clinic_id_unique` ON `patients` (`clinic_id`);--> statement-breakpoint
CREATE INDEX `patients_last_name` ON `patients` (`last_name`);--> statement-breakpoint
CREATE TABLE `program_version_exercises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_version_id` integer NOT NULL,
	`exercise_id` integer NOT NULL,
	`section` text NOT NULL,
	`position` integer NOT NULL,
	`optional` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`program_version_id`) REFERENCES `program_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pve_version` ON `program_version_exercises` (`program_version_id`);--> statement-breakpoint
CREATE TABLE `program_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`weeks` integer NOT NULL,
	`supervised_sessions_per_week` integer NOT NULL,
	`home_sessions_per_week` integer NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `program_versions_program_version` ON `program_versions` (`program_id`,`version`);--> statement-breakpoint
CREATE TABLE `programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programs_code_unique` ON `programs` (`code`);--> statement-breakpoint
CREATE TABLE `psfs_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`position` integer NOT NULL,
	`description` text NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `psfs_activities_enrollment_position` ON `psfs_activities` (`enrollment_id`,`position`);--> statement-breakpoint
CREATE TABLE `psfs_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`rating` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `psfs_activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `psfs_ratings_assessment_activity` ON `psfs_ratings` (`assessment_id`,`activity_id`);--> statement-breakpoint
CREATE TABLE `red_flag_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`screening_id` integer NOT NULL,
	`flag` text NOT NULL,
	`present` integer NOT NULL,
	FOREIGN KEY (`screening_id`) REFERENCES `red_flag_screenings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `red_flag_answers_screening_flag` ON `red_flag_answers` (`screening_id`,`flag`);--> statement-breakpoint
CREATE TABLE `red_flag_screenings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`screened_on` text NOT NULL,
	`outcome` text NOT NULL,
	`cleared_on` text,
	`cleared_by` text,
	`clearance_note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `red_flag_screenings_enrollment_id_unique` ON `red_flag_screenings` (`enrollment_id`);--> statement-breakpoint
CREATE TABLE `running_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`runs_per_week` real NOT NULL,
	`weekly_distance_km` real NOT NULL,
	`years_running` real NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `running_profiles_enrollment_id_unique` ON `running_profiles` (`enrollment_id`);--> statement-breakpoint
CREATE TABLE `session_exercises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`exercise_id` integer NOT NULL,
	`prescribed_sets` integer,
	`prescribed_reps_min` integer,
	`prescribed_reps_max` integer,
	`prescribed_hold_seconds` integer,
	`prescribed_duration_seconds` integer,
	`done_sets` integer,
	`done_reps` integer,
	`done_load_kg` real,
	`done_hold_seconds` integer,
	`done_duration_seconds` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_exercises_session` ON `session_exercises` (`session_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`session_date` text NOT NULL,
	`week` integer NOT NULL,
	`attended` integer NOT NULL,
	`missed_reason` text,
	`pain_before` integer,
	`pain_after` integer,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_enrollment_date` ON `sessions` (`enrollment_id`,`session_date`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
