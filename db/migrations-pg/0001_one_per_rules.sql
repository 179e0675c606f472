DROP INDEX "enrollments_patient";--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_one_per_patient" ON "enrollments" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_one_home_day" ON "sessions" USING btree ("enrollment_id","session_date") WHERE "sessions"."kind" = 'home' and "sessions"."voided_at" is null;