ALTER TABLE `loops` ADD `decision_override` text;--> statement-breakpoint
ALTER TABLE `loops` ADD `decision_override_grounds` text;