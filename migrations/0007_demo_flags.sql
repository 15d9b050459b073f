ALTER TABLE `assignments` ADD `flag_reason` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `flagged_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The demo accounts the seed created before this column existed (its audit entry says demo: true).
UPDATE `users` SET `demo` = 1 WHERE `id` IN (SELECT CAST(`entity_id` AS integer) FROM `audit_log` WHERE `action` = 'create' AND `entity` = 'user' AND json_extract(`data`, '$.demo') = 1);
