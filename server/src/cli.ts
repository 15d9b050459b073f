/**
 * The workbench's command line: `npm run cli -- <command> …` (see --help).
 * It works on the same SQLite file as the server (DATABASE_PATH) through the
 * same services, and measures agreement on JSONL from any tool.
 */
import { SingleBar, Presets } from 'cli-progress';
import { eq } from 'drizzle-orm';
import { createWriteStream, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { agreementInputFromDocs, agreementQuerySchema, agreementReport, describeManifest, exportQuerySchema, importQuerySchema, parseJsonl, type AgreementReport } from '@mbw/shared';
import { openDatabase } from './db/client.js';
import { projects } from './db/schema.js';
import { ApiError } from './http/errors.js';
import { BackupError, runBackup, runRestore } from './cliBackup.js';
import { COPY_HELP, CopyError, runCopy } from './cliCopy.js';
import { PROFILE_HELP, runProfile } from './cliProfile.js';
import { planExport } from './services/exports.js';
import { importDataset, readUpload } from './services/imports.js';
import { describeImport, IMPORT_FLAG_FIELDS, IMPORT_FLAGS } from './cliImport.js';

const HELP: Record<string, string> = {
  profile: PROFILE_HELP,
  copy: COPY_HELP,
  main: `Media Bias Workbench command line

Usage: npm run cli -- <command> [options]

Commands:
  import      import .jsonl or .txt files into a project
  export      export a project's spans as a dataset
  agreement   inter-annotator agreement of a JSONL file
  profile     media-bias profile (outlets, stories) of a JSONL file
  backup      copy the database to a file while the server runs
  restore     replace the database with a backup (server stopped)
  copy        copy the whole database between SQLite and PostgreSQL

Run "npm run cli -- <command> --help" for a command's options.
The database is DATABASE_PATH (default ./data/workbench.db), as for the server.`,
  import: `Usage: npm run cli -- import --project <id> [options] <file>...

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
  --help                 this text`,
  export: `Usage: npm run cli -- export --project <id> [options]

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
token boundaries, dropped as overlapping, …) is printed on standard error.`,
  agreement: `Usage: npm run cli -- agreement <file.jsonl> [options]

Computes the agreement report (token-level Krippendorff's alpha with a
bootstrap interval, Cohen's and Fleiss' kappa, unitizing alpha, span F1, per
article) from a JSONL file in the interchange format, e.g. one exported here
or from another tool. It counts what the dashboard counts: on a file exported
here, the annotators each article lists (an empty assignment too) and the
project's labels, submitted work only unless --drafts; so the figures equal
the dashboard's for the same options. In a file that lists no annotators,
everyone with a span in an article counts there.

Options:
  --json              print the whole report as JSON
  --drafts            count unsubmitted work (draft spans) too
  --labels <keys>     only these labels, comma-separated (default: all)
  --annotators <u>    only these annotators, comma-separated
  --articles <ids>    only these article ids, comma-separated
  --seed <n>          bootstrap seed (default 1)
  --iterations <n>    bootstrap resamples (default 1000)
  --help              this text`,
};

class UsageError extends Error {}

function progress(total: number, what: string) {
  const bar = new SingleBar(
    { format: `${what} [{bar}] {value}/{total} {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  if (process.stderr.isTTY) bar.start(total, 0);
  return {
    tick: () => process.stderr.isTTY && bar.increment(),
    done: () => process.stderr.isTTY && bar.stop(),
  };
}

function database() {
  return openDatabase(resolve(process.env.DATABASE_PATH ?? './data/workbench.db'));
}

function projectId(db: ReturnType<typeof database>['db'], raw: string | undefined): number {
  const id = Number(raw);
  if (!raw || !Number.isInteger(id)) throw new UsageError('--project <id> is required (a number)');
  if (!db.select({ id: projects.id }).from(projects).where(eq(projects.id, id)).get()) throw new UsageError(`no project ${id}`);
  return id;
}

async function runImport(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { ...IMPORT_FLAGS, project: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) return console.log(HELP.import);
  if (!positionals.length) throw new UsageError('name at least one file to import');
  const raw = Object.fromEntries(Object.entries(IMPORT_FLAG_FIELDS).map(([flag, field]) => [field, values[flag as keyof typeof IMPORT_FLAGS]]));
  const query = importQuerySchema.safeParse({ ...raw, dryRun: values['dry-run'] ? 'true' : 'false' });
  const flagOf = (field: unknown) => Object.entries(IMPORT_FLAG_FIELDS).find(([, f]) => f === field)?.[0] ?? String(field);
  if (!query.success) throw new UsageError(query.error.issues.map((i) => `--${flagOf(i.path[0])}: ${i.message}`).join('; '));
  const { format: asked, ...options } = query.data;
  const { db, sqlite } = database();
  const id = projectId(db, values.project);
  const bar = progress(positionals.length, 'Importing');
  let failed = 0;
  for (const file of positionals) {
    // A .txt file is one article unless --format says otherwise; any other file's format is detected.
    const format = asked ?? (file.endsWith('.txt') ? 'txt' : undefined);
    try {
      // Bytes, read as the server does: a zip's files or the one file, UTF-8 or BOM-marked UTF-16, anything else refused by line.
      const r = importDataset(db, null, id, { files: readUpload(readFileSync(file), basename(file)), ...(format ? { format } : {}) }, options);
      bar.tick();
      console.error(`${file}: ${describeImport(r)}`);
    } catch (e) {
      failed++;
      console.error(`${file}: ${e instanceof Error ? e.message : e}`);
    }
  }
  bar.done();
  sqlite.close();
  if (failed) process.exitCode = 1;
}


async function runExport(args: string[]) {
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
  if (values.help) return console.log(HELP.export);
  const { db, sqlite } = database();
  const id = projectId(db, values.project);
  const query = exportQuerySchema.safeParse(Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== undefined && k !== 'project' && k !== 'out')));
  if (!query.success) throw new UsageError(query.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const plan = planExport(db, id, query.data);
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  const bar = progress(plan.articleCount, 'Exporting');
  const perArticle = !['hf-labels'].includes(query.data.format);
  for (const chunk of plan.chunks) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    if (perArticle) bar.tick();
  }
  bar.done();
  if (values.out) await new Promise<void>((r) => out.end(() => r()));
  sqlite.close();
  if (values.out) console.error(`Wrote ${values.out}`);
  const { summary, losses } = describeManifest(plan.manifest());
  console.error([`Exported ${summary}`, ...losses.map((l) => `  ${l}`)].join('\n'));
}

async function runAgreement(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' },
      drafts: { type: 'boolean' },
      labels: { type: 'string' },
      annotators: { type: 'string' },
      articles: { type: 'string' },
      seed: { type: 'string' },
      iterations: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) return console.log(HELP.agreement);
  if (positionals.length !== 1) throw new UsageError('name one .jsonl file');
  const parsed = parseJsonl(readFileSync(positionals[0]!, 'utf8'));
  if (!parsed.ok) throw new UsageError(parsed.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n'));
  // the dashboard's options, checked by the same schema as its query
  const { help: _, json: __, drafts, ...rest } = values;
  const opts = agreementQuerySchema.safeParse({ ...rest, drafts: drafts ? 'true' : 'false' });
  if (!opts.success) throw new UsageError(opts.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const { labels, annotators, articles, seed, iterations } = opts.data;
  const report = agreementReport(agreementInputFromDocs(parsed.docs, { drafts: opts.data.drafts }), { labels, annotators, articles, bootstrap: { seed, iterations } });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
}

const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));

/** The report as a plain-text table. */
export function formatReport(r: AgreementReport): string {
  const lines = [
    `Agreement over ${r.counts.articles} articles, ${r.counts.annotators} annotators (${r.annotators.join(', ')}), ${r.counts.spans} spans`,
    '',
    `${'label'.padEnd(20)} ${'alpha'.padStart(7)} ${'95% CI'.padStart(15)} ${'Fleiss'.padStart(7)} ${'uα'.padStart(7)} ${'F1 exact'.padStart(9)} ${'F1 overlap'.padStart(11)} ${'tokens'.padStart(8)}`,
  ];
  for (const l of [...r.byLabel, r.overall]) {
    const f1 = (mode: 'exact' | 'overlap') => {
      const vals = l.spanF1.map((p) => p[mode].f1).filter((v): v is number => v !== null);
      return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
    };
    lines.push(
      `${(l.label ?? 'all labels').padEnd(20)} ${num(l.alpha.value).padStart(7)} ${`[${num(l.alpha.ci.low)}, ${num(l.alpha.ci.high)}]`.padStart(15)} ${num(l.fleiss.value).padStart(7)} ${num(l.unitizing.value).padStart(7)} ${num(f1('exact')).padStart(9)} ${num(f1('overlap')).padStart(11)} ${String(l.alpha.counts.units).padStart(8)}`,
    );
  }
  lines.push(...formatStudyVariables(r));
  lines.push('', 'Articles, worst first:');
  for (const a of r.articles.slice(0, 20)) lines.push(`  ${num(a.alpha).padStart(6)}  ${a.id}  ${a.title ?? ''}`.trimEnd());
  if (r.articles.length > 20) lines.push(`  … and ${r.articles.length - 20} more (--json for all)`);
  return lines.join('\n');
}

/** Attribute alpha and link F1 on spans matched across annotators (exact boundaries; overlapping). */
function formatStudyVariables(r: AgreementReport): string[] {
  const lines = ['', 'Attributes: alpha (nominal) on matched spans; units = matched spans with values from two annotators'];
  lines.push(`${'label.attribute'.padEnd(32)} ${'α exact'.padStart(8)} ${'units'.padStart(6)} ${'α overlap'.padStart(10)} ${'units'.padStart(6)}`);
  for (const a of r.attributes ?? [])
    lines.push(
      `${`${a.label}.${a.attribute}`.padEnd(32)} ${num(a.exact.value).padStart(8)} ${String(a.exact.counts.units).padStart(6)} ${num(a.overlap.value).padStart(10)} ${String(a.overlap.counts.units).padStart(6)}${a.overlap.reason ? `  (${a.overlap.reason})` : ''}`,
    );
  if (!r.attributes?.length) lines.push('  (no attributes)');
  lines.push('', 'Links: F1 between matched spans, pooled over annotator pairs');
  lines.push(`${'matching'.padEnd(10)} ${'F1'.padStart(7)} ${'P'.padStart(7)} ${'R'.padStart(7)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)} ${'links'.padStart(6)}`);
  for (const mode of ['exact', 'overlap'] as const) {
    const f = r.links?.[mode];
    if (!f) continue;
    const p = f.pooled;
    lines.push(
      `${mode.padEnd(10)} ${num(p.f1).padStart(7)} ${num(p.precision).padStart(7)} ${num(p.recall).padStart(7)} ${String(p.tp).padStart(5)} ${String(p.fp).padStart(5)} ${String(p.fn).padStart(5)} ${String(f.counts.units).padStart(6)}`,
    );
  }
  return lines;
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const commands: Record<string, (args: string[]) => Promise<void>> = { import: runImport, export: runExport, agreement: runAgreement, profile: runProfile, backup: runBackup, restore: runRestore, copy: runCopy };
  if (!command || command === '--help' || command === 'help') return console.log(HELP.main);
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command "${command}"`);
  await run(rest);
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof UsageError || e instanceof ApiError || e instanceof BackupError || e instanceof CopyError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(`Error: ${(e as Error).message}\n(see --help)`);
  else console.error(e);
  process.exitCode = 2;
});
