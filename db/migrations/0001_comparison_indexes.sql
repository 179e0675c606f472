DROP INDEX `assessments_enrollment`;--> statement-breakpoint
CREATE INDEX `assessments_enrollment_scores` ON `assessments` (`enrollment_id`,`time_point`,`running_pain`,`runability`);--> statement-breakpoint
CREATE INDEX `sessions_supervised_attended` ON `sessions` (`enrollment_id`) WHERE "sessions"."kind" = 'supervised' and "sessions"."attended" = 1;