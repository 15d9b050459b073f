import { Link } from 'wouter';
import type { ArticleProgress, ArticleSummary } from '@mbw/shared';

const STATUS_TEXT: Record<ArticleProgress['status'], string> = {
  assigned: 'not started',
  in_progress: 'in progress',
  submitted: 'submitted',
};

/** A value cut to one line with an ellipsis; the full value on hover. */
function Clipped({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="clip" title={value}>
      {value}
    </span>
  );
}

/**
 * The project page's articles with their progress. Supervisors also see each
 * article's outlet and story, as columns that appear once any article has
 * one (annotators do not: the outlet stays out of their view while they label).
 */
export function ArticleTable({ articles, supervises }: { articles: ArticleSummary[]; supervises: boolean }) {
  const outlets = supervises && articles.some((a) => a.source);
  const stories = supervises && articles.some((a) => a.story);
  return (
    <table className="articles" aria-label="Articles">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Title</th>
          {outlets && <th scope="col">Outlet</th>}
          {stories && <th scope="col">Story</th>}
          <th scope="col" className="num">
            Characters
          </th>
          <th scope="col">{supervises ? 'Annotators' : 'Your progress'}</th>
        </tr>
      </thead>
      <tbody>
        {articles.map((a, i) => (
          <tr key={a.id}>
            <td className="muted">{i + 1}</td>
            <td>
              <Link href={`/articles/${a.id}`}>{a.title}</Link>
            </td>
            {outlets && (
              <td>
                <Clipped value={a.source} />
              </td>
            )}
            {stories && (
              <td>
                <Clipped value={a.story} />
              </td>
            )}
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
  );
}
