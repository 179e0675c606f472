CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`deactivated_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_code_unique` ON `sites` (`code`);--> statement-breakpoint
/*
 * Generated as `site_id integer NOT NULL REFERENCES sites(id)`, which SQLite refuses on a table
 * that has rows (a NOT NULL column needs a default, and with foreign keys on a REFERENCES column
 * may only default to NULL). So the column is added nullable, filled below with the default site,
 * and triggers refuse a null from then on: no enrollment is without a site.
 */
ALTER TABLE `enrollments` ADD `site_id` integer REFERENCES sites(id);--> statement-breakpoint
CREATE INDEX `enrollments_site` ON `enrollments` (`site_id`);--> statement-breakpoint
/* The default site: every database has one, named after the clinic when its details are entered (the clinic lead may rename it). */
INSERT INTO `sites` (`id`, `code`, `name`, `created_by`) VALUES (
  1,
  'MAIN',
  coalesce(nullif(trim((SELECT json_extract(`value`, '$.clinicName') FROM `settings` WHERE `key` = 'clinic_details')), ''), 'Main site'),
  'migration'
);
--> statement-breakpoint
UPDATE `enrollments` SET `site_id` = 1;
--> statement-breakpoint
CREATE TRIGGER `enrollments_site_required_insert` BEFORE INSERT ON `enrollments` WHEN NEW.`site_id` IS NULL BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: enrollments.site_id');
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_site_required_update` BEFORE UPDATE OF `site_id` ON `enrollments` WHEN NEW.`site_id` IS NULL BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: enrollments.site_id');
END;
--> statement-breakpoint
/* Sites are never deleted: deactivated instead (their enrollments keep them). */
CREATE TRIGGER `sites_never_deleted` BEFORE DELETE ON `sites` BEGIN
  SELECT RAISE(ABORT, 'sites are deactivated, never deleted');
END;
