import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { FigureName, ProfileBy, SpanBehind } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { FIGURE_TITLES } from './profileData';

export interface Opened {
  group: string;
  name: string;
  figure: FigureName;
}

const WHOSE: Record<string, string> = { gold: 'gold', consensus: 'majority consensus' };
const attrs = (a: Record<string, unknown>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');

/**
 * The spans behind one figure of the profile (issue 14): each with its
 * article (a link to it), its words, label, attributes and whose span it is
 * (gold, the majority consensus or the annotator). Esc or Close returns to
 * the figure.
 */
export function SpansBehind({ projectId, by, basis, opened, onClose }: { projectId: number; by: ProfileBy; basis: string; opened: Opened; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const query = { by, basis, group: opened.group, figure: opened.figure };
  const spans = useQuery({
    queryKey: [...keys.project(projectId), 'profile', 'spans', query] as const,
    queryFn: async () => (await call(api.projects[':id'].profile.spans.$get({ param: { id: String(projectId) }, query }))).spans as SpanBehind[],
  });
  useEffect(() => heading.current?.focus(), [opened]);
  const title = `${FIGURE_TITLES[opened.figure]} — ${opened.name}`;
  return (
    <section className="block spans-behind" aria-labelledby="spans-behind-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="row spread">
        <h2 id="spans-behind-title" tabIndex={-1} ref={heading}>
          Spans behind: {title}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {spans.isError && <ErrorMessage error={spans.error} />}
      {spans.isPending && <Loading what="the spans" />}
      {spans.data?.length === 0 && <p className="muted">No spans behind this figure.</p>}
      {spans.data && spans.data.length > 0 && (
        <div className="table-scroll">
          <table className="figures">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col">Text</th>
                <th scope="col">Label</th>
                <th scope="col">Attributes</th>
                <th scope="col">Whose</th>
              </tr>
            </thead>
            <tbody>
              {spans.data.map((s, i) => (
                <tr key={i}>
                  <td>
                    <Link href={`/articles/${String(s.articleId)}`}>{s.title}</Link>
                  </td>
                  <td>
                    “{s.quote}”{s.inQuotes && <span className="muted small"> (inside quotation marks)</span>}
                  </td>
                  <td>{s.label}</td>
                  <td>{attrs(s.attributes) || '—'}</td>
                  <td>{WHOSE[s.basis] ?? s.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
