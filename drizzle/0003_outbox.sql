CREATE TABLE `calendar_invites` (
	`interview_id` text NOT NULL,
	`panelist_id` text NOT NULL,
	`loop_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`start` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`exercise_id` text NOT NULL,
	`cancelled` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`interview_id`, `panelist_id`)
);
--> statement-breakpoint
CREATE INDEX `calendar_invites_loop_idx` ON `calendar_invites` (`loop_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`recipient` text NOT NULL,
	`recipient_user_id` text,
	`loop_id` text,
	`scorecard_id` text,
	`webhook_id` text,
	`subject` text DEFAULT '' NOT NULL,
	`body_text` text DEFAULT '' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`attachments` text DEFAULT '[]' NOT NULL,
	`message_id` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`available_at` integer NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`transport` text,
	`last_attempt_at` integer,
	`last_response` text,
	`sent_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`available_at`);--> statement-breakpoint
CREATE INDEX `outbox_loop_idx` ON `outbox` (`loop_id`);--> statement-breakpoint
CREATE INDEX `outbox_scorecard_idx` ON `outbox` (`scorecard_id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
