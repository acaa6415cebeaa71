CREATE TABLE `searches` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`rubric_id` text NOT NULL,
	`hiring_manager_id` text NOT NULL,
	`headcount` integer,
	`notes` text DEFAULT '' NOT NULL,
	`created_by` text,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`rubric_id`) REFERENCES `rubrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hiring_manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `searches_hm_idx` ON `searches` (`hiring_manager_id`);--> statement-breakpoint
ALTER TABLE `loops` ADD `search_id` text REFERENCES searches(id);--> statement-breakpoint
CREATE INDEX `loops_search_idx` ON `loops` (`search_id`);