import { defineConfig } from 'drizzle-kit';

/** PostgreSQL's migrations, generated from the mirror of the SQLite schema (`npm run db:generate:pg`). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: '../migrations/pg',
});
