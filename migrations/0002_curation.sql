CREATE TABLE `assignment_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`event` text NOT NULL,
	`comment` text,
	`actor_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assignment_events_idx` ON `assignment_events` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `curation` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`curator_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`curator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `curation_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `curation_history_article_idx` ON `curation_history` (`article_id`);--> statement-breakpoint
CREATE TABLE `gold_relations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`type` text NOT NULL,
	FOREIGN KEY (`from_id`) REFERENCES `gold_spans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_id`) REFERENCES `gold_spans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gold_relations_idx` ON `gold_relations` (`from_id`,`to_id`,`type`);--> statement-breakpoint
CREATE TABLE `gold_spans` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` integer NOT NULL,
	`label_key` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`quote` text NOT NULL,
	`attributes` text NOT NULL,
	`open_attributes` text NOT NULL,
	`decision` text NOT NULL,
	`sources` text NOT NULL,
	`annotators` text NOT NULL,
	`curator_id` integer,
	`decided_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`curator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `gold_article_idx` ON `gold_spans` (`article_id`);--> statement-breakpoint
CREATE TABLE `rejections` (
	`annotation_id` text PRIMARY KEY NOT NULL,
	`article_id` integer NOT NULL,
	`reason` text NOT NULL,
	`curator_id` integer,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`annotation_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`curator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `rejections_article_idx` ON `rejections` (`article_id`);--> statement-breakpoint
ALTER TABLE `projects` ADD `gold_feedback` integer DEFAULT false NOT NULL;