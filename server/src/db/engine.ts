/**
 * Which database engine a setting names: `postgres://…` (or `postgresql://…`)
 * is PostgreSQL, `sqlite:FILE` or a plain path is an SQLite file. The server
 * reads DATABASE_URL, then DATABASE_PATH (default ./data/workbench.db); the
 * copy command reads its --from and --to the same way.
 */
import { resolve } from 'node:path';

export type DatabaseTarget = { engine: 'postgres'; url: string } | { engine: 'sqlite'; path: string };

export const DEFAULT_DATABASE_PATH = './data/workbench.db';

/** A database named on the command line or in the environment. */
export function parseDatabaseTarget(spec: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(spec)) return { engine: 'postgres', url: spec };
  const path = spec.replace(/^sqlite:(\/\/)?/i, '');
  if (!path) throw new Error(`no file in "${spec}" (sqlite:FILE)`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new Error(`"${spec}" is neither postgres://… nor sqlite:FILE`);
  return { engine: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
}

/** The database the environment selects: DATABASE_URL (postgres://…) when set, else the SQLite file DATABASE_PATH. */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) {
    const target = parseDatabaseTarget(env.DATABASE_URL);
    if (target.engine !== 'postgres') throw new Error('DATABASE_URL must be postgres://… (an SQLite file is DATABASE_PATH)');
    return target;
  }
  return { engine: 'sqlite', path: resolve(env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH) };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
