CREATE TABLE `enrollment_scores` (
	`enrollment_id` integer PRIMARY KEY NOT NULL,
	`running_pain_baseline` integer,
	`runability_baseline` real,
	`sit_to_stand_reps_baseline` integer,
	`out_of_window_baseline` integer,
	`running_pain_week_4` integer,
	`runability_week_4` real,
	`sit_to_stand_reps_week_4` integer,
	`out_of_window_week_4` integer,
	`running_pain_week_8` integer,
	`runability_week_8` real,
	`sit_to_stand_reps_week_8` integer,
	`out_of_window_week_8` integer,
	`running_pain_month_3` integer,
	`runability_month_3` real,
	`sit_to_stand_reps_month_3` integer,
	`out_of_window_month_3` integer,
	`running_pain_month_6` integer,
	`runability_month_6` real,
	`sit_to_stand_reps_month_6` integer,
	`out_of_window_month_6` integer,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
/*
 * Written by hand below: enrollment_scores is kept from this view by the triggers that follow, in the
 * writing transaction (as enrollment_attendance in 0004_clinic_scale): an enrollment's row is deleted
 * and read again from its scheduled, not voided assessments whenever one of them is written; no row when
 * there is none. At most one such assessment per time point (the unique index
 * assessments_scheduled_time_point), so min() and max() pick that one's values.
 */
CREATE VIEW `scheduled_scores` AS
  SELECT `enrollment_id`,
    min(CASE WHEN `time_point` = 'baseline' THEN `running_pain` END) AS `running_pain_baseline`,
    min(CASE WHEN `time_point` = 'baseline' THEN `runability` END) AS `runability_baseline`,
    min(CASE WHEN `time_point` = 'baseline' THEN `sit_to_stand_reps` END) AS `sit_to_stand_reps_baseline`,
    max(CASE WHEN `time_point` = 'baseline' THEN CASE WHEN `deviation_reason` IS NULL THEN 0 ELSE 1 END END) AS `out_of_window_baseline`,
    min(CASE WHEN `time_point` = 'week_4' THEN `running_pain` END) AS `running_pain_week_4`,
    min(CASE WHEN `time_point` = 'week_4' THEN `runability` END) AS `runability_week_4`,
    min(CASE WHEN `time_point` = 'week_4' THEN `sit_to_stand_reps` END) AS `sit_to_stand_reps_week_4`,
    max(CASE WHEN `time_point` = 'week_4' THEN CASE WHEN `deviation_reason` IS NULL THEN 0 ELSE 1 END END) AS `out_of_window_week_4`,
    min(CASE WHEN `time_point` = 'week_8' THEN `running_pain` END) AS `running_pain_week_8`,
    min(CASE WHEN `time_point` = 'week_8' THEN `runability` END) AS `runability_week_8`,
    min(CASE WHEN `time_point` = 'week_8' THEN `sit_to_stand_reps` END) AS `sit_to_stand_reps_week_8`,
    max(CASE WHEN `time_point` = 'week_8' THEN CASE WHEN `deviation_reason` IS NULL THEN 0 ELSE 1 END END) AS `out_of_window_week_8`,
    min(CASE WHEN `time_point` = 'month_3' THEN `running_pain` END) AS `running_pain_month_3`,
    min(CASE WHEN `time_point` = 'month_3' THEN `runability` END) AS `runability_month_3`,
    min(CASE WHEN `time_point` = 'month_3' THEN `sit_to_stand_reps` END) AS `sit_to_stand_reps_month_3`,
    max(CASE WHEN `time_point` = 'month_3' THEN CASE WHEN `deviation_reason` IS NULL THEN 0 ELSE 1 END END) AS `out_of_window_month_3`,
    min(CASE WHEN `time_point` = 'month_6' THEN `running_pain` END) AS `running_pain_month_6`,
    min(CASE WHEN `time_point` = 'month_6' THEN `runability` END) AS `runability_month_6`,
    min(CASE WHEN `time_point` = 'month_6' THEN `sit_to_stand_reps` END) AS `sit_to_stand_reps_month_6`,
    max(CASE WHEN `time_point` = 'month_6' THEN CASE WHEN `deviation_reason` IS NULL THEN 0 ELSE 1 END END) AS `out_of_window_month_6`
  FROM `assessments`
  WHERE `time_point` <> 'unscheduled' AND `voided_at` IS NULL
  GROUP BY `enrollment_id`;
--> statement-breakpoint
CREATE TRIGGER `enrollment_scores_after_insert` AFTER INSERT ON `assessments` WHEN NEW.`time_point` <> 'unscheduled' BEGIN
  DELETE FROM `enrollment_scores` WHERE `enrollment_id` = NEW.`enrollment_id`;
  INSERT INTO `enrollment_scores` (`enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6`)
    SELECT `enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6` FROM `scheduled_scores` WHERE `enrollment_id` = NEW.`enrollment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollment_scores_after_update` AFTER UPDATE OF `enrollment_id`, `time_point`, `running_pain`, `runability`, `sit_to_stand_reps`, `deviation_reason`, `voided_at` ON `assessments` BEGIN
  DELETE FROM `enrollment_scores` WHERE `enrollment_id` IN (OLD.`enrollment_id`, NEW.`enrollment_id`);
  INSERT INTO `enrollment_scores` (`enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6`)
    SELECT `enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6` FROM `scheduled_scores` WHERE `enrollment_id` IN (OLD.`enrollment_id`, NEW.`enrollment_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `enrollment_scores_after_delete` AFTER DELETE ON `assessments` WHEN OLD.`time_point` <> 'unscheduled' BEGIN
  DELETE FROM `enrollment_scores` WHERE `enrollment_id` = OLD.`enrollment_id`;
  INSERT INTO `enrollment_scores` (`enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6`)
    SELECT `enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6` FROM `scheduled_scores` WHERE `enrollment_id` = OLD.`enrollment_id`;
END;
--> statement-breakpoint
INSERT INTO `enrollment_scores` (`enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6`)
  SELECT `enrollment_id`, `running_pain_baseline`, `runability_baseline`, `sit_to_stand_reps_baseline`, `out_of_window_baseline`, `running_pain_week_4`, `runability_week_4`, `sit_to_stand_reps_week_4`, `out_of_window_week_4`, `running_pain_week_8`, `runability_week_8`, `sit_to_stand_reps_week_8`, `out_of_window_week_8`, `running_pain_month_3`, `runability_month_3`, `sit_to_stand_reps_month_3`, `out_of_window_month_3`, `running_pain_month_6`, `runability_month_6`, `sit_to_stand_reps_month_6`, `out_of_window_month_6` FROM `scheduled_scores`;
