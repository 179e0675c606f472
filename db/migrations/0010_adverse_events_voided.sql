/* An adverse event entered in error can be voided (kept, marked, left out of every count and export), as sessions and assessments can since 0008. */
ALTER TABLE `adverse_events` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `adverse_events` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `adverse_events` ADD `void_reason` text;
