import type { Annotation, Label } from '@mbw/shared';

/** Every span of the article in text order; a click selects it. */
export function SpanList({ spans, labels, selectedId, onSelect }: { spans: Annotation[]; labels: Label[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const byKey = new Map(labels.map((l) => [l.key, l]));
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  return (
    <section className="panel" aria-label="Annotations">
      <h2>
        Annotations <span className="muted">({spans.length})</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="muted small">No spans yet. Select text, then press a label's key or click its button.</p>
      ) : (
        <ul className="span-list">
          {sorted.map((s) => {
            const l = byKey.get(s.label);
            return (
              <li key={s.id}>
                <button type="button" aria-pressed={s.id === selectedId} onClick={() => onSelect(s.id)} className={s.id === selectedId ? 'on' : ''}>
                  <span className="swatch" style={{ background: l?.color }} aria-hidden="true" />
                  <span className="span-label">{l?.name ?? s.label}</span>
                  <span className="span-quote">{s.quote.length > 80 ? `${s.quote.slice(0, 79)}…` : s.quote}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
