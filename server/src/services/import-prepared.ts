/**
 * The import's second pass, prepared off the writer's thread (issue 13): the
 * preparing thread (workers/prepare.ts) reads the upload again, and for each
 * line the first pass kept it does what the writer did before its inserts
 * (parse, normalise the text, map the labels, check the line against the
 * scheme, compute the token bounds while the writer is busy, the
 * attributes' JSON), and sends the
 * lines in batches of plain strings and numbers: one array of strings, one
 * Float64Array, one Int32Array of token bounds (the typed arrays moved, not
 * copied), so the writer rebuilds them without a structured clone of
 * objects. The writer only inserts (import-parallel.ts).
 */
import { computeTokenBounds, normalizeText, type LabelDef, type RelationTypeDef } from '@mbw/shared';
import { endianness } from 'node:os';
import { schemeProblem, stringMeta, type ArticleWrite, type WorkSpan } from './import-check.js';
import { parseLine, type ImportLine } from './import-lines.js';
import { textLines, type ByteSource } from './import-source.js';

/** What the preparing thread needs of the plan: the labels' keys, the project's scheme, which lines are written (1) or skipped (0). */
export interface PreparePlan {
  key: Array<[string, string]>;
  labels: LabelDef[];
  types: RelationTypeDef[];
  write: Uint8Array;
}

/** One kept line of the upload, checked (its scheme problem, or null) and, when written, its article. */
export interface PreparedLine {
  line: number;
  problem: string | null;
  article: ArticleWrite | null;
}

/** A batch of prepared lines as sent between the threads. */
export interface PreparedBatch {
  strs: Array<string | null>;
  nums: Float64Array;
  tokens: Int32Array;
}

const PROBLEM = 1;
const WRITE = 2;
const LITTLE_ENDIAN = endianness() === 'LE';

/** Collects prepared lines into one batch (see the module comment for the layout). */
export class BatchWriter {
  private strs: Array<string | null> = [];
  private nums: number[] = [];
  private tokens: Int32Array[] = [];
  private tokenCount = 0;
  lines = 0;

  add(line: number, problem: string | null, l: ImportLine | null, tokens: Int32Array | null) {
    this.lines++;
    this.nums.push(line, (problem === null ? 0 : PROBLEM) | (l ? WRITE : 0));
    if (problem !== null) this.strs.push(problem);
    if (!l) return;
    const { doc } = l;
    const meta = stringMeta(doc.meta);
    this.strs.push(doc.text, doc.id || null, meta.title ?? null, meta.source ?? null, meta.story ?? null, meta.url ?? null, meta.publishedAt ?? null);
    // -1: no token bounds (the writer computes them)
    this.nums.push(tokens ? tokens.length : -1, l.work.length, doc.spans.length, doc.relations.length);
    if (tokens) {
      this.tokens.push(tokens);
      this.tokenCount += tokens.length;
    }
    for (const w of l.work) this.strs.push(w.annotator, w.status);
    for (const s of doc.spans) {
      this.strs.push(s.id, s.annotator, s.label, s.quote, JSON.stringify(s.attributes), s.note ?? null);
      this.nums.push(s.start, s.end);
    }
    for (const r of doc.relations) this.strs.push(r.from, r.to, r.type);
  }

  /** The batch so far (the writer starts a new one). */
  take(): PreparedBatch {
    const tokens = new Int32Array(this.tokenCount);
    let at = 0;
    for (const t of this.tokens) {
      tokens.set(t, at);
      at += t.length;
    }
    const batch = { strs: this.strs, nums: Float64Array.from(this.nums), tokens };
    this.strs = [];
    this.nums = [];
    this.tokens = [];
    this.tokenCount = 0;
    this.lines = 0;
    return batch;
  }
}

/** A batch's lines again: articles with their token bounds as `articles.tokens` stores them (little-endian int32). */
export function readBatch(batch: PreparedBatch): PreparedLine[] {
  const { strs, nums, tokens } = batch;
  const out: PreparedLine[] = [];
  let s = 0;
  let n = 0;
  let t = 0;
  const str = () => strs[s++]!;
  const opt = () => strs[s++] ?? undefined;
  while (n < nums.length) {
    const line = nums[n++]!;
    const flags = nums[n++]!;
    const problem = flags & PROBLEM ? str() : null;
    if (!(flags & WRITE)) {
      out.push({ line, problem, article: null });
      continue;
    }
    const input = { text: str(), externalId: opt(), title: opt(), source: opt(), story: opt(), url: opt(), publishedAt: opt() };
    const [tokenCount, works, spanCount, relationCount] = [nums[n++]!, nums[n++]!, nums[n++]!, nums[n++]!];
    // on a big-endian machine the column's bytes are left to the write path itself (tokensColumn)
    const bytes = tokenCount >= 0 && LITTLE_ENDIAN ? Buffer.from(tokens.buffer, tokens.byteOffset + t * 4, tokenCount * 4) : null;
    t += Math.max(tokenCount, 0);
    const work: ArticleWrite['work'] = [];
    for (let k = 0; k < works; k++) work.push({ annotator: str(), status: str() as 'draft' | 'submitted' });
    const spans: WorkSpan[] = [];
    for (let k = 0; k < spanCount; k++) spans.push({ id: str(), annotator: str(), label: str(), quote: str(), attributes: str(), note: strs[s++] ?? null, start: nums[n++]!, end: nums[n++]! });
    const relations: ArticleWrite['relations'] = [];
    for (let k = 0; k < relationCount; k++) relations.push({ from: str(), to: str(), type: str() });
    out.push({ line, problem, article: { line, input, ...(bytes ? { tokens: bytes } : {}), work, spans, relations } });
  }
  return out;
}

/**
 * The upload's kept lines, prepared: read and parsed as the first pass did
 * (same lines, same order: blank and refused lines are left out), the text
 * normalised as the first pass stored it, the labels mapped to the
 * project's keys, the scheme checked, and for a written line its token
 * bounds (the article row's `tokens`) when `tokens()` says so: the writer
 * computes the others (the same bounds), so that neither thread waits long
 * for the other.
 */
export function* prepareLines(src: ByteSource, plan: PreparePlan, tokens: () => boolean): Generator<{ line: number; problem: string | null; l: ImportLine | null; tokens: Int32Array | null }> {
  const key = new Map(plan.key);
  const labels = new Map(plan.labels.map((l) => [l.key, l]));
  let index = 0;
  for (const { line, text } of textLines(src)) {
    if (!text.trim()) continue;
    const l = parseLine(text, line);
    if ('error' in l) continue;
    l.doc.text = normalizeText(l.doc.text);
    for (const s of l.doc.spans) s.label = key.get(s.label) ?? s.label;
    const problem = schemeProblem(labels, plan.types, l)?.message ?? null;
    const write = plan.write[index++] === 1;
    yield { line, problem, l: write ? l : null, tokens: write && tokens() ? computeTokenBounds(l.doc.text) : null };
  }
}
