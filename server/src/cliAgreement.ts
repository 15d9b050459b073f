/**
 * `npm run cli -- agreement <file.jsonl>`: the agreement report of a JSONL
 * file, as the dashboard computes it. Progress (reading the lines, computing
 * the report) goes to standard error; the report alone to standard output.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { agreementInputFromDocs, agreementQuerySchema, agreementReport, parseJsonl, type AgreementReport } from '@mbw/shared';
import { progress, UsageError } from './cliCommon.js';

export const AGREEMENT_HELP = `Usage: npm run cli -- agreement <file.jsonl> [options]

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
  --progress          progress on standard error even when it is not a terminal
                      (on a terminal it is always shown; the report stays alone
                      on standard output)
  --help              this text`;

export async function runAgreement(args: string[]) {
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
      progress: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) return console.log(AGREEMENT_HELP);
  if (positionals.length !== 1) throw new UsageError('name one .jsonl file');
  // the dashboard's options, checked by the same schema as its query
  const { help: _, json: __, progress: ___, drafts, ...rest } = values;
  const opts = agreementQuerySchema.safeParse({ ...rest, drafts: drafts ? 'true' : 'false' });
  if (!opts.success) throw new UsageError(opts.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const text = readFileSync(positionals[0]!, 'utf8');
  const reading = progress(0, 'Reading lines', values.progress);
  const parsed = parseJsonl(text, (done, total) => reading.tick(done, total));
  reading.done();
  if (!parsed.ok) throw new UsageError(parsed.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n'));
  const { labels, annotators, articles, seed, iterations } = opts.data;
  const computing = progress(0, 'Computing the report', values.progress);
  const report = agreementReport(agreementInputFromDocs(parsed.docs, { drafts: opts.data.drafts }), { labels, annotators, articles, bootstrap: { seed, iterations } }, (done, total) =>
    computing.tick(done, total),
  );
  computing.done();
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
