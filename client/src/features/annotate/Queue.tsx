import { Link } from 'wouter';
import type { Article, ArticleSummary } from '@mbw/shared';
import { useArticles } from '../../api/hooks';

/** An article still to do: neither submitted nor skipped. */
const isOpen = (a: ArticleSummary) => a.progress[0]?.status !== 'submitted' && !a.progress[0]?.flag;

/** The next open article after this one in the annotator's list (wrapping round), if any. */
export function nextOpen(mine: ArticleSummary[], articleId: number): ArticleSummary | undefined {
  const at = mine.findIndex((a) => a.id === articleId);
  return [...mine.slice(at + 1), ...mine.slice(0, Math.max(at, 0))].find(isOpen);
}

/** The annotator's queue in this project: progress, skipped articles, and the next open article. */
export function Queue({ article }: { article: Article }) {
  const list = useArticles(article.projectId);
  if (!list.data) return null;
  const mine = list.data;
  const done = mine.filter((a) => a.progress[0]?.status === 'submitted').length;
  const skipped = mine.filter((a) => a.progress[0]?.flag).length;
  const next = nextOpen(mine, article.id);
  const here = mine.find((a) => a.id === article.id);
  return (
    <section className="panel queue" aria-label="Your queue">
      <p>
        <strong>
          {done} of {mine.length}
        </strong>{' '}
        submitted{skipped > 0 && `, ${skipped} skipped`}
      </p>
      <progress max={mine.length} value={done} aria-label="Articles submitted" />
      {next ? (
        <Link href={`/articles/${next.id}`} className="next">
          Next article →
        </Link>
      ) : (
        <p className="muted small">
          {done === mine.length
            ? 'All your articles are submitted.'
            : here && isOpen(here)
              ? 'This is your last open article.'
              : 'No other open article: the rest are submitted or skipped.'}
        </p>
      )}
    </section>
  );
}
