/*
 * An exercise of a session can be recorded as not done (with an optional
 * reason): its done fields stay empty, so session_dose_totals (0004) counts it
 * with zero volume and not as prescribed, as electron/clinic/stats/fidelity.ts does.
 */
ALTER TABLE `session_exercises` ADD `not_done` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `session_exercises` ADD `not_done_reason` text;
