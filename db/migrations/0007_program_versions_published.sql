ALTER TABLE `dosages` ADD `source` text;--> statement-breakpoint
ALTER TABLE `program_versions` ADD `origin` text DEFAULT 'catalogue' NOT NULL;--> statement-breakpoint
ALTER TABLE `program_versions` ADD `based_on_version_id` integer;--> statement-breakpoint
ALTER TABLE `program_versions` ADD `published_by` text;--> statement-breakpoint
ALTER TABLE `program_versions` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `program_versions` ADD `publication_note` text;--> statement-breakpoint
ALTER TABLE `program_versions` ADD `sources` text;--> statement-breakpoint
CREATE TRIGGER `program_versions_published_update` BEFORE UPDATE ON `program_versions` WHEN OLD.`origin` = 'clinic' BEGIN SELECT RAISE(ABORT, 'a published program version is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `program_versions_published_delete` BEFORE DELETE ON `program_versions` WHEN OLD.`origin` = 'clinic' BEGIN SELECT RAISE(ABORT, 'a published program version is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `program_version_exercises_published_update` BEFORE UPDATE ON `program_version_exercises` WHEN (SELECT `origin` FROM `program_versions` WHERE `id` = OLD.`program_version_id`) = 'clinic' BEGIN SELECT RAISE(ABORT, 'a published program version is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `program_version_exercises_published_delete` BEFORE DELETE ON `program_version_exercises` WHEN (SELECT `origin` FROM `program_versions` WHERE `id` = OLD.`program_version_id`) = 'clinic' BEGIN SELECT RAISE(ABORT, 'a published program version is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `dosages_published_update` BEFORE UPDATE ON `dosages` WHEN (SELECT pv.`origin` FROM `program_version_exercises` pve JOIN `program_versions` pv ON pv.`id` = pve.`program_version_id` WHERE pve.`id` = OLD.`program_version_exercise_id`) = 'clinic' BEGIN SELECT RAISE(ABORT, 'a published program version is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `dosages_published_delete` BEFORE DELETE ON `dosages` WHEN (SELECT pv.`origin` FROM `program_version_exercises` pve JOIN `program_versions` pv ON pv.`id` = pve.`program_version_id` WHERE pve.`id` = OLD.`program_version_exercise_id`) = 'clinic' BEGIN SELECT RAISE(ABORT, 'a published program version is never changed'); END;
