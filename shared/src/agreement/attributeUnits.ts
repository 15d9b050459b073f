/**
 * The typed-array core of attribute alpha (attributes.ts, issue 13): the
 * matched units of two or more spans of each label are laid out once per
 * matching mode in Int32Arrays (article, span, coder column), each span's
 * value of an attribute is looked up once for both modes and numbered, and
 * the coincidences are added unit by unit as `coincidences()` adds them on
 * the coder × unit rows the units make (a unit's values in coder order, the
 * values numbered in order of first appearance, pairs / (m − 1) added to
 * each cell in unit order): the same values and the same bits
 * (tests/unit/agreement/fastpaths-typed.test.ts), without an array per unit.
 */
import type { Coincidences } from './krippendorff.js';
import type { MatchedArticle, MatchMode, MatchSpan } from './matching.js';

/** One label's units of two or more spans under one matching mode, in article and unit order. */
export interface LabelUnits {
  /** Article index of each unit. */
  article: Int32Array;
  /** Unit u's spans are `start[u]` … `start[u + 1]` − 1 in `span` and `col`. */
  start: Int32Array;
  /** Global span index: the article's offset (`SpanIndex.offset`) plus its index in the article's spans. */
  span: Int32Array;
  /** The span's annotator, as a column of the sorted coders. */
  col: Int32Array;
}

export interface SpanIndex {
  offset: Int32Array;
  total: number;
}

export function spanIndex(articles: readonly MatchedArticle[]): SpanIndex {
  const offset = new Int32Array(articles.length + 1);
  articles.forEach((a, i) => (offset[i + 1] = offset[i]! + a.spans.length));
  return { offset, total: offset[articles.length]! };
}

/** Each span's annotator as a column of `column` (by global span index), read once for both modes. */
export function spanColumns(articles: readonly MatchedArticle[], index: SpanIndex, column: ReadonlyMap<string, number>): Int32Array {
  const out = new Int32Array(index.total);
  articles.forEach((a, ai) => {
    const base = index.offset[ai]!;
    for (let i = 0; i < a.spans.length; i++) out[base + i] = column.get(a.spans[i]!.annotator)!;
  });
  return out;
}

/** Every label's units of two or more spans under `mode` (labels as found; a label without such a unit is absent); `cols` from spanColumns(). */
export function labelUnits(articles: readonly MatchedArticle[], index: SpanIndex, cols: Int32Array, mode: MatchMode): Map<string, LabelUnits> {
  const build = new Map<string, { article: number[]; start: number[]; span: number[]; col: number[] }>();
  let size = new Int32Array(64);
  let at = new Int32Array(64);
  let members = new Int32Array(64);
  articles.forEach((a, ai) => {
    const base = index.offset[ai]!;
    const { unitOf, count } = a.typed[mode];
    const n = unitOf.length;
    if (size.length < count + 1) size = new Int32Array(2 * count + 2);
    if (members.length < n) members = new Int32Array(2 * n);
    if (at.length < count + 1) at = new Int32Array(2 * count + 2);
    // each unit's spans in index order (a counting sort by unit)
    size.fill(0, 0, count + 1);
    for (let i = 0; i < n; i++) size[unitOf[i]! + 1]!++;
    at[0] = 0;
    for (let u = 0; u < count; u++) at[u + 1] = at[u]! + size[u + 1]!;
    for (let u = 0; u < count; u++) size[u] = at[u]!;
    for (let i = 0; i < n; i++) members[size[unitOf[i]!]!++] = i;
    for (let u = 0; u < count; u++) {
      const from = at[u]!;
      const to = at[u + 1]!;
      if (to - from < 2) continue;
      const label = a.spans[members[from]!]!.label;
      let b = build.get(label);
      if (!b) build.set(label, (b = { article: [], start: [0], span: [], col: [] }));
      b.article.push(ai);
      for (let k = from; k < to; k++) {
        const i = members[k]!;
        b.span.push(base + i);
        b.col.push(cols[base + i]!);
      }
      b.start.push(b.span.length);
    }
  });
  const out = new Map<string, LabelUnits>();
  for (const [label, b] of build)
    out.set(label, { article: Int32Array.from(b.article), start: Int32Array.from(b.start), span: Int32Array.from(b.span), col: Int32Array.from(b.col) });
  return out;
}

/** The numbered values of one attribute on every span (−2: not looked up yet, −1: missing), shared by both modes. */
export class AttributeValues {
  readonly id: Int32Array;
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly articles: readonly MatchedArticle[],
    private readonly index: SpanIndex,
    private readonly key: string,
    private readonly value: (span: MatchSpan, key: string) => string | null,
  ) {
    this.id = new Int32Array(index.total).fill(-2);
  }

  of(g: number, ai: number): number {
    let v = this.id[g]!;
    if (v !== -2) return v;
    const s = this.value(this.articles[ai]!.spans[g - this.index.offset[ai]!]!, this.key);
    if (s === null) v = -1;
    else {
      v = this.ids.get(s) ?? -1;
      if (v === -1) {
        v = this.names.length;
        this.ids.set(s, v);
        this.names.push(s);
      }
    }
    this.id[g] = v;
    return v;
  }
}

/** Looks up every span of `u` in each of `list` (one label's attributes), span by span: each span's attributes read once while in cache. */
export function lookUpAll(u: LabelUnits, list: readonly AttributeValues[]): void {
  for (let k = 0; k < u.article.length; k++) {
    const ai = u.article[k]!;
    for (let s = u.start[k]!; s < u.start[k + 1]!; s++) for (const values of list) values.of(u.span[s]!, ai);
  }
}

export interface UnitTally {
  coincidences: Coincidences;
  /** Units of two or more spans, missing values in them. */
  matched: number;
  missing: number;
  /** Per article with a pairable unit (in article order): its index, pairable and differing units. */
  articles: Array<{ index: number; units: number; differing: number }>;
  /** Coders with a value in a pairable unit. */
  coders: number;
}

/** Attribute alpha's coincidences and counts over one label's units (see the module comment). */
export function tallyUnits(u: LabelUnits | undefined, values: AttributeValues, coderCount: number): UnitTally {
  if (!u) return { coincidences: { values: [], matrix: [], pairableUnits: 0 }, matched: 0, missing: 0, articles: [], coders: 0 };
  let matched = 0;
  let missing = 0;
  const articles: UnitTally['articles'] = [];
  const seen = new Uint8Array(coderCount);
  const local = new Int32Array(values.names.length + u.span.length).fill(-1); // value id → row; ids are at most the names known plus the spans looked up now
  const order: number[] = []; // local value of each row
  let cap = 8;
  let cells = new Float64Array(cap * cap);
  let counts = new Int32Array(cap);
  let widest = 0;
  for (let k = 0; k < u.article.length; k++) widest = Math.max(widest, u.start[k + 1]! - u.start[k]!);
  const cols = new Int32Array(widest);
  const vids = new Int32Array(cols.length);
  const present = new Int32Array(cols.length);
  let pairable = 0;
  let current = -1;
  let units = 0;
  let differing = 0;
  const units2 = u.article.length;
  for (let k = 0; k <= units2; k++) {
    const ai = k < units2 ? u.article[k]! : -1;
    if (ai !== current) {
      if (units) articles.push({ index: current, units, differing });
      current = ai;
      units = 0;
      differing = 0;
      if (k === units2) break;
    }
    matched++;
    let nv = 0;
    const from = u.start[k]!;
    const to = u.start[k + 1]!;
    for (let s = from; s < to; s++) {
      const v = values.of(u.span[s]!, ai);
      if (v < 0) continue;
      // insert in coder order (a unit has at most one span per annotator)
      const c = u.col[s]!;
      let at = nv;
      while (at > 0 && cols[at - 1]! > c) {
        cols[at] = cols[at - 1]!;
        vids[at] = vids[at - 1]!;
        at--;
      }
      cols[at] = c;
      vids[at] = v;
      nv++;
    }
    missing += to - from - nv;
    if (nv < 2) continue;
    units++;
    let differs = false;
    for (let t = 1; t < nv; t++) differs ||= vids[t] !== vids[0];
    if (differs) differing++;
    let np = 0;
    for (let t = 0; t < nv; t++) {
      seen[cols[t]!] = 1;
      let i = local[vids[t]!]!;
      if (i === -1) {
        i = order.length;
        local[vids[t]!] = i;
        order.push(vids[t]!);
        if (i >= cap) {
          const grown = new Float64Array(4 * cap * cap);
          for (let c = 0; c < cap; c++) grown.set(cells.subarray(c * cap, (c + 1) * cap), c * 2 * cap);
          const grownCounts = new Int32Array(2 * cap);
          grownCounts.set(counts);
          cap *= 2;
          cells = grown;
          counts = grownCounts;
        }
      }
      if (counts[i] === 0) present[np++] = i;
      counts[i]!++;
    }
    pairable++;
    for (let x = 0; x < np; x++) {
      const c = present[x]!;
      for (let y = 0; y < np; y++) {
        const q = present[y]!;
        const pairs = c === q ? counts[c]! * (counts[c]! - 1) : counts[c]! * counts[q]!;
        if (pairs !== 0) cells[c * cap + q]! += pairs / (nv - 1);
      }
    }
    for (let x = 0; x < np; x++) counts[present[x]!] = 0;
  }
  let coders = 0;
  for (let c = 0; c < coderCount; c++) coders += seen[c]!;
  const names = order.map((v) => values.names[v]!);
  const matrix = names.map((_, c) => names.map((__, q) => cells[c * cap + q]!));
  return { coincidences: { values: names, matrix, pairableUnits: pairable }, matched, missing, articles, coders };
}
