import { useQuery } from '@tanstack/react-query';
import type { Label } from '@mbw/shared';
import { api, ApiRequestError, call } from '../../api/client';
import { keys } from '../../api/hooks';

/** The supervisor's comment when they sent this article back. */
export function ReopenNote({ reopened }: { reopened: { comment: string; at: string; by: string } | null }) {
  if (!reopened) return null;
  return (
    <div className="banner conflict" role="note" aria-label="Sent back by your supervisor">
      <span>
        <strong>Sent back by {reopened.by}:</strong> {reopened.comment}
      </span>
    </div>
  );
}

/**
 * On a curated article, when the project allows it: the annotator's own spans
 * against gold (found / not in gold) and the gold spans they missed. The
 * server never sends another annotator's spans.
 */
export function GoldFeedback({ articleId, labels }: { articleId: number; labels: Label[] }) {
  const q = useQuery({
    queryKey: [...keys.article(articleId), 'feedback'],
    queryFn: async () => {
      try {
        return await call(api.articles[':id'].feedback.$get({ param: { id: String(articleId) } }));
      } catch (e) {
        if (e instanceof ApiRequestError && e.status === 403) return null; // not curated, or feedback off
        throw e;
      }
    },
  });
  if (!q.data) return null;
  const name = (k: string) => labels.find((l) => l.key === k)?.name ?? k;
  const missed = q.data.gold.filter((g) => !g.marked);
  return (
    <section className="panel" aria-label="Your spans against gold">
      <h2>Your spans against gold</h2>
      <ul className="plain">
        {q.data.spans.map((s) => (
          <li key={s.id}>
            {s.inGold ? '✓ in gold' : '✗ not in gold'} · {name(s.label)}: „{s.quote}“
          </li>
        ))}
      </ul>
      {missed.length > 0 && (
        <>
          <h3>In gold, not marked by you</h3>
          <ul className="plain">
            {missed.map((g) => (
              <li key={g.id}>
                {name(g.label)}: „{g.quote}“
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
