import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';
import { ErrorMessage } from '../../ui/status';
import { LexiconEditor } from './LexiconEditor';

const pct = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** The project's switch for workspace suggestions, its lexicon, and how good the suggestions are against gold (supervisors). */
export function SuggestionSettings({ projectId }: { projectId: number }) {
  const qc = useQueryClient();
  const param = { id: String(projectId) };
  const key = [...keys.project(projectId), 'suggestions'] as const;
  const state = useQuery({ queryKey: key, queryFn: () => call(api.projects[':id'].suggestions.$get({ param })) });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => call(api.projects[':id'].suggestions.$patch({ param, json: { enabled } })),
    onSuccess: (data) => qc.setQueryData(key, data),
  });
  return (
    <section className="block suggestion-settings" aria-labelledby="suggestion-settings-title">
      <h2 id="suggestion-settings-title">Suggestions in the workspace</h2>
      <label>
        <input type="checkbox" checked={state.data?.enabled ?? false} disabled={!state.data || toggle.isPending} onChange={(e) => toggle.mutate(e.target.checked)} /> Offer
        rule-based suggestions to annotators (turn off to compare agreement without them)
      </label>
      {toggle.isError && <ErrorMessage error={toggle.error} />}
      <SuggestionQuality projectId={projectId} />
      <LexiconEditor projectId={projectId} />
    </section>
  );
}

/** Per suggester and label: precision, recall and F1 against gold, and how often annotators accepted and rejected (also on the agreement dashboard). */
export function SuggestionQuality({ projectId }: { projectId: number }) {
  const param = { id: String(projectId) };
  const quality = useQuery({
    queryKey: [...keys.project(projectId), 'suggestions', 'quality'],
    queryFn: () => call(api.projects[':id']['suggestion-quality'].$get({ param })),
  });
  if (quality.isError) return <ErrorMessage error={quality.error} />;
  return (
    <>
      {quality.data && (
        <table className="figures">
          <caption>Suggestion quality against gold (overlap credit)</caption>
          <thead>
            <tr>
              <th scope="col">Suggester</th>
              <th scope="col">Label</th>
              <th scope="col" className="num">Precision</th>
              <th scope="col" className="num">Recall</th>
              <th scope="col" className="num">F1</th>
              <th scope="col" className="num">Curated articles</th>
              <th scope="col" className="num">Accepted</th>
              <th scope="col" className="num">Rejected</th>
              <th scope="col" className="num">Acceptance rate</th>
            </tr>
          </thead>
          <tbody>
            {quality.data.quality.map((q) => (
              <tr key={`${q.suggester}:${q.label}`}>
                <th scope="row">{q.suggester}</th>
                <td>{q.label}</td>
                <td className="num">{pct(q.p)}</td>
                <td className="num">{pct(q.r)}</td>
                <td className="num">{pct(q.f1)}</td>
                <td className="num">{q.articles}</td>
                <td className="num">{q.accepted}</td>
                <td className="num">{q.rejected}</td>
                <td className="num">{q.accepted + q.rejected ? `${Math.round((100 * q.accepted) / (q.accepted + q.rejected))} %` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
