import type { Annotation, Label } from '@mbw/shared';
import { differsText, type SpanComparison } from './compare';
import { clip } from './format';

/**
 * The attribute differences of a paragraph, field by field: one line per
 * span and other lane whose matched span has other attribute values (each
 * pair of lanes once, the earlier lane's value first).
 */
export function AttributeDiffs({ spans, lanes, labelOf, comparison, nameOf, paragraph }: { spans: Annotation[]; lanes: string[]; labelOf: Map<string, Label>; comparison: Map<string, SpanComparison>; nameOf: (u: string) => string; paragraph: number }) {
  const rows = spans.flatMap((s) =>
    (comparison.get(s.id)?.others ?? [])
      .filter((o) => o.differs && lanes.indexOf(o.annotator) > lanes.indexOf(s.annotator))
      .map((o) => ({ s, o })),
  );
  if (!rows.length) return null;
  return (
    <ul className="attr-diffs" aria-label={`Attribute differences, paragraph ${paragraph}`}>
      {rows.map(({ s, o }) => {
        const l = labelOf.get(s.label);
        return (
          <li key={`${s.id}|${o.annotator}`}>
            <span className="swatch" style={{ background: l?.color ?? '#888888' }} aria-hidden="true" /> {l?.name ?? s.label} “{clip(s.quote, 50)}” ·{' '}
            {nameOf(s.annotator)} / {nameOf(o.annotator)}{o.match === 'other' ? ' (other boundaries)' : ''}: <strong className="diff-text">{differsText(o.differs!, l)}</strong>
          </li>
        );
      })}
    </ul>
  );
}
