/*
 * Correcting the record: sessions and assessments can be voided (entered in
 * error: kept, marked, left out of every count). A voided assessment frees its
 * time point (the unique index now skips voided ones); the group comparison's
 * covering index carries voided_at to join only those not voided. The trigger-kept tables
 * of 0004_clinic_scale follow: a voided session has no session_doses row and
 * is not counted in enrollment_attendance, which now counts distinct attended
 * days (one visit entered twice counts once). Both are recomputed here.
 */
DROP INDEX `assessments_enrollment_scores`;--> statement-breakpoint
DROP INDEX `assessments_scheduled_time_point`;--> statement-breakpoint
ALTER TABLE `assessments` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `void_reason` text;--> statement-breakpoint
CREATE INDEX `assessments_enrollment_scores` ON `assessments` (`enrollment_id`,`time_point`,`running_pain`,`runability`,`voided_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_scheduled_time_point` ON `assessments` (`enrollment_id`,`time_point`) WHERE "assessments"."time_point" <> 'unscheduled' and "assessments"."voided_at" is null;--> statement-breakpoint
ALTER TABLE `sessions` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `void_reason` text;
--> statement-breakpoint
DROP VIEW `session_dose_totals`;
--> statement-breakpoint
/* As in 0004_clinic_scale, but a voided session has no dose totals (a primary-key look-up per session). */
CREATE VIEW `session_dose_totals` AS
  SELECT `session_id`, count(*) AS `exercises`,
    sum(coalesce(`done_sets`, 0) >= `prescribed_sets` AND coalesce(CASE WHEN `prescribed_reps_max` IS NOT NULL OR `prescribed_reps_min` IS NOT NULL THEN `done_reps` WHEN `prescribed_hold_seconds` IS NOT NULL THEN `done_hold_seconds` WHEN `prescribed_duration_seconds` IS NOT NULL THEN `done_duration_seconds` WHEN `done_sets` IS NOT NULL THEN 1 END, 0) >= coalesce(`prescribed_reps_min`, `prescribed_reps_max`, `prescribed_hold_seconds`, `prescribed_duration_seconds`, 1)) AS `as_prescribed`,
    sum(1.0 * coalesce(`done_sets`, 0) * coalesce(CASE WHEN `prescribed_reps_max` IS NOT NULL OR `prescribed_reps_min` IS NOT NULL THEN `done_reps` WHEN `prescribed_hold_seconds` IS NOT NULL THEN `done_hold_seconds` WHEN `prescribed_duration_seconds` IS NOT NULL THEN `done_duration_seconds` WHEN `done_sets` IS NOT NULL THEN 1 END, 0) / (`prescribed_sets` * coalesce(`prescribed_reps_max`, `prescribed_reps_min`, `prescribed_hold_seconds`, `prescribed_duration_seconds`, 1))) AS `volume_ratio_sum`
  FROM `session_exercises`
  WHERE `prescribed_sets` > 0 AND coalesce(`prescribed_reps_max`, `prescribed_reps_min`, `prescribed_hold_seconds`, `prescribed_duration_seconds`, 1) > 0
    AND NOT EXISTS (SELECT 1 FROM `sessions` WHERE `sessions`.`id` = `session_exercises`.`session_id` AND `sessions`.`voided_at` IS NOT NULL)
  GROUP BY `session_id`;
--> statement-breakpoint
CREATE TRIGGER `session_doses_after_void` AFTER UPDATE OF `voided_at` ON `sessions` BEGIN
  DELETE FROM `session_doses` WHERE `session_id` = NEW.`id`;
  INSERT INTO `session_doses` (`session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum`) SELECT `session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum` FROM `session_dose_totals` WHERE `session_id` = NEW.`id`;
END;
--> statement-breakpoint
DELETE FROM `session_doses`;
--> statement-breakpoint
INSERT INTO `session_doses` (`session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum`) SELECT `session_id`, `exercises`, `as_prescribed`, `volume_ratio_sum` FROM `session_dose_totals`;
--> statement-breakpoint
DROP VIEW `supervised_attendance_counts`;
--> statement-breakpoint
/* Distinct days with an attended supervised session that is not voided. */
CREATE VIEW `supervised_attendance_counts` AS
  SELECT `enrollment_id`, count(DISTINCT `session_date`) AS `supervised_attended`
  FROM `sessions`
  WHERE `kind` = 'supervised' AND `attended` = 1 AND `voided_at` IS NULL
  GROUP BY `enrollment_id`;
--> statement-breakpoint
DROP TRIGGER `enrollment_attendance_after_update`;
--> statement-breakpoint
CREATE TRIGGER `enrollment_attendance_after_update` AFTER UPDATE OF `enrollment_id`, `kind`, `attended`, `session_date`, `voided_at` ON `sessions` BEGIN
  DELETE FROM `enrollment_attendance` WHERE `enrollment_id` IN (OLD.`enrollment_id`, NEW.`enrollment_id`);
  INSERT INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`) SELECT `enrollment_id`, `supervised_attended` FROM `supervised_attendance_counts` WHERE `enrollment_id` IN (OLD.`enrollment_id`, NEW.`enrollment_id`);
END;
--> statement-breakpoint
DELETE FROM `enrollment_attendance`;
--> statement-breakpoint
INSERT INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`) SELECT `enrollment_id`, `supervised_attended` FROM `supervised_attendance_counts`;
