CREATE TABLE `sign_in_failures` (
	`username` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_attempt_at` text NOT NULL,
	`blocked_until` text
);
