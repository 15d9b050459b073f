import type { Label, OffsetMap } from '@mbw/shared';
import type { Conflict, CurationData } from './hooks';

const CONTEXT = 80;

/** A conflict in context: one lane per annotator (with its digit key) and the gold lane. */
export function ConflictView({ conflict, data, labels, map, index, total }: {
  conflict: Conflict;
  data: CurationData;
  labels: Label[];
  map: OffsetMap;
  index: number;
  total: number;
}) {
  const name = (key: string) => labels.find((l) => l.key === key)?.name ?? key;
  const color = (key: string) => labels.find((l) => l.key === key)?.color ?? '#888';
  const rejected = new Map(data.rejected.map((r) => [r.spanId, r.reason]));
  const golds = data.gold.filter((g) => conflict.gold.includes(g.id));
  const from = Math.max(0, conflict.start - CONTEXT);
  const to = Math.min(map.codePointLength, conflict.end + CONTEXT);
  return (
    <section className="panel conflict" aria-label={`Conflict ${index + 1} of ${total}`}>
      <h2>
        Conflict {index + 1} of {total} <span className="muted small">characters {conflict.start}–{conflict.end}</span>
      </h2>
      <p className="context" aria-label="Context">
        {from > 0 && '…'}
        {map.slice(from, conflict.start)}
        <mark>{map.slice(conflict.start, conflict.end)}</mark>
        {map.slice(conflict.end, to)}
        {to < map.codePointLength && '…'}
      </p>
      <p className="differs" aria-label="What differs">
        Differs: {conflict.differs.map((d) => (d === 'missing' ? `missing in ${conflict.missing.join(', ')}` : d.replace('attributes.', ''))).join(' · ') || 'attributes left open'}
      </p>
      <table className="lanes">
        <caption className="sr-only">Versions by annotator</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Lane</th>
            <th scope="col">Version</th>
          </tr>
        </thead>
        <tbody>
          {data.annotators.map((who, i) => {
            const spans = conflict.spans.filter((s) => s.annotator === who);
            return (
              <tr key={who} aria-label={`Lane ${who}`}>
                <td>{i < 9 && <kbd>{i + 1}</kbd>}</td>
                <th scope="row">{who}</th>
                <td>
                  {spans.length === 0 && <span className="muted">no span here</span>}
                  {spans.map((s) => (
                    <div key={s.id} className={rejected.has(s.id) ? 'version rejected' : 'version'}>
                      <span className="chip" style={{ borderColor: color(s.label) }}>{name(s.label)}</span> „{map.slice(s.start, s.end)}“{' '}
                      <span className="muted small">
                        {s.start}–{s.end}
                        {Object.entries(s.attributes).map(([k, v]) => ` · ${k}: ${v}`)}
                        {rejected.has(s.id) && ` · rejected: ${rejected.get(s.id)}`}
                      </span>
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
          <tr className="gold-lane" aria-label="Lane gold">
            <td />
            <th scope="row">Gold</th>
            <td>
              {golds.length === 0 && <span className="muted">nothing in gold here yet</span>}
              {golds.map((g) => (
                <div key={g.id} className="version">
                  <span className="chip" style={{ borderColor: color(g.label) }}>{name(g.label)}</span> „{g.quote}“{' '}
                  <span className="muted small">
                    {g.start}–{g.end} · {g.provenance.decision}
                    {g.provenance.annotators.length > 0 && ` from ${g.provenance.annotators.join(', ')}`}
                    {Object.entries(g.attributes).map(([k, v]) => ` · ${k}: ${v}`)}
                    {g.openAttributes.length > 0 && ` · open: ${g.openAttributes.join(', ')}`}
                  </span>
                </div>
              ))}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
