CREATE TABLE `evidence_acknowledgements` (
	`scorecard_id` text NOT NULL,
	`finding_key` text NOT NULL,
	`category` text NOT NULL,
	`field_path` text NOT NULL,
	`sentence` text NOT NULL,
	`reason` text NOT NULL,
	`acknowledged_by` text NOT NULL,
	`acknowledged_at` integer NOT NULL,
	PRIMARY KEY(`scorecard_id`, `finding_key`),
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
