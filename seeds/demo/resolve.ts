/**
 * Turns the DEMO DATA of `annotations.ts` (spans written as quotes) into spans
 * with code-point offsets on an article's text. Pure; throws (naming the
 * article and the quote) when a quote is not in the text, so a changed sample
 * article can never seed spans in the wrong place.
 */
import { normalizeText, OffsetMap } from '@mbw/shared';
import { DEMO_ANNOTATORS, type DemoArticle, type DemoLabel, type DemoMark, type DemoWho } from './annotations.js';

export interface ResolvedDemoSpan {
  /** Index of the mark in the article's `marks`. */
  mark: number;
  markId?: string;
  annotator: DemoWho;
  label: DemoLabel;
  /** Code points, `[start, end)`. */
  start: number;
  end: number;
  quote: string;
  attributes: Record<string, string>;
}

export interface ResolvedDemoArticle {
  externalId: string;
  spans: ResolvedDemoSpan[];
  /** Links as indexes into `spans`. */
  links: Array<{ from: number; to: number }>;
}

/** UTF-16 indexes of every appearance of `needle` in `text` (overlapping ones too). */
function appearances(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/**
 * Resolves one demo article against its text (as stored: normalised, the
 * body after the title line). Every span's `quote` is exactly the text between
 * its offsets.
 */
export function resolveDemoArticle(text: string, demo: DemoArticle): ResolvedDemoArticle {
  const body = normalizeText(text);
  const map = new OffsetMap(body);
  const where = (m: DemoMark) => `demo article ${demo.externalId}: ${m.label} ${JSON.stringify(m.quote)}`;
  const spans: ResolvedDemoSpan[] = [];
  demo.marks.forEach((mark, index) => {
    const quote = normalizeText(mark.quote);
    const found = appearances(body, quote);
    const at = found[mark.occurrence ?? 0];
    if (!quote || at === undefined)
      throw new Error(
        `${where(mark)}: quote not found` +
          (found.length ? ` (it appears ${found.length} time(s); occurrence ${mark.occurrence} asked for)` : ' in the text'),
      );
    for (const { key: who } of DEMO_ANNOTATORS) {
      const take = mark[who];
      if (take === undefined) continue;
      const own = take === true ? undefined : typeof take === 'string' ? take : take.quote;
      const attributes = take !== true && typeof take === 'object' ? take.attributes : mark.attributes;
      let from = at;
      let q = quote;
      if (own !== undefined) {
        // The annotator's own boundaries: the appearance of their quote that overlaps the mark's.
        q = normalizeText(own);
        const hit = q ? appearances(body, q).find((i) => i < at + quote.length && at < i + q.length) : undefined;
        if (hit === undefined) throw new Error(`${where(mark)}: ${who}'s quote ${JSON.stringify(own)} not found overlapping it`);
        from = hit;
      }
      const start = map.toCodePoint(from);
      const end = map.toCodePoint(from + q.length);
      spans.push({ mark: index, markId: mark.id, annotator: who, label: mark.label, start, end, quote: map.slice(start, end), attributes });
    }
  });
  const links: Array<{ from: number; to: number }> = [];
  for (const link of demo.links ?? []) {
    const idx = (id: string) => {
      const i = demo.marks.findIndex((m) => m.id === id);
      if (i === -1) throw new Error(`demo article ${demo.externalId}: link names no mark "${id}"`);
      return i;
    };
    const from = idx(link.from);
    const to = idx(link.to);
    for (const { key: who } of DEMO_ANNOTATORS) {
      const a = spans.findIndex((s) => s.mark === from && s.annotator === who);
      const b = spans.findIndex((s) => s.mark === to && s.annotator === who);
      if (a !== -1 && b !== -1) links.push({ from: a, to: b });
    }
  }
  return { externalId: demo.externalId, spans, links };
}
