DROP INDEX `patients_last_name`;--> statement-breakpoint
CREATE INDEX `patients_name_order` ON `patients` (`last_name`,`first_name`,`id`);--> statement-breakpoint
CREATE INDEX `patients_archived` ON `patients` (`archived_at`) WHERE "patients"."archived_at" is not null;--> statement-breakpoint
/*
 * As-you-type patient search, served by an index: a trigram full-text table over each patient's
 * "first last last first clinic-id" (so "anna mei", "Meier A" and "BS-0004" match as substrings),
 * folding case and diacritics ("mull" and "MÜLL" find Müller). Contentless (the names stay in
 * `patients` only), its rowid is the patient's id, kept by the triggers below on every insert,
 * correction and delete of a patient, whichever code writes it.
 */
CREATE VIRTUAL TABLE `patients_search` USING fts5(`names`, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');
--> statement-breakpoint
INSERT INTO `patients_search` (`rowid`, `names`)
  SELECT `id`, `first_name` || ' ' || `last_name` || ' ' || `last_name` || ' ' || `first_name` || ' ' || `clinic_id` FROM `patients`;
--> statement-breakpoint
CREATE TRIGGER `patients_search_after_insert` AFTER INSERT ON `patients` BEGIN
  INSERT INTO `patients_search` (`rowid`, `names`)
    VALUES (NEW.`id`, NEW.`first_name` || ' ' || NEW.`last_name` || ' ' || NEW.`last_name` || ' ' || NEW.`first_name` || ' ' || NEW.`clinic_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `patients_search_after_update` AFTER UPDATE OF `first_name`, `last_name`, `clinic_id` ON `patients` BEGIN
  DELETE FROM `patients_search` WHERE `rowid` = OLD.`id`;
  INSERT INTO `patients_search` (`rowid`, `names`)
    VALUES (NEW.`id`, NEW.`first_name` || ' ' || NEW.`last_name` || ' ' || NEW.`last_name` || ' ' || NEW.`first_name` || ' ' || NEW.`clinic_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `patients_search_after_delete` AFTER DELETE ON `patients` BEGIN
  DELETE FROM `patients_search` WHERE `rowid` = OLD.`id`;
END;
