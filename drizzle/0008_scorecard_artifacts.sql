CREATE TABLE `scorecard_artifacts` (
	`id` text PRIMARY KEY NOT NULL,
	`scorecard_id` text NOT NULL,
	`media_type` text NOT NULL,
	`caption` text NOT NULL,
	`dimension_key` text,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`byte_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scorecard_artifacts_scorecard_idx` ON `scorecard_artifacts` (`scorecard_id`,`created_at`);