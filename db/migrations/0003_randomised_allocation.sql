CREATE TABLE `allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`stratum` text NOT NULL,
	`position` integer NOT NULL,
	`program_code` text NOT NULL,
	`allocated_at` text NOT NULL,
	`allocated_by` text NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocations_enrollment_id_unique` ON `allocations` (`enrollment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `allocations_stratum_position` ON `allocations` (`stratum`,`position`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `randomised` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `assignments` ADD `non_randomised_reason` text;--> statement-breakpoint
CREATE TRIGGER `allocations_immutable_update` BEFORE UPDATE ON `allocations` BEGIN SELECT RAISE(ABORT, 'a randomised allocation is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `allocations_immutable_delete` BEFORE DELETE ON `allocations` BEGIN SELECT RAISE(ABORT, 'a randomised allocation is never deleted'); END;
