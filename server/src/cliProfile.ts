/** `npm run cli -- profile FILE.jsonl`: the bias profile of a JSONL file, the API's figures (shared/src/profile). */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { biasProfile, FIGURE_NAMES, parseJsonl, profileArticlesFromDocs, profileQuerySchema, type ProfileGroup } from '@mbw/shared';
import { ApiError } from './http/errors.js';
import { PROFILE_SEED } from './services/profile.js';

export const PROFILE_HELP = `Usage: npm run cli -- profile <file.jsonl> [<gold.jsonl>] [options]

The media-bias profile of the articles in JSONL files (an export of the
annotators' work, and a gold export for --basis gold; lines with the same
id across files are one article): per
article, outlet (meta.source) or story (meta.story), attributions and
evaluative spans per 1,000 words, anonymous-source shares, unsupported claims,
each with a 95 % bootstrap interval over articles (seed ${PROFILE_SEED}) and the
token alpha of the annotators' spans behind it. The API's figures exactly.

Options:
  --by <g>       article, outlet (default) or story
  --basis <b>    gold (curated articles' gold, else consensus; default),
                 consensus (majority of submitted spans) or a username
  --json         the API's JSON answer instead of a table`;

const usage = (message: string) => new ApiError(400, 'invalid_input', message);
const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

function table(groups: ProfileGroup[]): string {
  const lines = [['group', 'articles', 'words', 'alpha', ...FIGURE_NAMES].join('\t')];
  for (const g of groups) lines.push([g.name, g.articles, g.words, fmt(g.alpha), ...FIGURE_NAMES.map((n) => fmt(g.figures[n]))].join('\t'));
  return lines.join('\n');
}

export async function runProfile(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { by: { type: 'string' }, basis: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) return console.log(PROFILE_HELP);
  if (positionals.length < 1) throw usage('name a .jsonl file');
  const q = profileQuerySchema.safeParse({ by: values.by, basis: values.basis });
  if (!q.success) throw usage(q.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const docs = positionals.flatMap((file) => {
    const parsed = parseJsonl(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw usage(parsed.errors.map((e) => `${file}: line ${e.line}: ${e.message}`).join('\n'));
    return parsed.docs;
  });
  const groups = biasProfile(profileArticlesFromDocs(docs, q.data.basis), q.data.by, { bootstrap: { seed: PROFILE_SEED } });
  console.log(values.json ? JSON.stringify({ by: q.data.by, basis: q.data.basis, groups }, null, 2) : table(groups));
}
