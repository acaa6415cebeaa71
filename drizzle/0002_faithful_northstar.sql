CREATE TABLE `login_throttles` (
	`scope` text NOT NULL,
	`account` text NOT NULL,
	`address` text NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`blocked_until` integer DEFAULT 0 NOT NULL,
	`last_success_at` integer,
	PRIMARY KEY(`scope`, `account`, `address`)
);
