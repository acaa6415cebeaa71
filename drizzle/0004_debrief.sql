CREATE TABLE `debrief_attendance` (
	`session_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `debrief_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `debrief_items` (
	`session_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`revealed_at` integer,
	`elapsed_ms` integer DEFAULT 0 NOT NULL,
	`conclusion` text DEFAULT '' NOT NULL,
	`noted_by` text,
	`noted_at` integer,
	PRIMARY KEY(`session_id`, `position`),
	FOREIGN KEY (`session_id`) REFERENCES `debrief_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`noted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debrief_items_key_unique` ON `debrief_items` (`session_id`,`key`);--> statement-breakpoint
CREATE TABLE `debrief_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`loop_id` text NOT NULL,
	`facilitator_id` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`current_position` integer DEFAULT 0 NOT NULL,
	`current_started_at` integer NOT NULL,
	`started_at` integer NOT NULL,
	`concluded_at` integer,
	FOREIGN KEY (`loop_id`) REFERENCES `loops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`facilitator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debrief_sessions_loop_unique` ON `debrief_sessions` (`loop_id`);