/**
 * The typed-array fast paths of the agreement report (issue 13, third pass)
 * against the implementations they replace, on random data, bit for bit
 * (Object.is on every number, NaN included):
 * - the bootstrap on one flat Float64Array with the nominal alpha inlined,
 *   against the bootstrap that built a coincidence matrix per replicate;
 * - attribute alpha accumulated unit by unit, against `coincidences()` on
 *   the coder × unit rows it was computed from;
 * - span matching on union-find roots with annotator bit masks, against
 *   the grouping that kept arrays and sets (referenceMatching.ts);
 * - link F1 on triples coded as numbers, against JSON strings (referenceLinks.ts);
 * - both unitizing alphas on merged intervals in Float64Arrays and one
 *   reusable segment buffer, against the object-based originals
 *   (referenceUnitizing.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreementReport,
  alphaFromCoincidences,
  attributeAgreement,
  attributeValue,
  bootstrapAlphaFromCoincidences,
  coincidences,
  linkAgreement,
  matchArticle,
  matchSpans,
  mulberry32,
  quantileSorted,
  type Coincidences,
  type MatchedArticle,
  type MatchMode,
  type MeasurementLevel,
  type AgreementInput,
  type UnitizingUnit,
  type ReliabilityValue,
  type UnitizingInput,
  unitizingAlpha,
  unitizingAlphaCoincidence,
  unitizingCategoryCoincidence,
} from '../../../shared/src/agreement/index.js';
import { referenceLinkAgreement } from './referenceLinks.js';
import { referenceMatchSpans } from './referenceMatching.js';
import { referenceUnitizingAlpha, referenceUnitizingAlphaCoincidence } from './referenceUnitizing.js';

const same = (a: unknown, b: unknown) => expect(JSON.stringify(a, (_, v) => (typeof v === 'number' ? String(v) : v))).toBe(JSON.stringify(b, (_, v) => (typeof v === 'number' ? String(v) : v)));

/** The bootstrap before issue 13's third pass: a coincidence matrix and alphaFromCoincidences() per replicate. */
function referenceBootstrap(clusters: Coincidences[], iterations: number, seed: number, level: MeasurementLevel) {
  const index = new Map<string | number, number>();
  const values: Array<string | number> = [];
  for (const c of clusters) for (const v of c.values) if (!index.has(v)) index.set(v, values.push(v) - 1);
  const V = values.length;
  const dense: Float64Array[] = [];
  for (const c of clusters) {
    if (c.pairableUnits === 0) continue;
    const m = new Float64Array(V * V);
    c.values.forEach((a, i) => c.values.forEach((b, j) => (m[index.get(a)! * V + index.get(b)!] = c.matrix[i]![j]!)));
    dense.push(m);
  }
  const toC = (sum: Float64Array, units: number): Coincidences => ({ values, matrix: values.map((_, i) => Array.from(sum.subarray(i * V, (i + 1) * V))), pairableUnits: units });
  const total = new Float64Array(V * V);
  for (const m of dense) for (let k = 0; k < total.length; k++) total[k]! += m[k]!;
  const estimate = alphaFromCoincidences(toC(total, dense.length), level);
  const n = dense.length;
  if (n < 2 || iterations === 0) return { estimate, low: NaN, high: NaN, valid: 0 };
  const random = mulberry32(seed);
  const reps: number[] = [];
  const sum = new Float64Array(V * V);
  for (let it = 0; it < iterations; it++) {
    sum.fill(0);
    for (let d = 0; d < n; d++) {
      const m = dense[Math.floor(random() * n)]!;
      for (let k = 0; k < sum.length; k++) sum[k]! += m[k]!;
    }
    const a = alphaFromCoincidences(toC(sum, n), level);
    if (!Number.isNaN(a)) reps.push(a);
  }
  reps.sort((a, b) => a - b);
  return { estimate, low: reps.length ? quantileSorted(reps, (1 - 0.95) / 2) : NaN, high: reps.length ? quantileSorted(reps, (1 + 0.95) / 2) : NaN, valid: reps.length };
}

describe('bootstrap on flat arrays', () => {
  it('gives the bits of the per-replicate coincidence matrices (nominal and interval, 2–5 coders, missing values)', () => {
    const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b'));
    const cluster = fc.integer({ min: 1, max: 5 }).chain((coders) => fc.array(fc.array(value, { minLength: 0, maxLength: 8 }), { minLength: coders, maxLength: coders }));
    fc.assert(
      fc.property(fc.array(cluster, { maxLength: 8 }), fc.integer({ min: 0, max: 60 }), fc.integer(), fc.constantFrom<MeasurementLevel>('nominal', 'interval', 'ordinal'), (data, iterations, seed, level) => {
        const clusters = data.map((d) => coincidences(d as ReliabilityValue[][]));
        const r = bootstrapAlphaFromCoincidences(clusters, { iterations, seed, level });
        same({ estimate: r.estimate, low: r.low, high: r.high, valid: r.valid }, referenceBootstrap(clusters, iterations, seed, level));
      }),
      { numRuns: 300 },
    );
  });
});

/** Attribute alpha as it was computed before: coder × unit rows of values and nulls, then coincidences(). */
function referenceAttribute(articles: MatchedArticle[], label: string, key: string, mode: MatchMode) {
  const coders = [...new Set(articles.flatMap((a) => a.annotators))].sort();
  const data: ReliabilityValue[][] = coders.map(() => []);
  const who = new Set<string>();
  for (const a of articles)
    for (const unit of a.units[mode]) {
      if (unit.length < 2 || a.spans[unit[0]!]!.label !== label) continue;
      const given = unit.map((i) => [coders.indexOf(a.spans[i]!.annotator), attributeValue(a.spans[i]!, key)] as const).filter(([, v]) => v !== null);
      if (given.length < 2) continue;
      for (const row of data) row.push(null);
      for (const [c, v] of given) {
        data[c]![data[c]!.length - 1] = v;
        who.add(coders[c]!);
      }
    }
  const c = coincidences(data);
  return { alpha: alphaFromCoincidences(c, 'nominal'), values: c.values, matrix: c.matrix, units: c.pairableUnits, annotators: who.size };
}

describe('attribute alpha unit by unit', () => {
  it('gives the bits of coincidences() on the coder × unit rows', () => {
    const span = fc.record({
      annotator: fc.constantFrom('a', 'b', 'c', 'd'),
      label: fc.constantFrom('p', 'q'),
      start: fc.integer({ min: 0, max: 30 }),
      len: fc.integer({ min: 1, max: 8 }),
      attributes: fc.record({ k: fc.constantFrom<unknown>('x', 'y', 'z', '', 1, true, null), j: fc.constantFrom<unknown>('x', 'y') }, { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(span, { maxLength: 12 }), { minLength: 1, maxLength: 5 }), (arts) => {
        const matched = arts.map((spans, i) => matchArticle(String(i), [...new Set(['a', 'b', ...spans.map((s) => s.annotator)])].sort(), spans.map((s) => ({ ...s, end: s.start + s.len }))));
        for (const fig of attributeAgreement(matched, ['p', 'q'], { p: ['k'] }))
          for (const mode of ['exact', 'overlap'] as const) {
            const ref = referenceAttribute(matched, fig.label, fig.attribute, mode);
            const got = fig[mode];
            same(got.value, Number.isFinite(ref.alpha) ? ref.alpha : null);
            same([got.counts.units, got.counts.annotators], [ref.units, ref.annotators]);
            const marg = ref.matrix.map((row) => row.reduce((s, x) => s + x, 0));
            same(got.values.map((v) => v.value).sort(), ref.values.map(String).sort());
            same(got.counts.spans, marg.reduce((s, x) => s + Math.round(x), 0));
          }
      }),
      { numRuns: 300 },
    );
  });
});

describe('unitizing on typed arrays', () => {
  const unit = (raters: number) =>
    fc.record({
      rater: fc.oneof(fc.integer({ min: 0, max: raters - 1 }), fc.constantFrom(-1, raters, 0.5)),
      begin: fc.oneof(fc.integer({ min: -3, max: 45 }), fc.double({ min: 0, max: 40, noNaN: true })),
      length: fc.oneof(fc.integer({ min: -1, max: 14 }), fc.double({ min: 0, max: 9, noNaN: true })),
      category: fc.constantFrom<string | number>('x', 'y', 'z', 1),
    });
  const continuum = fc.integer({ min: 1, max: 4 }).chain((raters) =>
    fc.record({ begin: fc.constantFrom(0, 5), length: fc.integer({ min: 0, max: 45 }), raters: fc.constant(raters), units: fc.array(unit(raters), { maxLength: 16 }) }),
  );
  it('gives the bits of the object-based αU (2004) and uα (2016), per category and overall', () => {
    fc.assert(
      fc.property(fc.array(continuum, { minLength: 1, maxLength: 4 }), (continua: UnitizingInput[]) => {
        same(unitizingAlpha(continua[0]!), referenceUnitizingAlpha(continua[0]!));
        const ref = referenceUnitizingAlphaCoincidence(continua);
        same(unitizingAlphaCoincidence(continua), ref);
        same(unitizingCategoryCoincidence(continua).byCategory, ref.byCategory);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the bits of the object-based αU (2004) with many units (the table of gaps by integer length)', () => {
    const piece = fc.record({ gap: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 1, max: 90 }), category: fc.constantFrom('x', 'y') });
    const many = fc.record({ begin: fc.constantFrom(0, 7), raters: fc.array(fc.array(piece, { minLength: 70, maxLength: 140 }), { minLength: 2, maxLength: 3 }) }).map(({ begin, raters }) => {
      const units: Array<UnitizingInput['units'][number]> = [];
      raters.forEach((pieces, rater) => {
        let at = begin;
        for (const p of pieces) {
          at += p.gap;
          units.push({ rater, begin: at, length: p.length, category: p.category });
          at += p.length;
        }
      });
      return { begin, length: 140 * 125, raters: raters.length, units };
    });
    fc.assert(
      fc.property(many, (input: UnitizingInput) => {
        same(unitizingAlpha(input), referenceUnitizingAlpha(input));
      }),
      { numRuns: 150 },
    );
  });
});

describe("the report's unitizing figures without unit objects", () => {
  it('equal the object-based αU (2004, articles end to end) and uα (2016, pooled) of each label', () => {
    const span = fc.record({ annotator: fc.constantFrom('a', 'b', 'c'), label: fc.constantFrom('p', 'q'), start: fc.integer({ min: -2, max: 45 }), len: fc.integer({ min: 0, max: 12 }) });
    const art = fc.record({ text: fc.constantFrom('Die Regierung lügt schon wieder, sagt er.', 'Ein Satz.', ''), who: fc.constantFrom(['a', 'b', 'c'], ['a', 'b'], ['c']), spans: fc.array(span, { maxLength: 10 }) });
    fc.assert(
      fc.property(fc.array(art, { minLength: 1, maxLength: 5 }), (arts) => {
        const input: AgreementInput = { labels: ['p', 'q'], articles: arts.map((a, i) => ({ id: i, text: a.text, annotators: [...a.who], spans: a.spans.map((s) => ({ ...s, end: s.start + s.len })) })) };
        const report = agreementReport(input, { bootstrap: { iterations: 0 } });
        const num = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
        for (const f of report.byLabel) {
          const l = f.label!;
          const continua = input.articles.map((a) => {
            const who = [...new Set([...a.annotators, ...a.spans.map((s) => s.annotator)])].sort();
            const n = [...a.text].length;
            const units: UnitizingUnit[] = a.spans
              .filter((s) => s.label === l && s.end > Math.max(0, s.start) && Math.max(0, s.start) < n)
              .map((s) => ({ rater: who.indexOf(s.annotator), begin: Math.max(0, s.start), length: Math.min(n, s.end) - Math.max(0, s.start), category: l }));
            return { begin: 0, length: n, raters: who.length, units, who: who.join() };
          });
          const pairable = continua.filter((c) => c.raters >= 2 && c.length > 0);
          const c16 = referenceUnitizingAlphaCoincidence(pairable).byCategory[l];
          expect(f.unitizing2016.value).toBe(c16 && c16.expected > 0 ? num(c16.alpha) : null);
          expect(f.unitizing2016.observed).toBe(c16 && c16.expected > 0 ? num(c16.observed) : null);
          if (new Set(continua.map((c) => c.who)).size === 1 && continua[0]!.raters >= 2) {
            let offset = 0;
            const all: UnitizingUnit[] = [];
            for (const c of continua) {
              for (const u of c.units) all.push({ ...u, begin: u.begin + offset });
              offset += c.length;
            }
            const c04 = referenceUnitizingAlpha({ begin: 0, length: offset, raters: continua[0]!.raters, units: all }).byCategory[l];
            expect(f.unitizing.value).toBe(num(c04?.alpha));
            expect(f.unitizing.expected).toBe(num(c04?.expected));
          } else expect(f.unitizing.value).toBeNull();
        }
        // each article's αU over all labels and per label
        for (const a of report.articles) {
          const src = input.articles[Number(a.id)]!;
          const who = [...new Set([...src.annotators, ...src.spans.map((s) => s.annotator)])].sort();
          const n = [...src.text].length;
          const units: UnitizingUnit[] = [];
          for (const l of ['p', 'q'])
            for (const [r, w] of who.entries())
              for (const s of src.spans)
                if (s.label === l && s.annotator === w && Math.min(n, s.end) > Math.max(0, s.start)) units.push({ rater: r, begin: Math.max(0, s.start), length: Math.min(n, s.end) - Math.max(0, s.start), category: l });
          const ref = referenceUnitizingAlpha({ begin: 0, length: n, raters: who.length, units });
          expect(a.unitizing).toBe(num(ref.alpha));
          for (const l of ['p', 'q']) expect(a.unitizingByLabel[l]).toBe(num(ref.byCategory[l]?.alpha));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('span matching on typed arrays', () => {
  it('gives the units of the array-and-set grouping (exact and overlap, duplicates, empty and nested spans)', () => {
    const span = fc.record({ annotator: fc.constantFrom('a', 'b', 'c', 'd'), label: fc.constantFrom('p', 'q'), start: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 0, max: 15 }) });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 24 }), (raw) => {
        const spans = raw.map((s) => ({ annotator: s.annotator, label: s.label, start: s.start, end: s.start + s.len }));
        for (const mode of ['exact', 'overlap'] as const) expect(matchSpans(spans, mode)).toEqual(referenceMatchSpans(spans, mode));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the order of the comparator sorts with many candidates, fractional and negative starts', () => {
    const span = fc.record({ annotator: fc.constantFrom('a', 'b', 'c', 'd', 'e'), start: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -6, max: 60 }).map((x) => x / 4)), len: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(span, { minLength: 20, maxLength: 90 }), (raw) => {
        const spans = raw.map((s) => ({ annotator: s.annotator, label: 'p', start: s.start, end: s.start + s.len }));
        for (const mode of ['exact', 'overlap'] as const) expect(matchSpans(spans, mode)).toEqual(referenceMatchSpans(spans, mode));
      }),
      { numRuns: 300 },
    );
  });
});

describe('link agreement on numbered triples', () => {
  it('gives the counts of the triples as strings', () => {
    const span = fc.record({ annotator: fc.constantFrom('a', 'b', 'c'), label: fc.constantFrom('p', 'q'), start: fc.integer({ min: 0, max: 20 }), len: fc.integer({ min: 1, max: 8 }) });
    const link = fc.record({ from: fc.integer({ min: 0, max: 11 }), to: fc.oneof(fc.integer({ min: 0, max: 11 }), fc.constant('x')), type: fc.constantFrom<string | number>('t', 'u', 1) });
    const art = fc.record({ spans: fc.array(span, { maxLength: 12 }), links: fc.array(link, { maxLength: 12 }), who: fc.constantFrom(['a', 'b', 'c'], ['a', 'c'], ['b']) });
    fc.assert(
      fc.property(fc.array(art, { minLength: 1, maxLength: 5 }), (arts) => {
        const matched = arts.map((x, i) => matchArticle(String(i), [...x.who], x.spans.filter((s) => (x.who as readonly string[]).includes(s.annotator)).map((s, k) => ({ ...s, end: s.start + s.len, id: String(k) }))));
        const links = arts.map((x) => x.links.map((l) => ({ from: l.from, to: l.to, type: l.type as string })));
        expect(linkAgreement(matched, links)).toEqual(referenceLinkAgreement(matched, links));
      }),
      { numRuns: 500 },
    );
  });
});
