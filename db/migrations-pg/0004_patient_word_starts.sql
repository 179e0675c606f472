CREATE INDEX "assignments_start_date" ON "assignments" USING btree ("start_date","enrollment_id");--> statement-breakpoint
CREATE INDEX "enrollments_withdrawn" ON "enrollments" USING btree ("patient_id") WHERE "enrollments"."withdrawn_on" is not null;--> statement-breakpoint
CREATE INDEX "red_flag_screenings_awaiting" ON "red_flag_screenings" USING btree ("enrollment_id") WHERE "red_flag_screenings"."outcome" <> 'clear' and "red_flag_screenings"."cleared_on" is null;--> statement-breakpoint
/*
 * A search of one or two letters, served by an index (the SQLite store's FTS5 table patients_words,
 * migration 0015_patient_word_starts, is its twin): the one- and two-letter starts of each word of a
 * patient's folded names and clinic ID (patient_search_fold, 0002_patient_search), as an array under a
 * GIN index, so "ma" is looked up as an element. Words are split at ASCII characters that are not a
 * letter or digit and at a few typographic marks (’ ‘ ‚ ‛ “ ” „ – — · and the no-break space); other
 * characters are kept in words, whatever the server's locale. patient_search_fold is named with its
 * schema, as unaccent is in it, so the result is the same whatever the session's search_path.
 */
DO $do$
DECLARE
  home text := (SELECT quote_ident(pronamespace::regnamespace::text) FROM pg_proc WHERE proname = 'patient_search_fold');
BEGIN
  EXECUTE format(
    $f$CREATE FUNCTION patient_search_word_starts(value text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $body$
        SELECT coalesce(array_agg(DISTINCT left(word, starts.length) ORDER BY left(word, starts.length)), '{}')
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
CREATE INDEX "patients_word_starts" ON "patients" USING gin (
  patient_search_word_starts("first_name" || ' ' || "last_name" || ' ' || "last_name" || ' ' || "first_name" || ' ' || "clinic_id")
);
