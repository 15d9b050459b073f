CREATE TABLE `suggestion_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`suggester` text NOT NULL,
	`label` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`decision` text NOT NULL,
	`span_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`span_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suggestion_decisions_unique_idx` ON `suggestion_decisions` (`article_id`,`user_id`,`suggester`,`label`,`start`,`end`);--> statement-breakpoint
ALTER TABLE `articles` ADD `story` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `suggestions` integer DEFAULT true NOT NULL;