/**
 * Curation, the pure part (issue 9): how annotators' submitted spans group
 * into units, which units pre-merge into gold, and which disagreements stay
 * open for a curator. No I/O: the server passes in the spans and decisions.
 *
 * Definitions
 * - A **unit** is a group of spans of one label by different annotators that
 *   the match mode puts together: `exact` — the same label and the same
 *   boundaries; `overlap` — the same label and overlapping boundaries
 *   (connected through overlaps). An annotator counts once per unit.
 * - A unit's **version** is its modal boundaries (the `[start, end)` the most
 *   annotators of the unit chose); with `overlap`, a tie between two
 *   boundary pairs leaves the unit open (the curator chooses).
 * - **Support**: the annotators whose span in the unit has the version's
 *   boundaries. A unit merges when its support reaches the strategy's need:
 *   `unanimous` — every annotator who submitted the article; `majority`
 *   (default) — more than half of them; `threshold` — at least `minAgree`.
 * - **Attributes**: for each attribute any supporting span sets, the value
 *   held by at least the strategy's need among all the article's annotators
 *   (unanimous / majority / threshold again) is merged; otherwise the
 *   attribute is left open on the gold span (`openAttributes`), and the
 *   unit stays a conflict until a curator decides it.
 * - Notes never count: they are not compared at all.
 */
export type MergeStrategy = 'unanimous' | 'majority' | 'threshold';
export type CurationMatch = 'exact' | 'overlap';

export interface CurationSpan {
  id: string;
  annotator: string;
  label: string;
  start: number;
  end: number;
  attributes: Record<string, string>;
}

export interface Unit {
  /** Stable within an article: label and the version's boundaries. */
  key: string;
  label: string;
  start: number;
  end: number;
  spans: CurationSpan[];
  /** Annotators with the version's boundaries. */
  support: string[];
  /** With `overlap`: two boundary pairs tie, so no version is chosen. */
  tied: boolean;
}

export interface MergeOptions {
  strategy?: MergeStrategy;
  minAgree?: number;
  match?: CurationMatch;
}

/** How many annotators must agree, given how many submitted the article. */
export function needed(annotators: number, opts: MergeOptions): number {
  const strategy = opts.strategy ?? 'majority';
  if (strategy === 'unanimous') return annotators;
  if (strategy === 'threshold') return Math.max(1, opts.minAgree ?? 2);
  return Math.floor(annotators / 2) + 1;
}

const boundary = (s: { start: number; end: number }) => `${s.start}:${s.end}`;

/** Groups spans into units (see the module comment), in text order. */
export function groupUnits(spans: CurationSpan[], match: CurationMatch = 'exact'): Unit[] {
  const groups: CurationSpan[][] = [];
  const byLabel = new Map<string, CurationSpan[]>();
  for (const s of spans) byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s]);
  for (const list of byLabel.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
    let group: CurationSpan[] = [];
    let groupEnd = -1;
    for (const s of list) {
      const joins = group.length > 0 && (match === 'exact' ? s.start === group[0]!.start && s.end === group[0]!.end : s.start < groupEnd);
      if (!joins) {
        if (group.length) groups.push(group);
        group = [];
        groupEnd = -1;
      }
      group.push(s);
      groupEnd = Math.max(groupEnd, s.end);
    }
    if (group.length) groups.push(group);
  }
  return groups.map(toUnit).sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
}

function toUnit(spans: CurationSpan[]): Unit {
  const byBoundary = new Map<string, Set<string>>();
  for (const s of spans) {
    const k = boundary(s);
    byBoundary.set(k, (byBoundary.get(k) ?? new Set()).add(s.annotator));
  }
  const ranked = [...byBoundary.entries()].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
  const [best, who] = ranked[0]!;
  const tied = ranked.length > 1 && ranked[1]![1].size === who.size;
  const [start, end] = best.split(':').map(Number) as [number, number];
  const label = spans[0]!.label;
  return { key: `${label}:${best}`, label, start, end, spans, support: [...who].sort(), tied };
}

export interface MergedGold {
  unit: Unit;
  label: string;
  start: number;
  end: number;
  attributes: Record<string, string>;
  openAttributes: string[];
  /** The spans with the version's boundaries: the gold span's provenance. */
  sources: CurationSpan[];
}

/**
 * The gold spans pre-merge proposes for the units that reach the strategy's
 * need. `annotators` is how many annotators submitted the article; units with
 * a span in `decided` (already a gold source, or rejected) are left alone, so
 * a curator's decision is never overwritten.
 */
export function premerge(units: Unit[], annotators: number, opts: MergeOptions, decided: ReadonlySet<string> = new Set()): MergedGold[] {
  const need = needed(annotators, opts);
  const out: MergedGold[] = [];
  for (const unit of units) {
    if (unit.tied || unit.support.length < need) continue;
    if (unit.spans.some((s) => decided.has(s.id))) continue;
    const sources = unit.spans.filter((s) => s.start === unit.start && s.end === unit.end);
    const { attributes, open } = mergeAttributes(sources, need);
    out.push({ unit, label: unit.label, start: unit.start, end: unit.end, attributes, openAttributes: open, sources: dedupeByAnnotator(sources) });
  }
  return out;
}

function dedupeByAnnotator(spans: CurationSpan[]): CurationSpan[] {
  const seen = new Set<string>();
  return spans.filter((s) => !seen.has(s.annotator) && seen.add(s.annotator));
}

/** Per attribute: the value at least `need` sources hold, else open. */
export function mergeAttributes(sources: CurationSpan[], need: number): { attributes: Record<string, string>; open: string[] } {
  const keys = [...new Set(sources.flatMap((s) => Object.keys(s.attributes)))].sort();
  const attributes: Record<string, string> = {};
  const open: string[] = [];
  for (const key of keys) {
    const counts = new Map<string, number>();
    for (const s of dedupeByAnnotator(sources)) if (Object.hasOwn(s.attributes, key)) counts.set(s.attributes[key]!, (counts.get(s.attributes[key]!) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (top && top[1] >= need && [...counts.values()].filter((n) => n === top[1]).length === 1) attributes[key] = top[0];
    else open.push(key);
  }
  return { attributes, open };
}
