import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { OffsetMap, tokenize, type Article, type Label } from '@mbw/shared';
import { useArticle, useLabels } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { stepBoundary } from '../annotate/layout';
import { ConflictView } from './ConflictView';
import { GoldEditor } from './GoldEditor';
import { useCuration, useCurationQueue, useDecisions, type Conflict, type CurationData } from './hooks';
import { TextDialog } from './TextDialog';

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && !!t.closest('input, textarea, select, [role="dialog"]');

/** The spans of the versions that more than half of the article's annotators chose. */
export function majorityAccept(conflict: Conflict, annotators: number): string[] {
  const groups = new Map<string, typeof conflict.spans>();
  for (const s of conflict.spans) groups.set(`${s.label}:${s.start}:${s.end}`, [...(groups.get(`${s.label}:${s.start}:${s.end}`) ?? []), s]);
  const need = Math.floor(annotators / 2) + 1;
  return [...groups.values()].filter((g) => new Set(g.map((s) => s.annotator)).size >= need).flat().map((s) => s.id);
}

/** Curation of one article (supervisors): conflicts one by one, one key per decision. */
export function CuratePage({ articleId }: { articleId: number }) {
  const article = useArticle(articleId);
  const labels = useLabels(article.data?.projectId);
  const view = useCuration(articleId);
  if (article.isError) return <ErrorMessage error={article.error} />;
  if (view.isError) return <ErrorMessage error={view.error} />;
  if (!article.data || !labels.data || !view.data) return <Loading what="the curation" />;
  return <Curation article={article.data} labels={labels.data} data={view.data} />;
}

function Curation({ article, labels, data }: { article: Article; labels: Label[]; data: CurationData }) {
  const map = useMemo(() => new OffsetMap(article.text), [article.text]);
  const tokens = useMemo(() => tokenize(article.text), [article.text]);
  const decide = useDecisions(article.id, article.projectId);
  const queue = useCurationQueue(article.projectId);
  const [, navigate] = useLocation();
  const [at, setAt] = useState(0);
  // The gold span being edited stays open after its conflict is settled.
  const [editingId, setEditingId] = useState<string | null>(null);
  const [asking, setAsking] = useState<null | 'reject' | { reopen: string }>(null);
  const [message, setMessage] = useState<string | null>(null);
  const conflicts = data.conflicts;
  const index = Math.min(at, Math.max(0, conflicts.length - 1));
  const current = conflicts[index];
  const gold = current ? data.gold.find((g) => current.gold.includes(g.id)) : undefined;
  const edited = data.gold.find((g) => g.id === editingId);
  const nextArticle = queue.data?.articles.find((a) => a.articleId !== article.id && a.status === 'open' && a.open > 0);

  const run = (d: Parameters<typeof decide.mutate>[0], done?: string) => {
    setMessage(null);
    decide.mutate(d, { onSuccess: () => done && setMessage(done), onError: (e) => setMessage(e.message) });
  };
  const resolve = (accept: string[], reason?: string) => current && run({ kind: 'resolve', spanIds: current.spans.map((s) => s.id), accept, reason });
  const moveGold = (edge: 'start' | 'end', dir: 1 | -1) => {
    if (!edited) return;
    const to = stepBoundary(edge === 'start' ? edited.start : edited.end, dir, edge, tokens, map.codePointLength);
    const start = edge === 'start' ? to : edited.start;
    const end = edge === 'end' ? to : edited.end;
    if (start < end) run({ kind: 'edit', goldId: edited.id, changes: { version: edited.version, start, end } });
  };

  const handler = useRef<(e: KeyboardEvent) => void>(() => {});
  handler.current = (e: KeyboardEvent) => {
    if (isTyping(e.target) || asking) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z') return e.preventDefault(), run({ kind: 'undo' }, 'Undone.');
    if (mod) return;
    if (edited && e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      return moveGold(e.altKey ? 'start' : 'end', e.key === 'ArrowRight' ? 1 : -1);
    }
    const key = e.key.toLowerCase();
    if (e.key === 'Escape') return setEditingId(null);
    if (key === 'm') return run({ kind: 'merge', match: 'exact' }, 'Pre-merged.');
    if (key === 'j') return setAt(Math.min(index + 1, conflicts.length - 1));
    if (key === 'k') return setAt(Math.max(index - 1, 0));
    if (key === 'n') return nextArticle ? navigate(`/articles/${nextArticle.articleId}/curate`) : setMessage('No other article has open conflicts.');
    if (e.key === 'Enter') {
      if (conflicts.length) return setMessage(`${conflicts.length} conflicts are still open.`);
      return run({ kind: 'complete', force: false }, 'Article curated.');
    }
    if (!current) return;
    if (/^[1-9]$/.test(e.key)) {
      const who = data.annotators[Number(e.key) - 1];
      if (!who) return;
      return resolve(current.spans.filter((s) => s.annotator === who).map((s) => s.id), `${who}'s version was chosen`);
    }
    if (key === 'a') {
      const accept = majorityAccept(current, data.annotators.length);
      return accept.length ? resolve(accept, 'the majority version was chosen') : setMessage('No version has a majority here.');
    }
    if (key === 'x') return setAsking('reject');
    if (key === 'e') return gold ? setEditingId(gold.id) : setMessage('No gold span here to edit: accept a version first.');
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => handler.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="curate">
      <p className="crumbs">
        <Link href="/">Projects</Link> / <Link href={`/projects/${article.projectId}`}>Project</Link> /{' '}
        <Link href={`/projects/${article.projectId}/curation`}>Curation</Link> /{' '}
        <Link href={`/articles/${article.id}/history`}>History of this article</Link>
      </p>
      <h1>Curate: {article.title}</h1>
      <div className="toolbar" role="toolbar" aria-label="Curation">
        <span className={`badge status-${data.status}`}>{data.status === 'curated' ? 'Curated' : 'Open'}</span>
        <span role="status" aria-label="Open conflicts">
          {conflicts.length} open {conflicts.length === 1 ? 'conflict' : 'conflicts'} · {data.gold.length} gold spans · {data.annotators.length} annotators
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => run({ kind: 'merge', match: 'exact' }, 'Pre-merged.')} disabled={decide.isPending} aria-keyshortcuts="M">
          Pre-merge (majority)
        </button>
        <button type="button" onClick={() => run({ kind: 'undo' }, 'Undone.')} disabled={decide.isPending} aria-keyshortcuts="Control+Z">
          Undo
        </button>
        <button type="button" className="primary" onClick={() => run({ kind: 'complete', force: false }, 'Article curated.')} disabled={decide.isPending || conflicts.length > 0} aria-keyshortcuts="Enter">
          Mark curated
        </button>
      </div>
      {message && <p role="alert" className="banner conflict">{message}</p>}
      <div className="curate-layout">
        <div>
          {current ? (
            <ConflictView conflict={current} data={data} labels={labels} map={map} index={index} total={conflicts.length} />
          ) : (
            <p className="empty">{data.annotators.length ? 'No open conflicts. Press Enter to mark the article curated.' : 'Nobody has submitted this article yet.'}</p>
          )}
          {edited && (
            <GoldEditor
              gold={edited}
              labels={labels}
              data={data}
              onClose={() => setEditingId(null)}
              onChange={(changes) => run({ kind: 'edit', goldId: edited.id, changes: { version: edited.version, ...changes } })}
              onLink={(to) => run({ kind: 'link', from: edited.id, to })}
              onUnlink={(linkId) => run({ kind: 'unlink', linkId })}
            />
          )}
        </div>
        <CurateSide data={data} nextArticle={nextArticle?.articleId} onReopen={(who) => setAsking({ reopen: who })} />
      </div>
      {asking === 'reject' && (
        <TextDialog title="Reject all versions" field="Reason" action="Reject" onCancel={() => setAsking(null)} onSubmit={(reason) => (setAsking(null), resolve([], reason))} />
      )}
      {asking && typeof asking === 'object' && (
        <TextDialog
          title={`Reopen for ${asking.reopen}`}
          field="Comment for the annotator"
          action="Reopen"
          onCancel={() => setAsking(null)}
          onSubmit={(comment) => (setAsking(null), run({ kind: 'reopen', annotator: asking.reopen, comment }, `Sent back to ${asking.reopen}.`))}
        />
      )}
    </div>
  );
}

function CurateSide({ data, nextArticle, onReopen }: { data: CurationData; nextArticle?: number; onReopen: (who: string) => void }) {
  return (
    <aside className="side">
      <section className="panel" aria-label="Keys">
        <h2>Keys</h2>
        <dl className="keys">
          <dt><kbd>M</kbd></dt><dd>pre-merge (majority)</dd>
          <dt><kbd>J</kbd> / <kbd>K</kbd></dt><dd>next / previous conflict</dd>
          <dt><kbd>1</kbd>…<kbd>9</kbd></dt><dd>accept that annotator’s version</dd>
          <dt><kbd>A</kbd></dt><dd>accept the majority</dd>
          <dt><kbd>X</kbd></dt><dd>reject all, with a reason</dd>
          <dt><kbd>E</kbd></dt><dd>edit the gold span</dd>
          <dt><kbd>Enter</kbd></dt><dd>mark curated</dd>
          <dt><kbd>N</kbd></dt><dd>next article with conflicts</dd>
          <dt><kbd>Ctrl</kbd>+<kbd>Z</kbd></dt><dd>undo</dd>
        </dl>
        {nextArticle && <Link href={`/articles/${nextArticle}/curate`}>Next article with conflicts →</Link>}
      </section>
      <section className="panel" aria-label="Annotators">
        <h2>Annotators</h2>
        <ul className="plain">
          {data.annotators.map((who, i) => (
            <li key={who}>
              <kbd>{i + 1}</kbd> {who}{' '}
              <button type="button" className="quiet-dark small" onClick={() => onReopen(who)}>
                Reopen…
              </button>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
