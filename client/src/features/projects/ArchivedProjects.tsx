import { useState } from 'react';
import { Link } from 'wouter';
import type { ArchivedProject } from '@mbw/shared';
import { ErrorMessage, Loading } from '../../ui/status';
import { PurgeDialog } from './PurgeDialog';
import { useArchiveProject, useArchivedProjects } from './purgeHooks';

/** The projects page's archived projects (supervisors): shown on request, each restorable; admins may delete one permanently. */
export function ArchivedProjects({ admin }: { admin: boolean }) {
  const [open, setOpen] = useState(false);
  const archived = useArchivedProjects(open);
  const change = useArchiveProject();
  const [purging, setPurging] = useState<ArchivedProject | null>(null);
  const [done, setDone] = useState('');
  const restore = (p: ArchivedProject) => change.mutate({ id: p.id, archive: false }, { onSuccess: () => setDone(`Restored “${p.name}”.`) });
  return (
    <section className="archived-projects" aria-label="Archived projects">
      <button type="button" aria-expanded={open} onClick={() => (setOpen(!open), setDone(''))}>
        {open ? 'Hide archived projects' : 'Show archived projects'}
      </button>
      {done && <p role="status" className="ok">{done}</p>}
      {change.isError && <ErrorMessage error={change.error} />}
      {open && archived.isPending && <Loading what="archived projects" />}
      {open && archived.isError && <ErrorMessage error={archived.error} />}
      {open && archived.data?.length === 0 && <p className="empty">No archived projects.</p>}
      {open && archived.data && archived.data.length > 0 && (
        <ul className="plain" aria-label="Archived projects list">
          {archived.data.map((p) => (
            <li key={p.id} className="card row archived-project">
              <span className="grow">
                <Link href={`/projects/${p.id}`}>{p.name}</Link>{' '}
                <span className="muted">
                  · {p.articleCount} {p.articleCount === 1 ? 'article' : 'articles'}, {p.spans} {p.spans === 1 ? 'span' : 'spans'} · archived {p.archivedAt.slice(0, 10)}
                </span>
              </span>
              <button type="button" className="small" onClick={() => restore(p)} disabled={change.isPending} aria-label={`Restore ${p.name}`}>
                Restore
              </button>
              {admin && (
                <button type="button" className="small danger" onClick={() => (setDone(''), setPurging(p))} aria-label={`Delete ${p.name} permanently`}>
                  Delete permanently…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {purging && (
        <PurgeDialog
          kind="project"
          id={purging.id}
          name={purging.name}
          spans={purging.spans}
          onDone={(name) => (setPurging(null), setDone(`Deleted “${name}” permanently.`))}
          onCancel={() => setPurging(null)}
        />
      )}
    </section>
  );
}
