import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Annotation, Label } from '@mbw/shared';

const ROW = 30;

/**
 * Every span of the article in text order; a click selects it. Only the rows
 * in view are rendered, so an article with thousands of spans stays quick.
 */
export const SpanList = memo(function SpanList({
  spans,
  labels,
  selectedId,
  onSelect,
}: {
  spans: Annotation[];
  labels: Label[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const byKey = useMemo(() => new Map(labels.map((l) => [l.key, l])), [labels]);
  const sorted = useMemo(() => [...spans].sort((a, b) => a.start - b.start || a.end - b.end), [spans]);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: sorted.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 8 });
  const selectedIndex = sorted.findIndex((s) => s.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) rows.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, rows]);

  return (
    <section className="panel" aria-label="Annotations">
      <h2>
        Annotations <span className="muted">({spans.length})</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="muted small">No spans yet. Select text, then press a label's key or click its button.</p>
      ) : (
        <div className="span-list" ref={scroller}>
          <ul style={{ height: rows.getTotalSize() }}>
            {rows.getVirtualItems().map((row) => {
              const s = sorted[row.index]!;
              const l = byKey.get(s.label);
              return (
                <li key={s.id} style={{ transform: `translateY(${row.start}px)` }}>
                  <button type="button" aria-pressed={s.id === selectedId} onClick={() => onSelect(s.id)} className={s.id === selectedId ? 'on' : ''}>
                    <span className="swatch" style={{ background: l?.color }} aria-hidden="true" />
                    <span className="span-label">{l?.name ?? s.label}</span>
                    <span className="span-quote">{s.quote.length > 80 ? `${s.quote.slice(0, 79)}…` : s.quote}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
});
