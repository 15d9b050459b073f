import type { Annotation, Label, Relation, RelationTypeDef } from '@mbw/shared';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Props {
  span: Annotation;
  labels: Label[];
  spans: Annotation[];
  relations: Relation[];
  relationTypes: RelationTypeDef[];
  onLink: (to: string, type: string) => void;
  onUnlink: (to: string) => void;
  onSelect: (id: string) => void;
}

/**
 * The links the scheme allows from the selected span: one picker per relation
 * type whose `from` holds the span's label, offering only spans of its `to`
 * labels; long targets are truncated, the full text on hover.
 */
export function LinkSection({ span, labels, spans, relations, relationTypes, onLink, onUnlink, onSelect }: Props) {
  const types = relationTypes.filter((t) => t.from.includes(span.label));
  const links = relations.filter((r) => r.from === span.id);
  if (types.length === 0 && links.length === 0) return null;
  const byId = new Map(spans.map((s) => [s.id, s]));
  const labelName = (key: string) => labels.find((l) => l.key === key)?.name ?? key;
  return (
    <div className="links">
      {types.map((t) => {
        const linkable = spans.filter((s) => s.id !== span.id && t.to.includes(s.label) && !links.some((l) => l.to === s.id && l.type === t.key));
        return (
          <label key={t.key}>
            {t.name}
            <select value="" onChange={(e) => e.target.value && onLink(e.target.value, t.key)}>
              <option value="">{linkable.length ? `Link to ${t.to.map(labelName).join(' / ')}…` : `No ${t.to.map(labelName).join(' / ')} to link yet`}</option>
              {linkable.map((s) => (
                <option key={s.id} value={s.id} title={s.quote}>
                  {labelName(s.label)}: {clip(s.quote, 50)}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      {links.length > 0 && (
        <ul aria-label="Links">
          {links.map((r) => {
            const target = byId.get(r.to);
            const text = target?.quote ?? '(deleted span)';
            return (
              <li key={`${r.type}:${r.to}`}>
                <button type="button" className="link truncate" title={text} onClick={() => onSelect(r.to)}>
                  → {text}
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
  );
}
