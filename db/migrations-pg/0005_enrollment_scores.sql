CREATE TABLE "enrollment_scores" (
	"enrollment_id" integer PRIMARY KEY NOT NULL,
	"running_pain_baseline" integer,
	"runability_baseline" double precision,
	"sit_to_stand_reps_baseline" integer,
	"out_of_window_baseline" integer,
	"running_pain_week_4" integer,
	"runability_week_4" double precision,
	"sit_to_stand_reps_week_4" integer,
	"out_of_window_week_4" integer,
	"running_pain_week_8" integer,
	"runability_week_8" double precision,
	"sit_to_stand_reps_week_8" integer,
	"out_of_window_week_8" integer,
	"running_pain_month_3" integer,
	"runability_month_3" double precision,
	"sit_to_stand_reps_month_3" integer,
	"out_of_window_month_3" integer,
	"running_pain_month_6" integer,
	"runability_month_6" double precision,
	"sit_to_stand_reps_month_6" integer,
	"out_of_window_month_6" integer
);
--> statement-breakpoint
ALTER TABLE "enrollment_scores" ADD CONSTRAINT "enrollment_scores_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
/*
 * Written by hand below: the view and triggers of the SQLite migration 0016_enrollment_scores in
 * PL/pgSQL, as enrollment_attendance's in 0000_clinic (inserts and deletes once per statement, updates
 * per row). The group comparison now reads enrollment_scores, so the partial index of
 * 0003_comparison_scores has no reader left: dropped (an enrollment's refresh reads its at most five
 * scheduled assessments through the unique index assessments_scheduled_time_point).
 */
DROP INDEX "assessments_scheduled_scores";
--> statement-breakpoint
CREATE VIEW "scheduled_scores" AS
  SELECT "enrollment_id",
    min(CASE WHEN "time_point" = 'baseline' THEN "running_pain" END) AS "running_pain_baseline",
    min(CASE WHEN "time_point" = 'baseline' THEN "runability" END) AS "runability_baseline",
    min(CASE WHEN "time_point" = 'baseline' THEN "sit_to_stand_reps" END) AS "sit_to_stand_reps_baseline",
    max(CASE WHEN "time_point" = 'baseline' THEN CASE WHEN "deviation_reason" IS NULL THEN 0 ELSE 1 END END) AS "out_of_window_baseline",
    min(CASE WHEN "time_point" = 'week_4' THEN "running_pain" END) AS "running_pain_week_4",
    min(CASE WHEN "time_point" = 'week_4' THEN "runability" END) AS "runability_week_4",
    min(CASE WHEN "time_point" = 'week_4' THEN "sit_to_stand_reps" END) AS "sit_to_stand_reps_week_4",
    max(CASE WHEN "time_point" = 'week_4' THEN CASE WHEN "deviation_reason" IS NULL THEN 0 ELSE 1 END END) AS "out_of_window_week_4",
    min(CASE WHEN "time_point" = 'week_8' THEN "running_pain" END) AS "running_pain_week_8",
    min(CASE WHEN "time_point" = 'week_8' THEN "runability" END) AS "runability_week_8",
    min(CASE WHEN "time_point" = 'week_8' THEN "sit_to_stand_reps" END) AS "sit_to_stand_reps_week_8",
    max(CASE WHEN "time_point" = 'week_8' THEN CASE WHEN "deviation_reason" IS NULL THEN 0 ELSE 1 END END) AS "out_of_window_week_8",
    min(CASE WHEN "time_point" = 'month_3' THEN "running_pain" END) AS "running_pain_month_3",
    min(CASE WHEN "time_point" = 'month_3' THEN "runability" END) AS "runability_month_3",
    min(CASE WHEN "time_point" = 'month_3' THEN "sit_to_stand_reps" END) AS "sit_to_stand_reps_month_3",
    max(CASE WHEN "time_point" = 'month_3' THEN CASE WHEN "deviation_reason" IS NULL THEN 0 ELSE 1 END END) AS "out_of_window_month_3",
    min(CASE WHEN "time_point" = 'month_6' THEN "running_pain" END) AS "running_pain_month_6",
    min(CASE WHEN "time_point" = 'month_6' THEN "runability" END) AS "runability_month_6",
    min(CASE WHEN "time_point" = 'month_6' THEN "sit_to_stand_reps" END) AS "sit_to_stand_reps_month_6",
    max(CASE WHEN "time_point" = 'month_6' THEN CASE WHEN "deviation_reason" IS NULL THEN 0 ELSE 1 END END) AS "out_of_window_month_6"
  FROM "assessments"
  WHERE "time_point" <> 'unscheduled' AND "voided_at" IS NULL
  GROUP BY "enrollment_id";
--> statement-breakpoint
CREATE FUNCTION "enrollment_scores_refresh"(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "enrollment_scores" WHERE "enrollment_id" = ANY(ids);
  INSERT INTO "enrollment_scores" ("enrollment_id", "running_pain_baseline", "runability_baseline", "sit_to_stand_reps_baseline", "out_of_window_baseline", "running_pain_week_4", "runability_week_4", "sit_to_stand_reps_week_4", "out_of_window_week_4", "running_pain_week_8", "runability_week_8", "sit_to_stand_reps_week_8", "out_of_window_week_8", "running_pain_month_3", "runability_month_3", "sit_to_stand_reps_month_3", "out_of_window_month_3", "running_pain_month_6", "runability_month_6", "sit_to_stand_reps_month_6", "out_of_window_month_6")
    SELECT "enrollment_id", "running_pain_baseline", "runability_baseline", "sit_to_stand_reps_baseline", "out_of_window_baseline", "running_pain_week_4", "runability_week_4", "sit_to_stand_reps_week_4", "out_of_window_week_4", "running_pain_week_8", "runability_week_8", "sit_to_stand_reps_week_8", "out_of_window_week_8", "running_pain_month_3", "runability_month_3", "sit_to_stand_reps_month_3", "out_of_window_month_3", "running_pain_month_6", "runability_month_6", "sit_to_stand_reps_month_6", "out_of_window_month_6" FROM "scheduled_scores" WHERE "enrollment_id" = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION "enrollment_scores_after_assessments_written"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "enrollment_scores_refresh"(ARRAY(SELECT DISTINCT "enrollment_id" FROM new_rows WHERE "time_point" <> 'unscheduled'));
  ELSE
    PERFORM "enrollment_scores_refresh"(ARRAY(SELECT DISTINCT "enrollment_id" FROM old_rows WHERE "time_point" <> 'unscheduled'));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "enrollment_scores_after_assessment_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "enrollment_scores_refresh"(ARRAY[OLD."enrollment_id", NEW."enrollment_id"]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "enrollment_scores_after_insert" AFTER INSERT ON "assessments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "enrollment_scores_after_assessments_written"();
--> statement-breakpoint
CREATE TRIGGER "enrollment_scores_after_update" AFTER UPDATE OF "enrollment_id", "time_point", "running_pain", "runability", "sit_to_stand_reps", "deviation_reason", "voided_at" ON "assessments" FOR EACH ROW EXECUTE FUNCTION "enrollment_scores_after_assessment_update"();
--> statement-breakpoint
CREATE TRIGGER "enrollment_scores_after_delete" AFTER DELETE ON "assessments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "enrollment_scores_after_assessments_written"();
--> statement-breakpoint
INSERT INTO "enrollment_scores" ("enrollment_id", "running_pain_baseline", "runability_baseline", "sit_to_stand_reps_baseline", "out_of_window_baseline", "running_pain_week_4", "runability_week_4", "sit_to_stand_reps_week_4", "out_of_window_week_4", "running_pain_week_8", "runability_week_8", "sit_to_stand_reps_week_8", "out_of_window_week_8", "running_pain_month_3", "runability_month_3", "sit_to_stand_reps_month_3", "out_of_window_month_3", "running_pain_month_6", "runability_month_6", "sit_to_stand_reps_month_6", "out_of_window_month_6")
  SELECT "enrollment_id", "running_pain_baseline", "runability_baseline", "sit_to_stand_reps_baseline", "out_of_window_baseline", "running_pain_week_4", "runability_week_4", "sit_to_stand_reps_week_4", "out_of_window_week_4", "running_pain_week_8", "runability_week_8", "sit_to_stand_reps_week_8", "out_of_window_week_8", "running_pain_month_3", "runability_month_3", "sit_to_stand_reps_month_3", "out_of_window_month_3", "running_pain_month_6", "runability_month_6", "sit_to_stand_reps_month_6", "out_of_window_month_6" FROM "scheduled_scores";
