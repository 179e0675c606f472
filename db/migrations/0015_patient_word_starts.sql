CREATE INDEX `assignments_start_date` ON `assignments` (`start_date`,`enrollment_id`);--> statement-breakpoint
CREATE INDEX `enrollments_withdrawn` ON `enrollments` (`patient_id`) WHERE "enrollments"."withdrawn_on" is not null;--> statement-breakpoint
CREATE INDEX `red_flag_screenings_awaiting` ON `red_flag_screenings` (`enrollment_id`) WHERE "red_flag_screenings"."outcome" <> 'clear' and "red_flag_screenings"."cleared_on" is null;--> statement-breakpoint
/*
 * A search of one or two letters, served by an index: the start of a word of a patient's names or
 * clinic ID ("ma" finds Maier and Anna-Maria, "00" finds BS-0004). The trigram table patients_search
 * (0014_patient_search) needs three letters. Words as FTS5's unicode61 tokenizer reads them (split at
 * every character that is not a letter or digit), folded in case and diacritics (remove_diacritics 2),
 * with prefix indexes of one and two letters. Contentless, its rowid is the patient's id, kept by the
 * triggers below beside patients_search's, whichever code writes the patient.
 */
CREATE VIRTUAL TABLE `patients_words` USING fts5(`names`, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2');
--> statement-breakpoint
INSERT INTO `patients_words` (`rowid`, `names`)
  SELECT `id`, `first_name` || ' ' || `last_name` || ' ' || `last_name` || ' ' || `first_name` || ' ' || `clinic_id` FROM `patients`;
--> statement-breakpoint
CREATE TRIGGER `patients_words_after_insert` AFTER INSERT ON `patients` BEGIN
  INSERT INTO `patients_words` (`rowid`, `names`)
    VALUES (NEW.`id`, NEW.`first_name` || ' ' || NEW.`last_name` || ' ' || NEW.`last_name` || ' ' || NEW.`first_name` || ' ' || NEW.`clinic_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `patients_words_after_update` AFTER UPDATE OF `first_name`, `last_name`, `clinic_id` ON `patients` BEGIN
  DELETE FROM `patients_words` WHERE `rowid` = OLD.`id`;
  INSERT INTO `patients_words` (`rowid`, `names`)
    VALUES (NEW.`id`, NEW.`first_name` || ' ' || NEW.`last_name` || ' ' || NEW.`last_name` || ' ' || NEW.`first_name` || ' ' || NEW.`clinic_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `patients_words_after_delete` AFTER DELETE ON `patients` BEGIN
  DELETE FROM `patients_words` WHERE `rowid` = OLD.`id`;
END;
