import { Link } from 'wouter';
import type { User } from '@mbw/shared';
import { useArticles, useLabels, useProject } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { ArchivePanel } from './ArchivePanel';
import { ArticleTable } from './ArticleTable';
import { AssignPanel } from './AssignPanel';
import { ExportPanel } from './ExportPanel';
import { FlagsPanel } from './FlagsPanel';
import { ImportPanel } from './ImportPanel';
import { MembersPanel } from './MembersPanel';
import { ProjectArchive } from './ProjectArchive';

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
        <div className="project-actions">
          <nav className="project-links" aria-label="Project pages">
            <Link href={`/projects/${id}/agreement`}>Agreement</Link>
            <Link href={`/projects/${id}/curation`}>Curation</Link>
            <Link href={`/projects/${id}/profile`}>Bias profile</Link>
            <Link href={`/projects/${id}/settings`}>Label scheme</Link>
          </nav>
          <ProjectArchive project={project.data} articles={articles.data} admin={user.role === 'admin'} />
        </div>
      )}
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
        <ArticleTable articles={articles.data} supervises={supervises} />
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
