/*
 * Clinic scale (10,000 runners): one assessment per scheduled time point, kept
 * by a unique index; per-session dose totals and per-runner supervised
 * attendance kept by triggers for the program comparison; indexes for attended
 * weeks and each runner's open follow-ups.
 */
CREATE TABLE `enrollment_attendance` (
	`enrollment_id` integer PRIMARY KEY NOT NULL,
	`supervised_attended` integer NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `session_doses` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`exercises` integer NOT NULL,
	`as_prescribed` integer NOT NULL,
	`volume_ratio_sum` real NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_scheduled_time_point` ON `assessments` (`enrollment_id`,`time_point`) WHERE "assessments"."time_point" <> 'unscheduled';--> statement-breakpoint
CREATE INDEX `follow_ups_open` ON `follow_ups` (`enrollment_id`,`due_on`,`time_point`) WHERE "follow_ups"."assessment_id" is null;--> statement-breakpoint
CREATE INDEX `sessions_attended_weeks` ON `sessions` (`enrollment_id`,`kind`,`week`) WHERE "sessions"."attended" = 1;
--> statement-breakpoint
/*
 * session_doses: each session's dose totals, as the view session_dose_totals
 * computes them from its exercises, copied by these triggers whenever an
 * exercise row is written, in the same transaction (the view's WHERE on
 * session_id reaches the index, so one session is read, not the table).
 * Dose rules of electron/clinic/stats/fidelity.ts (exerciseFidelity): unit per
 * set = reps (upper end of the range; the lower end for "as prescribed"), else
 * the hold, else the duration, else the set itself; only exercises with a
 * prescribed dose count.
 */
CREATE VIEW `session_dose_totals` AS
  SELECT `session_id`, count(*) AS `exercises`,
    sum(coalesce(`done_sets`, 0) >= `prescribed_sets` AND coalesce(CASE WHEN `prescribed_reps_max` IS NOT NULL OR `prescribed_reps_min` IS NOT NULL THEN `done_reps` WHEN `prescribed_hold_seconds` IS NOT NULL THEN `done_hold_seconds` WHEN `prescribed_duration_seconds` IS NOT NULL THEN `done_duration_seconds` WHEN `done_sets` IS NOT NULL THEN 1 END, 0) >= coalesce(`prescribed_reps_min`, `prescribed_reps_max`, `prescribed_hold_seconds`, `prescribed_duration_seconds`, 1)) AS `as_prescribed`,
    sum(1.0 * coalesce(`done_sets`, 0) * coalesce(CASE WHEN `prescribed_reps_max` IS NOT NULL OR `prescribed_reps_min` IS NOT NULL THEN `done_reps` WHEN `prescribed_hold_seconds` IS NOT NULL THEN `done_hold_seconds` WHEN `prescribed_duration_seconds` IS NOT NULL THEN `done_duration_seconds` WHEN `done_sets` IS NOT NULL THEN 1 END, 0) / (`prescribed_sets` * coalesce(`prescribed_reps_max`, `prescribed_reps_min`, `prescribed_hold_seconds`, `prescribed_duration_seconds`, 1))) AS `volume_ratio_sum`
  FROM `session_exercises`
  WHERE `prescribed_sets` > 0 AND coalesce(`prescribed_reps_max`, `prescribed_reps_min`, `prescribed_hold_seconds`, `prescribed_duration_seconds`, 1) > 0
  GROUP BY `session_id`;
--> statement-breakpoint
CREATE TRIGGER `session_doses_after_insert` AFTER INSERT ON `session_exercises` BEGIN
  DELETE FROM `session_doses` WHERE `session_id` = NEW.`session_id`;
  INSERT INTO `session_doses` (`session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum`) SELECT `session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum` FROM `session_dose_totals` WHERE `session_id` = NEW.`session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `session_doses_after_update` AFTER UPDATE ON `session_exercises` BEGIN
  DELETE FROM `session_doses` WHERE `session_id` IN (OLD.`session_id`, NEW.`session_id`);
  INSERT INTO `session_doses` (`session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum`) SELECT `session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum` FROM `session_dose_totals` WHERE `session_id` IN (OLD.`session_id`, NEW.`session_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `session_doses_after_delete` AFTER DELETE ON `session_exercises` BEGIN
  DELETE FROM `session_doses` WHERE `session_id` = OLD.`session_id`;
  INSERT INTO `session_doses` (`session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum`) SELECT `session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum` FROM `session_dose_totals` WHERE `session_id` = OLD.`session_id`;
END;
--> statement-breakpoint
INSERT INTO `session_doses` (`session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum`) SELECT `session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum` FROM `session_dose_totals`;
--> statement-breakpoint
/*
 * enrollment_attendance: supervised sessions attended per enrollment, as the
 * view supervised_attendance_counts counts them, copied by these triggers
 * whenever a session is written, in the same transaction (no row: none attended).
 */
CREATE VIEW `supervised_attendance_counts` AS
  SELECT `enrollment_id`, count(*) AS `supervised_attended`
  FROM `sessions`
  WHERE `kind` = 'supervised' AND `attended` = 1
  GROUP BY `enrollment_id`;
--> statement-breakpoint
CREATE TRIGGER `enrollment_attendance_after_insert` AFTER INSERT ON `sessions` BEGIN
  DELETE FROM `enrollment_attendance` WHERE `enrollment_id` = NEW.`enrollment_id`;
  INSERT INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`) SELECT `enrollment_id`, `supervised_attended` FROM `supervised_attendance_counts` WHERE `enrollment_id` = NEW.`enrollment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollment_attendance_after_update` AFTER UPDATE OF `enrollment_id`, `kind`, `attended` ON `sessions` BEGIN
  DELETE FROM `enrollment_attendance` WHERE `enrollment_id` IN (OLD.`enrollment_id`, NEW.`enrollment_id`);
  INSERT INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`) SELECT `enrollment_id`, `supervised_attended` FROM `supervised_attendance_counts` WHERE `enrollment_id` IN (OLD.`enrollment_id`, NEW.`enrollment_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `enrollment_attendance_after_delete` AFTER DELETE ON `sessions` BEGIN
  DELETE FROM `enrollment_attendance` WHERE `enrollment_id` = OLD.`enrollment_id`;
  INSERT INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`) SELECT `enrollment_id`, `supervised_attended` FROM `supervised_attendance_counts` WHERE `enrollment_id` = OLD.`enrollment_id`;
END;
--> statement-breakpoint
INSERT INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`) SELECT `enrollment_id`, `supervised_attended` FROM `supervised_attendance_counts`;
