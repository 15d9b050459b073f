/* global process, console, performance */
// `npm run cli -- <command> …`: runs the command line bundled ahead
// (server/dist/cli.mjs, see build-cli.mjs), building it first when it is
// missing or older than any of its sources, so a fresh clone (after `npm ci`)
// and an edited tree both run the current code. When the tree cannot be
// bundled (a module of another command is broken mid-edit), it runs the
// sources through tsx, as before, where each command loads only its modules.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, ENTRY, OUT, SOURCES } from './build-cli.mjs';

/** The newest modification time (ms) of a file or of any file in a folder. */
async function newest(path) {
  const s = await stat(path).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(path, { withFileTypes: true });
  const times = await Promise.all(entries.map((e) => newest(join(path, e.name))));
  return Math.max(s.mtimeMs, ...times);
}

const built = (await stat(OUT).catch(() => null))?.mtimeMs ?? -1;
const sources = Math.max(...(await Promise.all(SOURCES.map(newest))));
let bundled = true;
if (built < sources) {
  const t0 = performance.now();
  try {
    await buildCli({ quiet: true });
    if (process.stderr.isTTY) console.error(`(built ${OUT} in ${Math.round(performance.now() - t0)} ms)`);
  } catch (e) {
    bundled = false;
    console.error(`(could not bundle the command line, running its sources through tsx: ${String(e.message).split('\n')[1] ?? e.message})`);
  }
}
if (bundled) await import(pathToFileURL(OUT).href);
else await (await import('tsx/esm/api')).tsImport(pathToFileURL(ENTRY).href, import.meta.url);
