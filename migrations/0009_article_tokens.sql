ALTER TABLE `articles` ADD `tokens` blob;--> statement-breakpoint
CREATE INDEX `articles_tokens_missing_idx` ON `articles` (`id`) WHERE "articles"."tokens" IS NULL;