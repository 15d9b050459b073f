import { useEffect, useState } from 'react';
import { AttributeField } from '../../ui/AttributeField';
import type { Annotation, Label, Relation } from '@mbw/shared';
import type { SpanFields } from './useSpanStore';

interface Props {
  span: Annotation;
  labels: Label[];
  spans: Annotation[];
  relations: Relation[];
  readOnly: boolean;
  onChange: (changes: Partial<SpanFields>) => void;
  onDelete: () => void;
  onLink: (to: string) => void;
  onUnlink: (to: string) => void;
  onSelect: (id: string) => void;
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The selected span: its label, attributes, note, and (for an attribution) the statement it attributes. */
export function SpanPanel({ span, labels, spans, relations, readOnly, onChange, onDelete, onLink, onUnlink, onSelect }: Props) {
  const label = labels.find((l) => l.key === span.label);
  const [note, setNote] = useState(span.note ?? '');
  useEffect(() => setNote(span.note ?? ''), [span.id, span.note]);
  const links = relations.filter((r) => r.from === span.id);
  const byId = new Map(spans.map((s) => [s.id, s]));
  const linkable = spans.filter((s) => s.id !== span.id && !links.some((l) => l.to === s.id));
  const saveNote = () => {
    if (note !== (span.note ?? '')) onChange({ note: note || null });
  };

  return (
    <section className="panel span-panel" aria-label="Selected span">
      <h2>Selected span</h2>
      <blockquote style={{ borderColor: label?.color }}>{clip(span.quote, 200)}</blockquote>
      <p className="muted small">
        Characters {span.start}–{span.end}
        {span.version === 0 && ' · saving…'}
      </p>
      <fieldset disabled={readOnly}>
        <label>
          Label
          <select value={span.label} onChange={(e) => onChange({ label: e.target.value })}>
            {labels.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        {label?.attributes.map((def) => (
          <AttributeField key={def.key} def={def} attributes={span.attributes} note={def.required ? '(required)' : undefined} onChange={(attributes) => onChange({ attributes })} />
        ))}
        <label>
          Note
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} onBlur={saveNote} />
        </label>
        {span.label === 'attribution' && (
          <div className="links">
            <label>
              Attributes statement
              <select value="" onChange={(e) => e.target.value && onLink(e.target.value)}>
                <option value="">Link to a span…</option>
                {linkable.map((s) => (
                  <option key={s.id} value={s.id}>
                    {labels.find((l) => l.key === s.label)?.name}: {clip(s.quote, 50)}
                  </option>
                ))}
              </select>
            </label>
            {links.length > 0 && (
              <ul aria-label="Linked statements">
                {links.map((r) => {
                  const target = byId.get(r.to);
                  return (
                    <li key={r.to}>
                      <button type="button" className="link" onClick={() => onSelect(r.to)}>
                        → {clip(target?.quote ?? '(deleted span)', 50)}
                      </button>
                      <button type="button" className="small" aria-label={`Unlink ${clip(target?.quote ?? '', 30)}`} onClick={() => onUnlink(r.to)}>
                        Unlink
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        )}
        <p className="muted small keys">
          <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> moves the end, <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> the start; drag
          the handles; <kbd>Del</kbd> deletes.
        </p>
        <button type="button" className="danger" onClick={onDelete}>
          Delete span
        </button>
      </fieldset>
    </section>
  );
}
