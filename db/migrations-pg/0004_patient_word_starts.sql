CREATE INDEX "assignments_start_date" ON "assignments" USING btree ("start_date","enrollment_id");--> statement-breakpoint
CREATE INDEX "enrollments_withdrawn" ON "enrollments" USING btree ("patient_id") WHERE "enrollments"."withdrawn_on" is not null;--> statement-breakpoint
CREATE INDEX "red_flag_screenings_awaiting" ON "red_flag_screenings" USING btree ("enrollment_id") WHERE "red_flag_screenings"."outcome" <> 'clear' and "red_flag_screenings"."cleared_on" is null;--> statement-breakpoint
/*
 * A search of one or two letters, served by an index (the SQLite store's FTS5 table patients_words,
 * migration 0015_patient_word_starts, is its twin): the one- and two-letter starts of each word of a
 * patient's folded names and clinic ID (patient_search_fold, 0002_patient_search), one row per start
 * and patient in the table patient_word_starts, kept by the triggers below whichever code writes the
 * patient (and emptied with the patient by its foreign key). A table, not an index over the function:
 * the planner prices an index's recheck as the function run on every row it fetches, so for a search
 * matching most patients it would work the (costly) function out for each of them; here a search is a
 * range of the index patient_word_starts_lookup, and the function runs only when a patient is written.
 * Words are split at ASCII characters that are not a letter or digit and at a few typographic marks
 * (’ ‘ ‚ ‛ “ ” „ – — · and the no-break space); other characters are kept in words, whatever the
 * server's locale. patient_search_fold is named with its schema, as unaccent is in it, so the result
 * is the same whatever the session's search_path.
 */
DO $do$
DECLARE
  home text := (SELECT quote_ident(pronamespace::regnamespace::text) FROM pg_proc WHERE proname = 'patient_search_fold');
BEGIN
  EXECUTE format(
    $f$CREATE FUNCTION patient_search_word_starts(value text) RETURNS SETOF text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $body$
        SELECT DISTINCT left(word, starts.length)
        FROM regexp_split_to_table(
          translate(%s.patient_search_fold(value), E'\u2019\u2018\u201A\u201B\u201C\u201D\u201E\u2013\u2014\u00B7\u00A0', '           '),
          '[^a-z0-9\u0080-\U0010FFFF]+'
        ) AS word, (VALUES (1), (2)) AS starts(length)
        WHERE word <> ''
      $body$ $f$,
    home);
END
$do$;
--> statement-breakpoint
CREATE TABLE "patient_word_starts" (
  "patient_id" integer NOT NULL REFERENCES "patients" ("id") ON DELETE CASCADE,
  "word_start" text NOT NULL,
  PRIMARY KEY ("patient_id", "word_start")
);
--> statement-breakpoint
INSERT INTO "patient_word_starts" ("patient_id", "word_start")
  SELECT "id", patient_search_word_starts("first_name" || ' ' || "last_name" || ' ' || "last_name" || ' ' || "first_name" || ' ' || "clinic_id") FROM "patients";
--> statement-breakpoint
CREATE INDEX "patient_word_starts_lookup" ON "patient_word_starts" ("word_start", "patient_id");
--> statement-breakpoint
CREATE FUNCTION patient_word_starts_keep() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM patient_word_starts WHERE patient_id = OLD.id;
  END IF;
  INSERT INTO patient_word_starts (patient_id, word_start)
    SELECT NEW.id, patient_search_word_starts(NEW.first_name || ' ' || NEW.last_name || ' ' || NEW.last_name || ' ' || NEW.first_name || ' ' || NEW.clinic_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "patient_word_starts_after_insert" AFTER INSERT ON "patients" FOR EACH ROW EXECUTE FUNCTION patient_word_starts_keep();
--> statement-breakpoint
CREATE TRIGGER "patient_word_starts_after_update" AFTER UPDATE OF "first_name", "last_name", "clinic_id" ON "patients" FOR EACH ROW EXECUTE FUNCTION patient_word_starts_keep();
