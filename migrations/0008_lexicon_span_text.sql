CREATE TABLE `lexicon_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`term` text NOT NULL,
	`label` text NOT NULL,
	`attributes` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lexicon_terms_unique_idx` ON `lexicon_terms` (`project_id`,`label`,`term`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_suggestion_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`suggester` text NOT NULL,
	`label` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`decision` text NOT NULL,
	`span_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`span_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_suggestion_decisions`("id", "article_id", "user_id", "suggester", "label", "start", "end", "decision", "span_id", "created_at") SELECT "id", "article_id", "user_id", "suggester", "label", "start", "end", "decision", "span_id", "created_at" FROM `suggestion_decisions`;--> statement-breakpoint
DROP TABLE `suggestion_decisions`;--> statement-breakpoint
ALTER TABLE `__new_suggestion_decisions` RENAME TO `suggestion_decisions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `suggestion_decisions_unique_idx` ON `suggestion_decisions` (`article_id`,`user_id`,`suggester`,`label`,`start`,`end`);