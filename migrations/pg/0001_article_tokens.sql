ALTER TABLE "articles" ADD COLUMN "tokens" "bytea";--> statement-breakpoint
CREATE INDEX "articles_tokens_missing_idx" ON "articles" USING btree ("id") WHERE "articles"."tokens" IS NULL;