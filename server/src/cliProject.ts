/**
 * `npm run cli -- import …` and `npm run cli -- export …`: a project's data in
 * and out of the server's database (DATABASE_URL, else the file DATABASE_PATH)
 * through the server's services.
 */
import { eq } from 'drizzle-orm';
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeManifest, exportQuerySchema, importQuerySchema } from '@mbw/shared';
import { progress, UsageError } from './cliCommon.js';
import { describeImport, IMPORT_FLAG_FIELDS, IMPORT_FLAGS } from './cliImport.js';
import type { Db } from './db/client.js';
import { databaseFromEnv } from './db/engine.js';
import { openTarget } from './db/open.js';
import { projects } from './db/tables.js';
import { first } from './db/tx.js';
import { planExport } from './services/exports.js';
import { importDataset } from './services/imports.js';

export const IMPORT_HELP = `Usage: npm run cli -- import --project <id> [options] <file>...

Imports each file (or zip of files) into the project: jsonl (the interchange
format: articles, optionally with spans from several annotators), txt (one
article; the first line is the title when a blank line follows), webanno
(TSV 3.x, a file or a zip), brat (a zip of .txt/.ann), labelstudio (JSON or
JSON-MIN), doccano (JSONL), spacy (Prodigy/spaCy JSONL), w3c (a zip of the
annotations and the .txt each target names), conll (IOB/IOB2/BIO). The
format is detected when --format is left out (a .txt file is txt). Labels
of other tools that are not keys of the project become new labels unless
--label-map maps them (jsonl refuses them unless mapped); CR, CRLF and LF
line ends are read, offsets moved. Files are read as UTF-8
(with or without BOM) or UTF-16 with a BOM; anything else is refused. Each
file is one transaction: a bad line names its number and nothing of that
file is imported.

Annotators named in a file never go to an existing account unless mapped
(--map); the others get new locked accounts (a taken name becomes
<name>-import, <name>-import-2, …). Spans keep their status (submitted, or
draft: the assignment stays in progress). An article whose external id or
text is already in the project (or earlier in the file) is a duplicate.

Options:
  --project <id>         the project (required)
  --on-duplicate <what>  skip (default), replace (delete the project's article
                         with its assignments, spans and links, import the new
                         one), or add (import it again)
  --format <f>           jsonl, txt, webanno, brat, labelstudio, doccano, spacy, w3c, conll
  --map <json>           names in the file → existing usernames, e.g. '{"anna":"anna"}'
  --label-map <json>     labels in the file → project label keys, e.g. '{"PER":"attribution"}'
  --discontinuous <d>    brat: split (one span per fragment, default) or refuse
  --layer <name>         webanno: read only this span layer (default: every one)
  --feature <name>       webanno: the feature that gives the label
  --columns <n,m>        conll: the 1-based tag columns (default: every IOB column)
  --dry-run              check and report what would be imported; write nothing
  --help                 this text`;

export const EXPORT_HELP = `Usage: npm run cli -- export --project <id> [options]

Writes the project's spans as a dataset, streamed article by article.

Options:
  --project <id>      the project (required)
  --format <f>        jsonl (default), conll, hf, hf-labels, webanno, brat, w3c, csv
  --conllShape <s>    conll: conll2003 (default: token _ _ TAG, -DOCSTART- -X- O O,
                      as spaCy's convert reads it) or columns (ids, annotators,
                      a column per label)
  --source <s>        all (default), a username, or gold (curated articles'
                      gold spans with their provenance)
  --include uncurated with --source gold: also the gold so far of articles
                      not yet curated
  --status <s>        submitted (default: submitted work only, as agreement
                      counts it) or all (drafts too, each span marked draft)
  --articles <ids>    only these article ids or external ids, comma-separated
  --split <part>      only train, dev or test of a split by article
  --seed <n>          the split's seed (default 1)
  --ratios <t,d,t>    the split's ratios (default 0.8,0.1,0.1)
  --out <file>        write here (default: standard output)
  --help              this text

What the export holds and what its format cannot represent (spans trimmed to
token boundaries, dropped as overlapping, …) is printed on standard error.`;

/** The database the server uses (DATABASE_URL, else DATABASE_PATH), opened as the server opens it but not held (the server may run). */
const database = () => openTarget(databaseFromEnv(), { hold: false });

async function projectId(db: Db, raw: string | undefined): Promise<number> {
  const id = Number(raw);
  if (!raw || !Number.isInteger(id)) throw new UsageError('--project <id> is required (a number)');
  if (!(await first(db.select({ id: projects.id }).from(projects).where(eq(projects.id, id))))) throw new UsageError(`no project ${id}`);
  return id;
}

export async function runImport(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { ...IMPORT_FLAGS, project: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) return console.log(IMPORT_HELP);
  if (!positionals.length) throw new UsageError('name at least one file to import');
  const raw = Object.fromEntries(Object.entries(IMPORT_FLAG_FIELDS).map(([flag, field]) => [field, values[flag as keyof typeof IMPORT_FLAGS]]));
  const query = importQuerySchema.safeParse({ ...raw, dryRun: values['dry-run'] ? 'true' : 'false' });
  const flagOf = (field: unknown) => Object.entries(IMPORT_FLAG_FIELDS).find(([, f]) => f === field)?.[0] ?? String(field);
  if (!query.success) throw new UsageError(query.error.issues.map((i) => `--${flagOf(i.path[0])}: ${i.message}`).join('; '));
  const { format: asked, ...options } = query.data;
  const opened = await database();
  const { db } = opened;
  const id = await projectId(db, values.project);
  const bar = progress(positionals.length, 'Importing');
  let failed = 0;
  for (const file of positionals) {
    // A .txt file is one article unless --format says otherwise; any other file's format is detected.
    const format = asked ?? (file.endsWith('.txt') ? 'txt' : undefined);
    try {
      // The file read as the server reads an upload (line by line for JSONL): a zip's files or the one file, UTF-8 or BOM-marked UTF-16, anything else refused by line.
      const r = await importDataset(db, null, id, { source: { name: basename(file), path: file }, ...(format ? { format } : {}) }, options);
      bar.tick();
      console.error(`${file}: ${describeImport(r)}`);
    } catch (e) {
      failed++;
      console.error(`${file}: ${e instanceof Error ? e.message : e}`);
    }
  }
  bar.done();
  await opened.close();
  if (failed) process.exitCode = 1;
}

export async function runExport(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      project: { type: 'string' },
      format: { type: 'string' },
      source: { type: 'string' },
      status: { type: 'string' },
      include: { type: 'string' },
      articles: { type: 'string' },
      split: { type: 'string' },
      seed: { type: 'string' },
      ratios: { type: 'string' },
      conllShape: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(EXPORT_HELP);
  const opened = await database();
  const { db } = opened;
  const id = await projectId(db, values.project);
  const query = exportQuerySchema.safeParse(Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== undefined && k !== 'project' && k !== 'out')));
  if (!query.success) throw new UsageError(query.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const plan = await planExport(db, id, query.data);
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  const bar = progress(plan.articleCount, 'Exporting');
  const perArticle = !['hf-labels'].includes(query.data.format);
  for (const chunk of plan.chunks) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    if (perArticle) bar.tick();
  }
  bar.done();
  if (values.out) await new Promise<void>((r) => out.end(() => r()));
  await opened.close();
  if (values.out) console.error(`Wrote ${values.out}`);
  const { summary, losses } = describeManifest(plan.manifest());
  console.error([`Exported ${summary}`, ...losses.map((l) => `  ${l}`)].join('\n'));
}
