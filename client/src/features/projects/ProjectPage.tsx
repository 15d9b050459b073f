import { Link } from 'wouter';
import type { ArticleProgress, User } from '@mbw/shared';
import { useArticles, useLabels, useProject } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { ArchivePanel } from './ArchivePanel';
import { AssignPanel } from './AssignPanel';
import { ExportPanel } from './ExportPanel';
import { FlagsPanel } from './FlagsPanel';
import { ImportPanel } from './ImportPanel';
import { MembersPanel } from './MembersPanel';
import { ProjectArchive } from './ProjectArchive';

const STATUS_TEXT: Record<ArticleProgress['status'], string> = {
  assigned: 'not started',
  in_progress: 'in progress',
  submitted: 'submitted',
};

export function ProjectPage({ id, user }: { id: number; user: User }) {
  const project = useProject(id);
  const labels = useLabels(id);
  const articles = useArticles(id, { live: true }); // progress refreshes while the page is visible
  const supervises = user.role !== 'annotator';
  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <ErrorMessage error={project.error} />;
  return (
    <section className="page">
      <p className="crumbs">
        <Link href="/">Projects</Link> /
      </p>
      <h1>{project.data.name}</h1>
      {project.data.description && <p className="muted">{project.data.description}</p>}
      {supervises && (
        <nav className="project-links" aria-label="Project pages">
          <Link href={`/projects/${id}/agreement`}>Agreement</Link> · <Link href={`/projects/${id}/curation`}>Curation</Link> ·{' '}
          <Link href={`/projects/${id}/profile`}>Bias profile</Link> ·{' '}
          <Link href={`/projects/${id}/settings`}>Label scheme</Link>
        </nav>
      )}
      {supervises && <ProjectArchive project={project.data} articles={articles.data ?? []} admin={user.role === 'admin'} />}
      {labels.data && (
        <ul className="legend" aria-label="Labels">
          {labels.data.map((l) => (
            <li key={l.key} title={l.description}>
              <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.name}
              {l.hotkey && <kbd>{l.hotkey}</kbd>}
            </li>
          ))}
        </ul>
      )}
      <h2>Articles</h2>
      {articles.isPending && <Loading what="articles" />}
      {articles.isError && <ErrorMessage error={articles.error} />}
      {articles.data?.length === 0 && (
        <p className="empty">
          {supervises ? 'No articles yet. Import some below.' : 'No articles in this project are assigned to you.'}
        </p>
      )}
      {articles.data && articles.data.length > 0 && (
        <table className="articles" aria-label="Articles">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Title</th>
              <th scope="col" className="num">
                Characters
              </th>
              <th scope="col">{supervises ? 'Annotators' : 'Your progress'}</th>
            </tr>
          </thead>
          <tbody>
            {articles.data.map((a, i) => (
              <tr key={a.id}>
                <td className="muted">{i + 1}</td>
                <td>
                  <Link href={`/articles/${a.id}`}>{a.title}</Link>
                </td>
                <td className="num">{a.length.toLocaleString('en')}</td>
                <td>
                  {a.progress.length === 0 ? (
                    <span className="muted">unassigned</span>
                  ) : (
                    <ul className="progress">
                      {a.progress.map((p) => (
                        <li key={p.annotatorId} className={`status-${p.status}`}>
                          {supervises && <strong>{p.displayName}</strong>} {STATUS_TEXT[p.status]}
                          {p.spans > 0 && ` · ${p.spans} ${p.spans === 1 ? 'span' : 'spans'}`}
                          {p.flag && <span title={`Skipped: ${p.flag.reason}`}> · skipped</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {supervises && <FlagsPanel projectId={id} articles={articles.data ?? []} />}
      {supervises && (
        <div className="tools">
          <ImportPanel projectId={id} />
          <AssignPanel projectId={id} articles={articles.data ?? []} />
          <ExportPanel projectId={id} articles={articles.data ?? []} />
          <ArchivePanel projectId={id} articles={articles.data ?? []} admin={user.role === 'admin'} />
          <MembersPanel projectId={id} />
        </div>
      )}
    </section>
  );
}
