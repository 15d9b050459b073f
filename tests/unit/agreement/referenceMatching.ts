/**
 * Span matching as it was before issue 13's typed arrays
 * (shared/src/agreement/matching.ts at commit 17e372e, comments trimmed):
 * the reference the typed grouping is held to.
 */
import type { MatchMode, MatchSpan } from '../../../shared/src/agreement/index.js';

interface Candidate {
  i: number;
  j: number;
  jaccard: number;
  inter: number;
    key: number[];
}

const compatible = (mode: MatchMode, s: MatchSpan, t: MatchSpan) =>
  mode === 'exact' ? s.start === t.start && s.end === t.end : s.start < t.end && t.start < s.end;

function candidates(spans: readonly MatchSpan[], idx: number[], mode: MatchMode): Candidate[] {
  const order = [...idx].sort((x, y) => spans[x]!.start - spans[y]!.start || x - y);
  const out: Candidate[] = [];
  for (let p = 0; p < order.length; p++) {
    const s = spans[order[p]!]!;
    for (let q = p + 1; q < order.length && spans[order[q]!]!.start < s.end; q++) {
      const t = spans[order[q]!]!;
      if (s.annotator === t.annotator || !compatible(mode, s, t)) continue;
      const inter = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      const union = Math.max(s.end, t.end) - Math.min(s.start, t.start);
      const [i, j] = order[p]! < order[q]! ? [order[p]!, order[q]!] : [order[q]!, order[p]!];
      const a = spans[i]!;
      const b = spans[j]!;
      const key = [Math.min(a.start, b.start), Math.min(a.end, b.end), Math.max(a.start, b.start), Math.max(a.end, b.end), i, j];
      out.push({ i, j, jaccard: inter / union, inter, key });
    }
  }
  return out.sort((x, y) => {
    if (x.jaccard !== y.jaccard) return y.jaccard - x.jaccard;
    if (x.inter !== y.inter) return y.inter - x.inter;
    for (let k = 0; k < x.key.length; k++) if (x.key[k] !== y.key[k]) return x.key[k]! - y.key[k]!;
    return 0;
  });
}

function groupLabel(spans: readonly MatchSpan[], idx: number[], mode: MatchMode): number[][] {
  const groupOf = new Map<number, number[]>(idx.map((i) => [i, [i]]));
  for (const c of candidates(spans, idx, mode)) {
    const g = groupOf.get(c.i)!;
    const h = groupOf.get(c.j)!;
    if (g === h) continue;
    const who = new Set(g.map((x) => spans[x]!.annotator));
    if (h.some((x) => who.has(spans[x]!.annotator))) continue;
    if (!g.every((x) => h.every((y) => compatible(mode, spans[x]!, spans[y]!)))) continue;
    const merged = [...g, ...h].sort((x, y) => x - y);
    for (const x of merged) groupOf.set(x, merged);
  }
  return [...new Set(groupOf.values())];
}

export function referenceMatchSpans(spans: readonly MatchSpan[], mode: MatchMode): number[][] {
  const byLabel = new Map<string, number[]>();
  spans.forEach((s, i) => {
    const list = byLabel.get(s.label);
    if (list) list.push(i);
    else byLabel.set(s.label, [i]);
  });
  const units: number[][] = [];
  for (const idx of byLabel.values()) units.push(...groupLabel(spans, idx, mode));
  return units.sort((x, y) => x[0]! - y[0]!);
}

