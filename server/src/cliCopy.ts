/** `copy --from sqlite:FILE --to postgres://…`: the whole database into PostgreSQL (server/src/db/copy.ts). */
import { parseArgs } from 'node:util';
import { CopyError, copyDatabase, type CopyCount } from './db/copy.js';
import { parseDatabaseTarget, redactUrl } from './db/engine.js';

export { CopyError };

export const COPY_HELP = `Usage: npm run cli -- copy --from sqlite:FILE --to postgres://USER@HOST:PORT/DB [--force]

Copies everything in the SQLite database FILE (accounts, sessions, projects,
members, labels, articles, assignments, spans, links, gold, curation,
audit, suggestion decisions: every table) into the PostgreSQL database,
keeping every id, then counts each table on both sides and prints the counts.
The target gets the PostgreSQL schema (migrations/pg) first. It is written in
one transaction: if any count differs, nothing is kept. FILE is brought up to
date with the migrations first, as the server does when it starts; it is read
as one consistent moment, so a server may keep running on it.

Options:
  --from sqlite:FILE   the SQLite database (a plain path works too)
  --to postgres://…    the PostgreSQL database (created beforehand, e.g. createdb)
  --force              the target holds rows: delete them all and copy
                       (without it, a non-empty target is refused)
  --help               this text`;

export async function runCopy(args: string[]) {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(COPY_HELP);
  if (!values.from || !values.to) throw new CopyError('--from sqlite:FILE and --to postgres://… are both required');
  const from = parseOrRefuse('--from', values.from);
  const to = parseOrRefuse('--to', values.to);
  const where = `${from.engine === 'sqlite' ? from.path : redactUrl(from.url)} to ${to.engine === 'postgres' ? redactUrl(to.url) : to.path}`;
  console.error(`Copying ${where}…`);
  const counts = await copyDatabase(from, to, { force: values.force ?? false, onTable: (c) => console.error(`  copied ${c.table} (${c.target})`) });
  console.log(formatCounts(counts));
}

function parseOrRefuse(flag: string, spec: string) {
  try {
    return parseDatabaseTarget(spec);
  } catch (e) {
    throw new CopyError(`${flag}: ${(e as Error).message}`);
  }
}

export function formatCounts(counts: CopyCount[]): string {
  const width = Math.max(...counts.map((c) => c.table.length), 5);
  const total = counts.reduce((n, c) => n + c.target, 0);
  return [
    `${'table'.padEnd(width)} ${'sqlite'.padStart(9)} ${'postgres'.padStart(9)}`,
    ...counts.map((c) => `${c.table.padEnd(width)} ${String(c.source).padStart(9)} ${String(c.target).padStart(9)}`),
    `Copied ${total} rows; all ${counts.length} tables have the same count on both sides.`,
  ].join('\n');
}
