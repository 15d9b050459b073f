import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Label, Term } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys, useLabels } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';

/** One row of the lexicon: the term, its label and one select per attribute of the label. */
function TermRow({ t, i, labels, onChange, onRemove }: { t: Term; i: number; labels: Label[]; onChange: (t: Term) => void; onRemove: () => void }) {
  const label = labels.find((l) => l.key === t.label);
  return (
    <tr>
      <td>
        <input aria-label={`Term ${i + 1}`} value={t.term} onChange={(e) => onChange({ ...t, term: e.target.value })} />
      </td>
      <td>
        <select aria-label={`Label of term ${i + 1}`} value={t.label} onChange={(e) => onChange({ ...t, label: e.target.value, attributes: {} })}>
          {labels.map((l) => (
            <option key={l.key} value={l.key}>
              {l.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        {label?.attributes.map((a) => (
          <select
            key={a.key}
            aria-label={`${a.name} of term ${i + 1}`}
            value={t.attributes[a.key] ?? ''}
            onChange={(e) => {
              const { [a.key]: _drop, ...rest } = t.attributes;
              onChange({ ...t, attributes: e.target.value ? { ...rest, [a.key]: e.target.value } : rest });
            }}
          >
            <option value="">{a.name}: not set</option>
            {a.values.map((v) => (
              <option key={v.value} value={v.value}>
                {v.name}
              </option>
            ))}
          </select>
        ))}
      </td>
      <td>
        <button type="button" className="secondary" aria-label={`Remove term ${t.term || i + 1}`} onClick={onRemove}>
          Remove
        </button>
      </td>
    </tr>
  );
}

/**
 * The project's lexicon (issue 14, supervisors): terms from the guidelines
 * that the workspace suggests as spans of their label ("Machthaber" as
 * negative evaluative language). Edited as a list, saved at once.
 */
export function LexiconEditor({ projectId }: { projectId: number }) {
  const qc = useQueryClient();
  const param = { id: String(projectId) };
  const key = [...keys.project(projectId), 'lexicon'] as const;
  const lexicon = useQuery({ queryKey: key, queryFn: () => call(api.projects[':id'].lexicon.$get({ param })) });
  const labels = useLabels(projectId);
  const [draft, setDraft] = useState<Term[] | null>(null);
  useEffect(() => setDraft(lexicon.data?.terms ?? null), [lexicon.data]);
  const save = useMutation({
    mutationFn: (terms: Term[]) => call(api.projects[':id'].lexicon.$put({ param, json: { terms } })),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      void qc.invalidateQueries({ queryKey: [...keys.project(projectId), 'suggestions', 'quality'] });
    },
  });
  if (lexicon.isError) return <ErrorMessage error={lexicon.error} />;
  if (!draft || !labels.data) return <Loading what="the lexicon" />;
  const first = labels.data.find((l) => l.key === 'evaluative') ?? labels.data[0];
  const dirty = JSON.stringify(draft) !== JSON.stringify(lexicon.data?.terms);
  return (
    <section className="lexicon" aria-labelledby="lexicon-title">
      <h3 id="lexicon-title">Project lexicon</h3>
      <p className="muted small">Terms from the guidelines, suggested to annotators as spans of their label (a single word also with its endings).</p>
      {draft.length === 0 ? (
        <p className="muted">No terms yet.</p>
      ) : (
        <table className="figures lexicon-table">
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Label</th>
              <th scope="col">Attributes</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.map((t, i) => (
              <TermRow
                key={i}
                t={t}
                i={i}
                labels={labels.data}
                onChange={(n) => setDraft(draft.map((x, j) => (j === i ? n : x)))}
                onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
              />
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" className="secondary" disabled={!first} onClick={() => first && setDraft([...draft, { term: '', label: first.key, attributes: {} }])}>
          Add term
        </button>
        <button type="button" disabled={!dirty || save.isPending} onClick={() => save.mutate(draft.map((t) => ({ ...t, term: t.term.trim() })))}>
          Save lexicon
        </button>
        {save.isSuccess && !dirty && <span role="status">Saved.</span>}
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
    </section>
  );
}
