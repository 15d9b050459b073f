/**
 * Quotation regions of a text, for "inside quotation marks" in the bias
 * profile: German „…“, straight "…" (paired in order of appearance) and
 * guillemets »…«. A region is the code-point range between the marks
 * (`[start, end)`, marks excluded). An opening mark without its closing one
 * within the same paragraph (a blank-line break) opens no region, so a stray
 * mark does not swallow the rest of the article. Nested pairs of another
 * kind are inside their outer region already.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['„', '“'],
  ['»', '«'],
  ['"', '"'],
];

export interface QuoteRange {
  start: number;
  end: number;
}

/** Regions inside quotation marks, in code points, sorted by start. */
export function quoteRanges(text: string): QuoteRange[] {
  const cps = Array.from(text);
  const out: QuoteRange[] = [];
  for (const [open, close] of PAIRS) {
    let from = -1;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (from >= 0 && c === close) {
        out.push({ start: from + 1, end: i });
        from = -1;
      } else if (from < 0 && c === open) from = i;
      else if (from >= 0 && c === '\n' && cps[i + 1] === '\n') from = -1;
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Whether `[start, end)` lies wholly inside one of the regions. */
export function insideQuotes(ranges: readonly QuoteRange[], start: number, end: number): boolean {
  return ranges.some((r) => r.start <= start && end <= r.end);
}
