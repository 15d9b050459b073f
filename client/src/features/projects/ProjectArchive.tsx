import { useState } from 'react';
import { useLocation } from 'wouter';
import type { ArticleSummary, Project } from '@mbw/shared';
import { ErrorMessage } from '../../ui/status';
import { Dialog, DialogButtons } from '../../ui/Dialog';
import { PurgeDialog } from './PurgeDialog';
import { useArchiveProject } from './purgeHooks';

const spansOf = (articles: ArticleSummary[]) => articles.reduce((n, a) => n + a.progress.reduce((m, p) => m + p.spans, 0), 0);

/**
 * The project page's archive controls (supervisors): “Archive project…” after
 * a confirmation naming its articles and spans; on an archived project a
 * banner with Restore and, for admins, Delete permanently.
 */
/** `articles`: undefined while they load (the dialogs name no count before it is known). */
export function ProjectArchive({ project, articles, admin }: { project: Project & { archivedAt?: string | null }; articles: ArticleSummary[] | undefined; admin: boolean }) {
  const change = useArchiveProject();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [purging, setPurging] = useState(false);
  const spans = articles && spansOf(articles);
  const run = (archive: boolean) => change.mutate({ id: project.id, archive }, { onSuccess: () => setConfirming(false) });
  if (project.archivedAt)
    return (
      <div className="banner archived row" role="note" aria-label="Archived project">
        <span>This project is archived: hidden from its annotators and from every list. Its work is kept.</span>
        <button type="button" onClick={() => run(false)} disabled={change.isPending}>
          Restore project
        </button>
        {admin && (
          <button type="button" className="danger" onClick={() => setPurging(true)} disabled={spans === undefined} title={spans === undefined ? 'Counting its spans…' : undefined}>
            Delete permanently…
          </button>
        )}
        {change.isError && <ErrorMessage error={change.error} />}
        {purging && spans !== undefined && <PurgeDialog kind="project" id={project.id} name={project.name} spans={spans} onDone={() => navigate('/')} onCancel={() => setPurging(false)} />}
      </div>
    );
  return (
    <>
      <button type="button" className="danger small archive-project" onClick={() => setConfirming(true)}>
        Archive project…
      </button>
      {confirming && (
        <ArchiveProjectDialog name={project.name} articles={articles?.length} spans={spans} pending={change.isPending} error={change.isError ? change.error : null} onConfirm={() => run(true)} onCancel={() => (change.reset(), setConfirming(false))} />
      )}
    </>
  );
}

function ArchiveProjectDialog({ name, articles, spans, pending, error, onConfirm, onCancel }: {
  name: string;
  articles: number | undefined;
  spans: number | undefined;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={`Archive “${name}”?`} onClose={onCancel} alert className="form">
      <p>
        {articles === undefined || spans === undefined ? (
          <span role="status">Counting its articles and spans…</span>
        ) : (
          <>
            It holds {articles} {articles === 1 ? 'article' : 'articles'} with {spans} {spans === 1 ? 'span' : 'spans'}.
          </>
        )}{' '}
        They are kept, but the project leaves every list and its annotators see none of it until you restore it (under “Show archived projects” on the projects page).
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <DialogButtons label="Archive the project" onConfirm={onConfirm} onCancel={onCancel} disabled={pending || articles === undefined} danger />
    </Dialog>
  );
}
