CREATE TABLE `probe_ticks` (
	`scorecard_id` text NOT NULL,
	`probe_key` text NOT NULL,
	PRIMARY KEY(`scorecard_id`, `probe_key`),
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `rubric_dimensions` ADD `scale` text;--> statement-breakpoint
ALTER TABLE `rubric_dimensions` ADD `calibration` text;--> statement-breakpoint
ALTER TABLE `rubric_dimensions` ADD `levels` text;--> statement-breakpoint
ALTER TABLE `rubric_exercises` ADD `probes` text;--> statement-breakpoint
ALTER TABLE `rubric_exercises` ADD `phases` text;--> statement-breakpoint
ALTER TABLE `rubric_exercises` ADD `reveals` text;--> statement-breakpoint
ALTER TABLE `rubric_exercises` ADD `context` text;--> statement-breakpoint
ALTER TABLE `rubric_versions` ADD `format` integer;--> statement-breakpoint
ALTER TABLE `rubric_versions` ADD `decision_rule` text;--> statement-breakpoint
ALTER TABLE `rubric_versions` ADD `interviewer_guidance` text;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `level_signal` text;