CREATE TABLE `enrollment_attendance` (
	`enrollment_id` integer PRIMARY KEY NOT NULL,
	`supervised_attended` integer NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
/*
 * enrollment_attendance: supervised sessions attended per enrollment, counted
 * again by these triggers whenever a session is written, in the same
 * transaction (a row with 0 once a runner's first session is recorded).
 */
CREATE TRIGGER `enrollment_attendance_after_insert` AFTER INSERT ON `sessions` BEGIN
  INSERT OR REPLACE INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`)
    SELECT NEW.`enrollment_id`, count(*) FROM `sessions`
    WHERE `enrollment_id` = NEW.`enrollment_id` AND `kind` = 'supervised' AND `attended` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollment_attendance_after_update` AFTER UPDATE OF `enrollment_id`, `kind`, `attended` ON `sessions` BEGIN
  INSERT OR REPLACE INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`)
    SELECT OLD.`enrollment_id`, count(*) FROM `sessions`
    WHERE `enrollment_id` = OLD.`enrollment_id` AND `kind` = 'supervised' AND `attended` = 1;
  INSERT OR REPLACE INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`)
    SELECT NEW.`enrollment_id`, count(*) FROM `sessions`
    WHERE `enrollment_id` = NEW.`enrollment_id` AND `kind` = 'supervised' AND `attended` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollment_attendance_after_delete` AFTER DELETE ON `sessions` BEGIN
  INSERT OR REPLACE INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`)
    SELECT OLD.`enrollment_id`, count(*) FROM `sessions`
    WHERE `enrollment_id` = OLD.`enrollment_id` AND `kind` = 'supervised' AND `attended` = 1;
END;
--> statement-breakpoint
INSERT INTO `enrollment_attendance` (`enrollment_id`, `supervised_attended`)
  SELECT `enrollment_id`, count(*) FROM `sessions` WHERE `kind` = 'supervised' AND `attended` = 1
  GROUP BY `enrollment_id`;
