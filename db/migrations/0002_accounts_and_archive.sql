CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
ALTER TABLE `assessments` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `eligibility_checks` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `archived_by` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `red_flag_screenings` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `running_profiles` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `created_by` text;