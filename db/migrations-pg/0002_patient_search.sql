DROP INDEX "patients_last_name";--> statement-breakpoint
CREATE INDEX "patients_name_order" ON "patients" USING btree ("last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "patients_archived" ON "patients" USING btree ("archived_at") WHERE "patients"."archived_at" is not null;--> statement-breakpoint
/*
 * As-you-type patient search, served by an index (the SQLite store's FTS5 trigram table, migration
 * 0014_patient_search, is its twin): pg_trgm's GIN index over each patient's folded
 * "first last last first clinic-id", so a search's LIKE '%…%' is looked up, not scanned. Folded:
 * without diacritics (unaccent: Müller as Muller, Weiß as Weiss) and in lower case. Both are
 * trusted extensions (PostgreSQL 13 and later): a user who may create in the database may create them.
 * unaccent() is named with its schema and dictionary, so the fold is the same whatever the session's
 * search_path (what lets it be IMMUTABLE, as an index expression must be).
 */
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $do$
DECLARE
  home text := (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'unaccent');
BEGIN
  EXECUTE format(
    $f$CREATE FUNCTION patient_search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $body$ SELECT lower(%s.unaccent(%L::regdictionary, value)) $body$ $f$,
    home, home || '.unaccent');
END
$do$;
--> statement-breakpoint
CREATE INDEX "patients_search" ON "patients" USING gin (
  patient_search_fold("first_name" || ' ' || "last_name" || ' ' || "last_name" || ' ' || "first_name" || ' ' || "clinic_id") gin_trgm_ops
);
