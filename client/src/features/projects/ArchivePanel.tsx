import { useState } from 'react';
import type { ArticleSummary } from '@mbw/shared';
import { ErrorMessage } from '../../ui/status';
import { useArchiveArticle, useArchivedArticles } from './archiveHooks';
import { PurgeDialog } from './PurgeDialog';

const spansOf = (a: ArticleSummary) => a.progress.reduce((n, p) => n + p.spans, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Archive an article (after a confirmation naming its spans) and restore archived ones; admins may delete an archived one permanently. */
export function ArchivePanel({ projectId, articles, admin }: { projectId: number; articles: ArticleSummary[]; admin: boolean }) {
  const archived = useArchivedArticles(projectId);
  const change = useArchiveArticle(projectId);
  const [chosen, setChosen] = useState<number | ''>('');
  const [confirming, setConfirming] = useState<ArticleSummary | null>(null);
  const [done, setDone] = useState('');
  const [purging, setPurging] = useState<{ id: number; title: string; spans: number } | null>(null);
  const run = (id: number, archive: boolean, title: string) =>
    change.mutate({ id, archive }, { onSuccess: () => (setConfirming(null), setChosen(''), setDone(archive ? `Archived “${title}”.` : `Restored “${title}”.`)) });
  return (
    <section className="card form" aria-label="Archive">
      <h2>Archive</h2>
      <p className="muted">An archived article is hidden from its annotators and left out of progress, agreement, curation and exports. Its work is kept; restore it at any time.</p>
      <div className="row archive-row">
        <label>
          Article
          <select value={chosen} onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : '')}>
            <option value="">Choose an article…</option>
            {articles.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="danger" disabled={chosen === ''} onClick={() => setConfirming(articles.find((a) => a.id === chosen) ?? null)}>
          Archive…
        </button>
      </div>
      {done && <p role="status" className="ok">{done}</p>}
      {change.isError && <ErrorMessage error={change.error} />}
      {archived.data && archived.data.length > 0 && (
        <ul className="plain" aria-label="Archived articles">
          {archived.data.map((a) => (
            <li key={a.id} className="row">
              <span>
                {a.title} <span className="muted">({a.spans} {a.spans === 1 ? 'span' : 'spans'})</span>
              </span>
              <button type="button" className="small" onClick={() => run(a.id, false, a.title)} aria-label={`Restore ${a.title}`}>
                Restore
              </button>
              {admin && (
                <button type="button" className="small danger" onClick={() => (setDone(''), setPurging(a))} aria-label={`Delete ${a.title} permanently`}>
                  Delete permanently…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {purging && (
        <PurgeDialog
          kind="article"
          id={purging.id}
          name={purging.title}
          spans={purging.spans}
          onDone={(title) => (setPurging(null), setDone(`Deleted “${title}” permanently.`))}
          onCancel={() => setPurging(null)}
        />
      )}
      {confirming && (
        <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && setConfirming(null)}>
          <div role="alertdialog" aria-modal="true" aria-label={`Archive “${confirming.title}”?`} className="dialog card form">
            <h2>Archive “{confirming.title}”?</h2>
            <p>
              It holds {plural(spansOf(confirming), 'span')} by {plural(confirming.progress.length, 'annotator')}. They are kept, but the article leaves the annotators’ lists, progress,
              agreement and exports until you restore it.
            </p>
            <div className="row">
              <button type="button" className="danger" autoFocus disabled={change.isPending} onClick={() => run(confirming.id, true, confirming.title)}>
                Archive the article
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
