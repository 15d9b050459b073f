import { useState } from 'react';
import { Link } from 'wouter';
import type { RestoreResult } from '@mbw/shared';
import { useArticle } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { describeEntry, diffRows, spanNames, type SpanNames } from './describe';
import { useHistory, useRestore, type Entry } from './historyHooks';
import { RestoreDialog, spanName } from './RestoreDialog';
import './history.css';

const when = (at: string) => new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

function restoredText(r: RestoreResult): string {
  const parts = [`${r.attributes.restored} ${r.attributes.restored === 1 ? 'attribute' : 'attributes'}`];
  if (r.note) parts.push('its note');
  parts.push(`${r.links.restored} ${r.links.restored === 1 ? 'link' : 'links'}`);
  const lost = [
    r.attributes.dropped.length ? `attributes the label no longer has: ${r.attributes.dropped.join(', ')}` : '',
    r.links.skipped ? `${r.links.skipped} ${r.links.skipped === 1 ? 'link' : 'links'} whose other span is gone or whose type the scheme no longer allows` : '',
  ].filter(Boolean);
  return `Restored the ${r.kind === 'gold' ? 'gold span' : 'span'} (${r.label}) with ${parts.join(', ')}.${lost.length ? ` Not restored: ${lost.join('; ')}.` : ''}`;
}

function HistoryItem({ entry, names, onRestore }: { entry: Entry; names: SpanNames; onRestore: () => void }) {
  const rows = diffRows(entry.before, entry.after, names);
  const whose = entry.annotator && entry.annotator !== entry.user?.username ? ` of ${entry.annotator}` : '';
  return (
    <article className="history-entry card" aria-labelledby={`entry-${entry.id}`}>
      <div className="history-head">
        <h2 id={`entry-${entry.id}`}>
          <strong>{entry.user?.displayName ?? 'The system'}</strong> {describeEntry(entry)}
          {whose}
        </h2>
        <time dateTime={entry.at} className="muted small">
          {when(entry.at)}
        </time>
        {entry.restorable && (
          <button type="button" onClick={onRestore} aria-label={`Restore ${entry.entity === 'gold' ? 'gold span' : 'span'} ${spanName(entry)}`}>
            Restore…
          </button>
        )}
      </div>
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="history-diff">
            <colgroup>
              <col className="field" />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.field}>
                  <th scope="row">{r.field}</th>
                  <td className={r.before && r.changed ? 'was' : undefined}>{r.before}</td>
                  <td className={r.after && r.changed ? 'now' : undefined}>{r.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

/** An article's history for its supervisors: every change with before and after, and restoring a deleted span. */
export function HistoryPage({ articleId }: { articleId: number }) {
  const article = useArticle(articleId);
  const history = useHistory(articleId);
  const restore = useRestore(articleId);
  const [confirming, setConfirming] = useState<Entry | null>(null);
  const [onlyDeletions, setOnlyDeletions] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (article.isError) return <ErrorMessage error={article.error} />;
  if (history.isError) return <ErrorMessage error={history.error} />;
  if (article.isPending || history.isPending) return <Loading what="the history" />;
  const all = history.data.pages.flatMap((p) => p.entries);
  const names = spanNames(all);
  const entries = onlyDeletions ? all.filter((e) => e.action === 'delete' || e.action === 'unlink') : all;
  const confirm = () =>
    restore.mutate(confirming!.id, {
      onSuccess: (r) => {
        setDone(restoredText(r.restored));
        setConfirming(null);
      },
    });
  return (
    <div className="page history">
      <p className="crumbs">
        <Link href="/">Projects</Link> / <Link href={`/projects/${article.data.projectId}`}>Project</Link> /{' '}
        <Link href={`/articles/${articleId}`}>{article.data.title}</Link> /
      </p>
      <h1>History</h1>
      <p className="muted">
        Every change to this article’s spans, links, gold and assignments, oldest first, with the values before and after. A deleted span or
        gold span can be restored.
      </p>
      <label className="check">
        <input type="checkbox" checked={onlyDeletions} onChange={(e) => setOnlyDeletions(e.target.checked)} /> Only deletions
      </label>
      <p role="status" className={done ? 'ok' : 'sr-only'}>
        {done ?? ''}
      </p>
      {entries.length === 0 ? (
        <p className="empty">{all.length === 0 ? 'No changes recorded for this article yet.' : 'Nothing was deleted on this article.'}</p>
      ) : (
        <ol className="history-list" aria-label="Changes">
          {entries.map((e) => (
            <li key={e.id}>
              <HistoryItem entry={e} names={names} onRestore={() => (restore.reset(), setConfirming(e))} />
            </li>
          ))}
        </ol>
      )}
      {history.hasNextPage && (
        <button type="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      )}
      {confirming && (
        <RestoreDialog entry={confirming} pending={restore.isPending} error={restore.error} onRestore={confirm} onCancel={() => setConfirming(null)} />
      )}
    </div>
  );
}
