import { useEffect, useState } from 'react';
import { AttributeField } from '../../ui/AttributeField';
import type { Annotation, Label, Relation, RelationTypeDef } from '@mbw/shared';
import { LinkSection } from './LinkSection';
import type { SpanFields } from './useSpanStore';

interface Props {
  span: Annotation;
  labels: Label[];
  spans: Annotation[];
  relations: Relation[];
  relationTypes: RelationTypeDef[];
  readOnly: boolean;
  onChange: (changes: Partial<SpanFields>) => void;
  onDelete: () => void;
  onLink: (to: string, type: string) => void;
  onUnlink: (to: string) => void;
  onSelect: (id: string) => void;
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The selected span: its label, attributes, note, and the links its project's relation types allow (e.g. the statement an attribution attributes). */
export function SpanPanel({ span, labels, spans, relations, relationTypes, readOnly, onChange, onDelete, onLink, onUnlink, onSelect }: Props) {
  const label = labels.find((l) => l.key === span.label);
  const [note, setNote] = useState(span.note ?? '');
  useEffect(() => setNote(span.note ?? ''), [span.id, span.note]);
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
        <LinkSection
          span={span}
          labels={labels}
          spans={spans}
          relations={relations}
          relationTypes={relationTypes}
          onLink={onLink}
          onUnlink={onUnlink}
          onSelect={onSelect}
        />
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
