import { useMemo } from 'react';
import { Link } from 'wouter';
import { OffsetMap, type User } from '@mbw/shared';
import { useArticle, useLabels } from '../../api/hooks';
import { Guideline } from '../../ui/Guideline';
import { ErrorMessage, Loading } from '../../ui/status';
import { AnnotatePage } from '../annotate/AnnotatePage';
import { ProjectGuideline } from '../annotate/Guidelines';
import { buildParagraphs } from '../annotate/layout';
import { useScheme } from '../projects/schemeHooks';
import { ArticleMetaEditor } from './ArticleMetaEditor';

const STATUS_TEXT = { assigned: 'Not started', in_progress: 'In progress', submitted: 'Submitted' } as const;

/** An assigned annotator's workspace, or the reading view for everyone else. */
export function ArticlePage({ id, user }: { id: number; user: User }) {
  const article = useArticle(id);
  const labels = useLabels(article.data?.projectId);
  const scheme = useScheme(article.data?.projectId); // the workspace reads the same cache entry
  const text = article.data?.text ?? '';
  const paras = useMemo(() => buildParagraphs(text, new OffsetMap(text)), [text]);
  if (article.isPending) return <Loading what="the article" />;
  if (article.isError) return <ErrorMessage error={article.error} />;
  const a = article.data;
  if (a.myStatus !== null) {
    if (!labels.data) return labels.isError ? <ErrorMessage error={labels.error} /> : <Loading what="labels" />;
    return <AnnotatePage key={a.id} article={a} labels={labels.data} me={user.username} reopened={a.reopened} />;
  }
  return (
    <div className="article-layout">
      <article className="reader" aria-labelledby="article-title">
        <p className="crumbs">
          <Link href="/">Projects</Link> / <Link href={`/projects/${a.projectId}`}>Project</Link> /
        </p>
        <h1 id="article-title">{a.title}</h1>
        {user.role !== 'annotator' && (
          <p className="project-links">
            <Link href={`/articles/${a.id}/curate`}>Curate</Link> <Link href={`/articles/${a.id}/history`}>History</Link>
          </p>
        )}
        <p className="meta">
          {[a.source, a.publishedAt, `${a.length.toLocaleString('en')} characters`].filter(Boolean).join(' · ')}
          {a.myStatus && <span className={`badge status-${a.myStatus}`}>{STATUS_TEXT[a.myStatus]}</span>}
        </p>
        {user.role !== 'annotator' && <ArticleMetaEditor article={a} />}
        <div className="article-text" aria-label="Article text">
          {paras.map((p) => (
            <p key={p.u16Start}>
              {p.text}
            </p>
          ))}
        </div>
      </article>
      <aside className="side" aria-label="Guidelines">
        {scheme.data && <ProjectGuideline guideline={scheme.data.guideline} Heading="h2" />}
        <h2>Labels</h2>
        {labels.isPending && <Loading what="labels" />}
        {labels.data?.map((l) => <Guideline key={l.key} label={l} />)}
      </aside>
    </div>
  );
}
