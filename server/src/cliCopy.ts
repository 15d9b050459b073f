/** `copy --from sqlite:FILE --to postgres://…` (or back): the whole database into the other engine (server/src/db/copy.ts). */
import { parseArgs } from 'node:util';
import { CopyError, copyDatabase, type CopyCount } from './db/copy.js';
import { parseDatabaseTarget, redactUrl } from './db/engine.js';

export { CopyError };

export const COPY_HELP = `Usage: npm run cli -- copy --from sqlite:FILE --to postgres://USER@HOST:PORT/DB [--force]
       npm run cli -- copy --from postgres://… --to sqlite:FILE [--force]

Copies everything in one database (accounts, sessions, projects, members,
labels, articles, assignments, spans, links, gold, curation, audit,
suggestion decisions: every table) into the other engine's, keeping every
id, then counts each table on both sides and prints the counts. Both ends
get their migrations first, as the server does when it starts (an SQLite
target FILE is created when missing). The source is read as one consistent
moment, so a server may keep running on it; the target is written in one
transaction: if any count differs, nothing is kept. An SQLite target held
by a running server is refused.

Options:
  --from <db>   sqlite:FILE (a plain path works too) or postgres://…
  --to <db>     the other engine (a PostgreSQL database is created beforehand, e.g. createdb)
  --force       the target holds rows: delete them all and copy
                (without it, a non-empty target is refused)
  --help        this text`;

export async function runCopy(args: string[]) {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(COPY_HELP);
  if (!values.from || !values.to) throw new CopyError('--from sqlite:FILE and --to postgres://… are both required');
  const from = parseOrRefuse('--from', values.from);
  const to = parseOrRefuse('--to', values.to);
  const where = `${from.engine === 'sqlite' ? from.path : redactUrl(from.url)} to ${to.engine === 'postgres' ? redactUrl(to.url) : to.path}`;
  console.error(`Copying ${where}…`);
  const counts = await copyDatabase(from, to, { force: values.force ?? false, onTable: (c) => console.error(`  copied ${c.table} (${c.target})`) });
  console.log(formatCounts(counts, from.engine === 'sqlite' ? ['sqlite', 'postgres'] : ['postgres', 'sqlite']));
}

function parseOrRefuse(flag: string, spec: string) {
  try {
    return parseDatabaseTarget(spec);
  } catch (e) {
    throw new CopyError(`${flag}: ${(e as Error).message}`);
  }
}

export function formatCounts(counts: CopyCount[], [source, target]: [string, string]): string {
  const width = Math.max(...counts.map((c) => c.table.length), 5);
  const total = counts.reduce((n, c) => n + c.target, 0);
  return [
    `${'table'.padEnd(width)} ${source.padStart(9)} ${target.padStart(9)}`,
    ...counts.map((c) => `${c.table.padEnd(width)} ${String(c.source).padStart(9)} ${String(c.target).padStart(9)}`),
    `Copied ${total} rows; all ${counts.length} tables have the same count on both sides.`,
  ].join('\n');
}
