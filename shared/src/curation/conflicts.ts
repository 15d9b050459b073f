/**
 * The open disagreements of one article, as a curator walks them (issue 9).
 *
 * A **conflict** is a cluster of overlapping spans (any label, any annotator,
 * chained through overlaps), in text order, that still needs a decision: one
 * of its spans is neither a source of a gold span nor rejected, or a gold
 * span in it has attributes left open by pre-merge. What differs is said
 * field by field: `label`, `start`, `end`, `attributes.<key>`, and
 * `missing` (an annotator who submitted the article has no span there).
 */
import type { CurationSpan } from './units.js';

export interface GoldLike {
  id: string;
  label: string;
  start: number;
  end: number;
  attributes: Record<string, string>;
  sources: string[];
  openAttributes: string[];
}

export interface Conflict {
  /** Stable while the cluster's spans stay: the first span's id. */
  key: string;
  start: number;
  end: number;
  spans: CurationSpan[];
  gold: string[];
  differs: string[];
  missing: string[];
}

export function findConflicts(spans: CurationSpan[], annotators: string[], gold: GoldLike[], rejected: ReadonlySet<string>): Conflict[] {
  return openClusters(spans, gold, rejected).map(({ cluster, start, end, inside }) => {
    const present = new Set(cluster.map((s) => s.annotator));
    return {
      key: cluster[0]!.id,
      start,
      end,
      spans: cluster,
      gold: inside.map((g) => g.id),
      differs: differences(cluster, annotators.some((a) => !present.has(a))),
      missing: annotators.filter((a) => !present.has(a)),
    };
  });
}

/** How many conflicts are open (the queue's count: no field-by-field differences computed). */
export const countConflicts = (spans: CurationSpan[], gold: GoldLike[], rejected: ReadonlySet<string>): number => openClusters(spans, gold, rejected).length;

function openClusters(spans: CurationSpan[], gold: GoldLike[], rejected: ReadonlySet<string>) {
  const sourced = new Set<string>();
  for (const g of gold) for (const id of g.sources) sourced.add(id);
  const out: Array<{ cluster: CurationSpan[]; start: number; end: number; inside: GoldLike[] }> = [];
  for (const cluster of clusters(spans)) {
    let start = Infinity;
    let end = -Infinity;
    for (const s of cluster) {
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
    const inside = gold.filter((g) => g.start < end && g.end > start);
    const undecided = cluster.some((s) => !sourced.has(s.id) && !rejected.has(s.id));
    if (undecided || inside.some((g) => g.openAttributes.length > 0)) out.push({ cluster, start, end, inside });
  }
  return out;
}

/** Connected groups of overlapping spans, in text order. */
export function clusters<T extends { start: number; end: number; id: string }>(spans: T[]): T[][] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
  const out: T[][] = [];
  let end = -1;
  for (const s of sorted) {
    if (out.length && s.start < end) out[out.length - 1]!.push(s);
    else out.push([s]);
    end = out[out.length - 1]!.length === 1 ? s.end : Math.max(end, s.end);
  }
  return out;
}

function differences(spans: CurationSpan[], someMissing: boolean): string[] {
  const out: string[] = [];
  const varies = (f: (s: CurationSpan) => string) => new Set(spans.map(f)).size > 1;
  if (varies((s) => s.label)) out.push('label');
  if (varies((s) => String(s.start))) out.push('start');
  if (varies((s) => String(s.end))) out.push('end');
  const keys = [...new Set(spans.flatMap((s) => Object.keys(s.attributes)))].sort();
  for (const k of keys) {
    // Only among spans of one label: different labels have different attributes.
    const byLabel = new Map<string, Set<string>>();
    for (const s of spans) byLabel.set(s.label, (byLabel.get(s.label) ?? new Set()).add(s.attributes[k] ?? '—'));
    if ([...byLabel.values()].some((v) => v.size > 1)) out.push(`attributes.${k}`);
  }
  if (someMissing) out.push('missing');
  return out;
}
