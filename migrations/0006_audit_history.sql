ALTER TABLE `audit_log` ADD `before` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `after` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `article_id` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `project_id` integer;--> statement-breakpoint
CREATE INDEX `audit_article_idx` ON `audit_log` (`article_id`);--> statement-breakpoint
CREATE INDEX `audit_project_idx` ON `audit_log` (`project_id`);