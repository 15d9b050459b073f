import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, call } from '../../api/client';
import { keys, useProject } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { useCurationQueue, useGoldScores } from './hooks';
import { PreMergeForm } from './PreMergeJob';

const pct = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** The project's curation queue: articles by open conflicts, curated last; pre-merge all; annotators against gold. */
export function CurationQueuePage({ projectId }: { projectId: number }) {
  const queue = useCurationQueue(projectId);
  const project = useProject(projectId);
  const qc = useQueryClient();
  const settingsKey = [...keys.project(projectId), 'settings'];
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => call(api.projects[':id'].settings.$get({ param: { id: String(projectId) } })) });
  const feedback = useMutation({
    mutationFn: (on: boolean) => call(api.projects[':id'].settings.$put({ param: { id: String(projectId) }, json: { goldFeedback: on } })),
    onSuccess: (data) => qc.setQueryData(settingsKey, data),
  });
  if (queue.isError) return <ErrorMessage error={queue.error} />;
  if (!queue.data) return <Loading what="the curation queue" />;
  const { articles, counts } = queue.data;
  return (
    <section className="page">
      <p className="crumbs">
        <Link href="/">Projects</Link> / <Link href={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link> /
      </p>
      <h1>Curation</h1>
      <p>
        {counts.articles} articles with submitted work · {counts.curated} curated · {counts.open} open conflicts
      </p>
      <PreMergeForm projectId={projectId}>
        <label className="check">
          <input type="checkbox" checked={settings.data?.goldFeedback ?? false} disabled={!settings.data || feedback.isPending} onChange={(e) => feedback.mutate(e.target.checked)} />
          Annotators see their spans against gold on curated articles
        </label>
      </PreMergeForm>
      {articles.length === 0 ? (
        <p className="empty">No submitted work yet: curation starts when annotators submit.</p>
      ) : (
        <table className="table" aria-label="Articles to curate">
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Outlet</th>
              <th scope="col">Annotators</th>
              <th scope="col">Gold spans</th>
              <th scope="col">Open conflicts</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.articleId}>
                <td>
                  <Link href={`/articles/${a.articleId}/curate`}>{a.title}</Link>
                </td>
                <td>{a.source ?? '—'}</td>
                <td>{a.annotators}</td>
                <td>{a.gold}</td>
                <td>{a.open}</td>
                <td>{a.status === 'curated' ? 'Curated' : 'Open'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <GoldScores projectId={projectId} />
    </section>
  );
}

export function GoldScores({ projectId }: { projectId: number }) {
  const scores = useGoldScores(projectId);
  if (!scores.data) return null;
  return (
    <section aria-label="Annotators against gold">
      <h2>Annotators against gold</h2>
      {scores.data.annotators.length === 0 ? (
        <p className="empty">No curated article yet: scores appear once an article is marked curated.</p>
      ) : (
        <table className="table" aria-label="Gold scores">
          <thead>
            <tr>
              <th scope="col">Annotator</th>
              <th scope="col">Label</th>
              <th scope="col">P exact</th>
              <th scope="col">R exact</th>
              <th scope="col">F1 exact</th>
              <th scope="col">F1 overlap</th>
              <th scope="col">tp / fp / fn (exact)</th>
              <th scope="col">Where to look</th>
            </tr>
          </thead>
          <tbody>
            {scores.data.annotators.map((s) => (
              <tr key={`${s.username}:${s.label}`}>
                <td>{s.username}</td>
                <td>{s.label}</td>
                <td>{pct(s.exact.p)}</td>
                <td>{pct(s.exact.r)}</td>
                <td>{pct(s.exact.f1)}</td>
                <td>{pct(s.overlap.f1)}</td>
                <td>
                  {s.exact.tp} / {s.exact.fp} / {s.exact.fn}
                </td>
                <td>{s.worst ? <Link href={`/articles/${s.worst.article}/curate`}>{s.worst.errors} {s.worst.errors === 1 ? 'difference' : 'differences'} on one article</Link> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">
        Over {scores.data.articles} curated {scores.data.articles === 1 ? 'article' : 'articles'}.
      </p>
    </section>
  );
}

