DROP INDEX `assessments_enrollment_scores`;--> statement-breakpoint
ALTER TABLE `assessments` ADD `sit_to_stand_reps` integer;--> statement-breakpoint
CREATE INDEX `assessments_enrollment_scores` ON `assessments` (`enrollment_id`,`time_point`,`running_pain`,`runability`,`voided_at`,`sit_to_stand_reps`);--> statement-breakpoint
ALTER TABLE `enrollments` ADD `running_advice` text;