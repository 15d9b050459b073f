import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFromEnv, parseDatabaseTarget, redactUrl } from '../../../server/src/db/engine.js';

describe('database engine selection', () => {
  it('reads postgres:// as PostgreSQL and sqlite:FILE or a path as an SQLite file', () => {
    expect(parseDatabaseTarget('postgres://u:p@db:5432/mbw')).toEqual({ engine: 'postgres', url: 'postgres://u:p@db:5432/mbw' });
    expect(parseDatabaseTarget('postgresql://db/mbw').engine).toBe('postgres');
    expect(parseDatabaseTarget('sqlite:data/w.db')).toEqual({ engine: 'sqlite', path: resolve('data/w.db') });
    expect(parseDatabaseTarget('sqlite:///tmp/w.db')).toEqual({ engine: 'sqlite', path: '/tmp/w.db' });
    expect(parseDatabaseTarget('./w.db')).toEqual({ engine: 'sqlite', path: resolve('w.db') });
    expect(() => parseDatabaseTarget('mysql://db/mbw')).toThrow(/neither postgres/);
    expect(() => parseDatabaseTarget('sqlite:')).toThrow(/no file/);
  });

  it('takes DATABASE_URL over DATABASE_PATH, and refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(databaseFromEnv({ DATABASE_URL: 'postgres://db/mbw', DATABASE_PATH: 'x.db' })).toEqual({ engine: 'postgres', url: 'postgres://db/mbw' });
    expect(databaseFromEnv({ DATABASE_PATH: 'x.db' })).toEqual({ engine: 'sqlite', path: resolve('x.db') });
    expect(databaseFromEnv({})).toEqual({ engine: 'sqlite', path: resolve('data/workbench.db') });
    expect(() => databaseFromEnv({ DATABASE_URL: 'sqlite:x.db' })).toThrow(/must be postgres/);
  });

  it('hides the password in messages', () => {
    expect(redactUrl('postgres://mbw:secret@db:5432/mbw')).toBe('postgres://mbw:***@db:5432/mbw');
    expect(redactUrl('postgres://db/mbw')).toBe('postgres://db/mbw');
  });
});
