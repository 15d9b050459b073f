/**
 * Global set-up of the API pass on PostgreSQL (vitest.config.ts, project
 * "api (PostgreSQL)"): one database with every migration of migrations/pg
 * applied, from which each workbench of the tests is copied
 * (`CREATE DATABASE … TEMPLATE`, far quicker than migrating each); at the
 * end it and every copy are dropped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../server/src/db/pg/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const template = `mbw_tpl_${randomBytes(4).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE ${template}`));
  url.pathname = `/${template}`;
  const { pool } = await openPostgres(url.toString(), { max: 1 });
  await pool.end();
  project.provide('pgTemplate', template);
  return async () => {
    await onServer(async (c) => {
      const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [template, `${template}_%`]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
  };
}

/** A new database copied from the template (in a test process): its URL. */
export async function databaseFromTemplate(template: string): Promise<string> {
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
