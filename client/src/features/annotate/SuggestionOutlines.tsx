import { useLayoutEffect, useRef, useState } from 'react';
import type { Article, Label, OffsetMap, Suggestion } from '@mbw/shared';
import { useSuggestions } from './Suggestions';
import type { ViewSpan } from './TextView';

interface Box {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
  color: string;
}

/** The rectangles of each suggestion in the text view's paragraphs, relative to `layer`'s parent. */
function measure(layer: HTMLElement, open: Suggestion[], map: OffsetMap, colors: Map<string, string>): Box[] {
  const parent = layer.parentElement!;
  const base = parent.getBoundingClientRect();
  const paras = [...parent.querySelectorAll<HTMLElement>('.para[data-u16]')].map((el) => {
    const node = el.querySelector('p')?.firstChild ?? null;
    const from = Number(el.dataset.u16);
    return { node, from, to: from + (node?.textContent?.length ?? 0) };
  });
  const range = document.createRange();
  const boxes: Box[] = [];
  for (const s of open) {
    const start = map.toUtf16(s.start);
    const end = map.toUtf16(s.end);
    for (const p of paras) {
      if (!p.node || p.to <= start || end <= p.from) continue;
      range.setStart(p.node, Math.max(0, start - p.from));
      range.setEnd(p.node, Math.min(p.to, end) - p.from);
      for (const r of range.getClientRects())
        if (r.width > 0.5) boxes.push({ id: s.id, left: r.left - base.left, top: r.top - base.top, width: r.width, height: r.height, color: colors.get(s.label) ?? '#8a94a3' });
    }
  }
  return boxes;
}

/**
 * The open suggestions outlined inside the text (issue 14): dashed boxes in
 * the label's colour, distinct from spans (which are tinted and underlined).
 * A click on one accepts it (a normal span), Alt+click rejects it (where it
 * overlaps one of the annotator's spans the click selects that span); the
 * keyboard works in the Suggestions panel, which lists the same ones. The
 * boxes never catch the pointer: text under them selects as ever.
 */
export function SuggestionOutlines({ article, labels, map, spans, readOnly }: { article: Article; labels: Label[]; map: OffsetMap; spans: ViewSpan[]; readOnly: boolean }) {
  const layer = useRef<HTMLDivElement>(null);
  const { open, decide } = useSuggestions(article, readOnly);
  const [boxes, setBoxes] = useState<Box[]>([]);

  useLayoutEffect(() => {
    const el = layer.current;
    if (!el) return;
    const colors = new Map(labels.map((l) => [l.key, l.color]));
    const update = () => setBoxes(measure(el, open, map, colors));
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el.parentElement!);
    return () => ro.disconnect();
  }, [open, map, labels]);

  useLayoutEffect(() => {
    const parent = layer.current?.parentElement;
    if (!parent) return;
    const onClick = (e: MouseEvent) => {
      if (!window.getSelection()?.isCollapsed || decide.isPending) return;
      const base = parent.getBoundingClientRect();
      const x = e.clientX - base.left;
      const y = e.clientY - base.top;
      const hit = boxes.find((b) => x >= b.left && x <= b.left + b.width && y >= b.top && y <= b.top + b.height);
      const s = hit && open.find((o) => o.id === hit.id);
      // on one of the annotator's spans the click selects that span, as ever
      if (s && !spans.some((v) => v.start < s.end && s.start < v.end)) decide.mutate({ s, accept: !e.altKey });
    };
    parent.addEventListener('click', onClick);
    return () => parent.removeEventListener('click', onClick);
  }, [boxes, open, decide, spans]);

  if (readOnly) return null;
  const quoteOf = new Map(open.map((s) => [s.id, s.quote]));
  return (
    <div ref={layer} className="suggestion-layer" aria-hidden="true">
      {boxes.map((b, i) => (
        <div
          key={`${b.id}:${i}`}
          className="suggestion-outline"
          data-suggestion={b.id}
          title={`Suggested: ${quoteOf.get(b.id) ?? ''} (click accepts, Alt+click rejects)`}
          style={{ left: b.left - 2, top: b.top - 1, width: b.width + 4, height: b.height + 2, borderColor: b.color }}
        />
      ))}
    </div>
  );
}
