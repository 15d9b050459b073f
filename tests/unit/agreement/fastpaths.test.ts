/**
 * The report's fast paths (issue 13) against the reference functions they
 * replace, on random data, compared bit for bit (Object.is, NaN included):
 * - `coincidences()` on a flat array against the map-based original (below);
 * - span F1 summed from per-article, per-label credits (spanCredits.ts)
 *   against `spanF1()` on all spans laid end to end, as the report did;
 * - the unitizing figures computed once per label (unitizingFigures.ts)
 *   against `unitizingAlpha()` / `unitizingAlphaCoincidence()` over all
 *   labels at once, as the report did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreementReport,
  coincidences,
  spanF1,
  unitizingAlpha,
  unitizingAlphaCoincidence,
  type AgreementInput,
  type LabelledSpan,
  type ReliabilityValue,
  type UnitizingInput,
  type UnitizingUnit,
} from '../../../shared/src/agreement/index.js';
import { labelPairCredit, SpanF1Sum } from '../../../shared/src/agreement/spanCredits.js';

/** The map-based coincidences() before issue 13. */
function referenceCoincidences(data: ReadonlyArray<ReadonlyArray<ReliabilityValue>>) {
  const missing = (v: ReliabilityValue) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
  const index = new Map<string | number, number>();
  const values: Array<string | number> = [];
  const rows: Array<Map<number, number>> = [];
  let units = 0;
  for (const row of data) units = Math.max(units, row.length);
  let pairableUnits = 0;
  const counts = new Map<number, number>();
  for (let u = 0; u < units; u++) {
    counts.clear();
    let m = 0;
    for (const row of data) {
      const v = row[u];
      if (missing(v)) continue;
      let i = index.get(v!);
      if (i === undefined) {
        i = values.length;
        index.set(v!, i);
        values.push(v!);
        rows.push(new Map());
      }
      counts.set(i, (counts.get(i) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    pairableUnits++;
    for (const [c, nc] of counts)
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs === 0) continue;
        const r = rows[c]!;
        r.set(k, (r.get(k) ?? 0) + pairs / (m - 1));
      }
  }
  const matrix = values.map((_, c) => values.map((__, k) => rows[c]!.get(k) ?? 0));
  return { values, matrix, pairableUnits };
}

const same = (a: unknown, b: unknown) => expect(JSON.stringify(a, (_, v) => (typeof v === 'number' ? String(v) : v))).toBe(JSON.stringify(b, (_, v) => (typeof v === 'number' ? String(v) : v)));

describe('coincidences() on a flat array', () => {
  it('equals the map-based original on random data (up to 20 values, so the array grows)', () => {
    const value = fc.oneof(fc.constant(null), fc.constant(undefined), fc.constant(NaN), fc.integer({ min: 0, max: 19 }), fc.constantFrom('a', 'b', 'c', '1'));
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 30 }), { maxLength: 6 }), (data) => {
        same(coincidences(data), referenceCoincidences(data));
      }),
      { numRuns: 300 },
    );
  });
});

const spanArb = fc.record({ start: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: -1, max: 15 }), label: fc.constantFrom('l', 'm') });

describe('span F1 from per-article credits', () => {
  it('equals spanF1() on the spans of all articles laid end to end (exact and overlap)', () => {
    const article = fc.record({ length: fc.integer({ min: 1, max: 60 }), a: fc.array(spanArb, { maxLength: 8 }), b: fc.array(spanArb, { maxLength: 8 }) });
    fc.assert(
      fc.property(fc.array(article, { maxLength: 6 }), fc.constantFrom(['l'], ['l', 'm'], ['m', 'l']), (articles, ls) => {
        const sum = new SpanF1Sum();
        const sa: LabelledSpan[] = [];
        const sb: LabelledSpan[] = [];
        let offset = 0;
        for (const art of articles) {
          const clip = (s: { start: number; len: number; label: string }): LabelledSpan => ({ start: Math.min(s.start, art.length), end: Math.min(s.start + s.len, art.length), label: s.label });
          for (const l of ls) {
            const a = art.a.map(clip).filter((s) => s.label === l);
            const b = art.b.map(clip).filter((s) => s.label === l);
            sum.add(labelPairCredit(a, b));
            for (const s of a) sa.push({ start: s.start + offset, end: s.end + offset, label: l });
            for (const s of b) sb.push({ start: s.start + offset, end: s.end + offset, label: l });
          }
          offset += art.length;
        }
        same(sum.exactResult(), spanF1(sa, sb, { mode: 'exact' }));
        same(sum.overlapResult(), spanF1(sa, sb, { mode: 'overlap' }));
      }),
      { numRuns: 300 },
    );
  });
});

const unitArb = (raters: number) => fc.record({ rater: fc.integer({ min: 0, max: raters - 1 }), begin: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 1, max: 12 }), category: fc.constantFrom('x', 'y', 'z') });
const continuumArb = fc.integer({ min: 2, max: 3 }).chain((raters) => fc.record({ begin: fc.constant(0), length: fc.integer({ min: 1, max: 40 }), raters: fc.constant(raters), units: fc.array(unitArb(raters), { maxLength: 12 }) }));

describe('unitizing alpha one category at a time', () => {
  it("a category's figures are the same with or without the other categories (both definitions)", () => {
    fc.assert(
      fc.property(fc.array(continuumArb, { minLength: 1, maxLength: 4 }), (continua: UnitizingInput[]) => {
        const all2004 = unitizingAlpha(continua[0]!);
        const all2016 = unitizingAlphaCoincidence(continua);
        for (const c of ['x', 'y', 'z']) {
          const only = (u: UnitizingInput): UnitizingInput => ({ ...u, units: u.units.filter((x: UnitizingUnit) => x.category === c) });
          same(unitizingAlpha(only(continua[0]!)).byCategory[c], all2004.byCategory[c]);
          same(unitizingAlphaCoincidence(continua.map(only)).byCategory[c], all2016.byCategory[c]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the report's unitizing and span figures equal the reference functions on all spans at once", () => {
    const span = fc.record({ annotator: fc.constantFrom('a', 'b', 'c'), label: fc.constantFrom('p', 'q', 'r'), start: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 1, max: 10 }) });
    const art = fc.record({ text: fc.constantFrom('Die Regierung lügt schon wieder, sagt er.', 'Ein ganz normaler Satz über nichts.'), spans: fc.array(span, { maxLength: 10 }) });
    fc.assert(
      fc.property(fc.array(art, { minLength: 1, maxLength: 5 }), fc.constantFrom(['p', 'q', 'r'], ['r', 'p']), (arts, chosen) => {
        const labels = [...chosen];
        const input: AgreementInput = { labels, articles: arts.map((a, i) => ({ id: i, text: a.text, annotators: ['a', 'b', 'c'], spans: a.spans.map((s) => ({ ...s, end: s.start + s.len })) })) };
        const report = agreementReport(input, { bootstrap: { iterations: 0 } });
        // the reference: every label (or all) over the articles end to end, as the report computed it before
        const units = (ls: string[]) => {
          const out: UnitizingUnit[] = [];
          let offset = 0;
          for (const a of input.articles) {
            const n = [...a.text].length;
            for (const l of ls)
              ['a', 'b', 'c'].forEach((who, r) => {
                for (const s of a.spans) if (s.label === l && s.annotator === who) out.push({ rater: r, begin: offset + s.start, length: Math.min(n, s.end) - s.start, category: l });
              });
            offset += n;
          }
          return { units: out, length: offset };
        };
        const all = units(labels);
        const ref = unitizingAlpha({ begin: 0, length: all.length, raters: 3, units: all.units.filter((u) => u.length > 0) });
        expect(report.overall.unitizing.value).toBe(Number.isFinite(ref.alpha) ? ref.alpha : null);
        const o = Object.values(ref.byCategory).reduce((s, c) => s + c.observed, 0);
        expect(report.overall.unitizing.observed).toBe(Number.isFinite(o) ? o : null);
        for (const f of report.byLabel) {
          const c = ref.byCategory[f.label!];
          expect(f.unitizing.value).toBe(c && Number.isFinite(c.alpha) ? c.alpha : null);
        }
        for (const f of [report.overall, ...report.byLabel])
          for (const pair of f.spanF1) {
            const side = (who: string) => units(f.label === null ? labels : [f.label]).units.filter((u) => u.rater === ['a', 'b', 'c'].indexOf(who)).map((u) => ({ start: u.begin, end: u.begin + u.length, label: String(u.category) }));
            for (const mode of ['exact', 'overlap'] as const) {
              const r = spanF1(side(pair.a), side(pair.b), { mode });
              same(pair[mode], { precision: Number.isFinite(r.precision) ? r.precision : null, recall: Number.isFinite(r.recall) ? r.recall : null, f1: Number.isFinite(r.f1) ? r.f1 : null });
            }
          }
      }),
      { numRuns: 100 },
    );
  });
});
