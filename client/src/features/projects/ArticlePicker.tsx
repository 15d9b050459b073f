import { useEffect, useRef } from 'react';
import type { ArticleProgress, ArticleSummary } from '@mbw/shared';

const STATUS: Record<ArticleProgress['status'], string> = { assigned: 'not started', in_progress: 'in progress', submitted: 'submitted' };

/** Who has the article now, in a few words: "Ada (in progress, 3 spans) · Bo (submitted)". */
export function assigneesText(progress: ArticleProgress[]): string {
  if (progress.length === 0) return 'unassigned';
  return progress
    .map((p) => `${p.displayName} (${[STATUS[p.status], p.spans ? `${p.spans} ${p.spans === 1 ? 'span' : 'spans'}` : '', p.flag ? 'skipped' : ''].filter(Boolean).join(', ')})`)
    .join(' · ');
}

/** A checkbox list of the project's articles with select-all, each with its current assignees. */
export function ArticlePicker({ articles, chosen, onChange }: { articles: ArticleSummary[]; chosen: Set<number>; onChange: (next: Set<number>) => void }) {
  const all = useRef<HTMLInputElement>(null);
  const count = articles.filter((a) => chosen.has(a.id)).length;
  useEffect(() => {
    if (all.current) all.current.indeterminate = count > 0 && count < articles.length;
  }, [count, articles.length]);
  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    onChange(next);
  };
  if (articles.length === 0) return <p className="empty">No articles yet. Import some first.</p>;
  return (
    <fieldset className="article-picker">
      <legend>
        Articles <span className="muted">({count} of {articles.length} chosen)</span>
      </legend>
      <label className="check pick-all">
        <input
          ref={all}
          type="checkbox"
          checked={count === articles.length}
          onChange={() => onChange(count === articles.length ? new Set() : new Set(articles.map((a) => a.id)))}
        />
        Select all articles
      </label>
      <ul className="plain pick-list" aria-label="Articles to choose from">
        {articles.map((a) => (
          <li key={a.id}>
            <label className="check">
              <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} aria-describedby={`assignees-${a.id}`} />
              <span className="pick-title" title={a.title}>
                {a.title}
              </span>
            </label>
            <span id={`assignees-${a.id}`} className="muted small pick-who">
              {assigneesText(a.progress)}
            </span>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
