CREATE TABLE `adverse_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`description` text NOT NULL,
	`severity` text NOT NULL,
	`related` text NOT NULL,
	`action_taken` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adverse_events_enrollment` ON `adverse_events` (`enrollment_id`,`occurred_on`);--> statement-breakpoint
ALTER TABLE `assessments` ADD `deviation_reason` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `withdrawal_category` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `consent_asked` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `treatment_consent_on` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `treatment_consent_by` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `comparison_consent` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `comparison_consent_on` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `comparison_consent_withdrawn_on` text;