import { Link } from 'wouter';
import type { ArticleFlag, ArticleSummary } from '@mbw/shared';
import { ErrorMessage } from '../../ui/status';
import { useFlag } from './assignHooks';

type Flagged = { article: ArticleSummary; annotatorId: number; who: string; flag: ArticleFlag };

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Articles annotators skipped, with their reasons; the supervisor clears a flag once dealt with. Nothing while none is flagged. */
export function FlagsPanel({ projectId, articles }: { projectId: number; articles: ArticleSummary[] }) {
  const flagged: Flagged[] = articles.flatMap((article) =>
    article.progress.flatMap((p) => (p.flag ? [{ article, annotatorId: p.annotatorId, who: p.displayName, flag: p.flag }] : [])),
  );
  // Shown only while there is something to deal with; the articles table marks skipped work too.
  if (flagged.length === 0) return null;
  return (
    <section className="card flags-panel" aria-labelledby="flags-title">
      <h2 id="flags-title">Skipped articles</h2>
      <p className="muted small">Annotators skipped these, saying why. Clear a flag once dealt with (for example after archiving the article or unassigning it).</p>
      <ul className="plain flag-list" aria-label="Flags">
        {flagged.map((f) => (
          <FlagRow key={`${f.article.id}:${f.annotatorId}`} projectId={projectId} item={f} />
        ))}
      </ul>
    </section>
  );
}

function FlagRow({ projectId, item }: { projectId: number; item: Flagged }) {
  const { clear } = useFlag(item.article.id, projectId);
  return (
    <li className="flag-item">
      <div>
        <strong>{item.who}</strong> skipped <Link href={`/articles/${item.article.id}`}>{item.article.title}</Link>{' '}
        <span className="muted small">· {when(item.flag.at)}</span>
        <blockquote className="flag-reason">{item.flag.reason}</blockquote>
        {clear.isError && <ErrorMessage error={clear.error} />}
      </div>
      <button type="button" className="small" disabled={clear.isPending} onClick={() => clear.mutate(item.annotatorId)} aria-label={`Clear ${item.who}’s flag on ${item.article.title}`}>
        Clear flag
      </button>
    </li>
  );
}
