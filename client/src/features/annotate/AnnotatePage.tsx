import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useScheme } from '../projects/schemeHooks';
import { ShortcutHelp } from './ShortcutHelp';
import { SubmitDialog } from './SubmitDialog';
import { FlagControl } from './FlagControl';
import { Queue } from './Queue';
import { GuidelinesDialog, GuidelinesPanel } from './Guidelines';
import { useCaretKeys } from './useCaretKeys';
import { useRevealSpan } from './useRevealSpan';
import { IntervalIndex, OffsetMap, tokenize, type Article, type Label } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { assignLanes, buildParagraphs, snapToTokens, stepBoundary, trimSelection } from './layout';
import { SpanList } from './SpanList';
import { SpanPanel } from './SpanPanel';
import { Suggestions } from './Suggestions';
import { SuggestionOutlines } from './SuggestionOutlines';
import { TextView, type ViewSpan } from './TextView';
import { GoldFeedback, ReopenNote } from './ReviewNotes';
import { SignInAgain, useWarnBeforeClose } from './SaveGuards';
import { useSpanStore } from './useSpanStore';

const SNAP_KEY = 'mbw.snapToWords';
const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && !!t.closest('input, textarea, select, [contenteditable]');

/** The annotator's workspace for one assigned article. */
type Reopened = { comment: string; at: string; by: string } | null;

export function AnnotatePage({ article, labels, me, reopened = null }: { article: Article; labels: Label[]; me: string; reopened?: Reopened }) {
  const map = useMemo(() => new OffsetMap(article.text), [article.text]);
  const tokens = useMemo(() => tokenize(article.text), [article.text]);
  const paragraphs = useMemo(() => buildParagraphs(article.text, map), [article.text, map]);
  const store = useSpanStore(article.id, map, me, labels);
  const scheme = useScheme(article.projectId);
  const readOnly = article.myStatus === 'submitted';

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pending, setPending] = useState<{ start: number; end: number } | null>(null);
  const [chooser, setChooser] = useState<{ x: number; y: number; ids: string[] } | null>(null);
  const [snap, setSnap] = useState(() => localStorage.getItem(SNAP_KEY) !== 'off');
  const [confirming, setConfirming] = useState(false);
  const [help, setHelp] = useState(false);
  const [guide, setGuide] = useState(false);
  const reveal = useRevealSpan();
  const caretKeys = useCaretKeys(tokens, map.codePointLength, setPending);

  const spans = useMemo(() => store.data?.annotations ?? [], [store.data]);
  const relations = store.data?.relations ?? [];
  const colors = useMemo(() => new Map(labels.map((l) => [l.key, l.color])), [labels]);
  const viewSpans: ViewSpan[] = useMemo(
    () => spans.map((s) => ({ id: s.id, start: s.start, end: s.end, color: colors.get(s.label) ?? '#888888' })),
    [spans, colors],
  );
  const lanes = useMemo(() => assignLanes(spans), [spans]);
  const index = useMemo(() => new IntervalIndex(spans), [spans]);
  const selected = spans.find((s) => s.id === selectedId) ?? null;

  const qc = useQueryClient();
  const submit = useMutation({
    mutationFn: () => call(api.articles[':id'].submit.$post({ param: { id: String(article.id) } })),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: keys.article(article.id) });
      void qc.invalidateQueries({ queryKey: keys.articles(article.projectId) });
    },
  });

  const clearTextSelection = () => window.getSelection()?.removeAllRanges();

  const onSelectText = (start: number, end: number) => {
    setChooser(null);
    const r = snap ? snapToTokens(start, end, tokens) : trimSelection(map, start, end);
    setPending(r);
    if (r) setSelectedId(null);
  };

  const onClickAt = (cp: number | null, x: number, y: number) => {
    setPending(null);
    const hits = cp === null ? [] : index.at(cp).sort((a, b) => b.start - a.start || a.end - b.end);
    if (hits.length > 1) setChooser({ x, y, ids: hits.map((h) => h.id) });
    else {
      setChooser(null);
      setSelectedId(hits[0]?.id ?? null);
    }
  };

  const createWith = (label: Label) => {
    if (!pending || readOnly) return;
    const id = store.actions.create({ label: label.key, start: pending.start, end: pending.end, attributes: {}, note: null });
    setPending(null);
    clearTextSelection();
    setSelectedId(id);
  };

  const onLabel = (label: Label) => {
    if (readOnly) return;
    if (pending) createWith(label);
    else if (selected && selected.label !== label.key) store.actions.update(selected.id, { label: label.key });
  };

  const resize = (edge: 'start' | 'end', to: number) => {
    if (!selected || readOnly) return;
    const start = edge === 'start' ? to : selected.start;
    const end = edge === 'end' ? to : selected.end;
    if (start < end && (start !== selected.start || end !== selected.end)) store.actions.update(selected.id, { start, end });
  };

  // Keyboard: hotkeys label, Delete deletes, Shift(+Alt)+arrows resize, Ctrl+Z / Ctrl+Shift+Z undo and redo.
  const handler = useRef<(e: KeyboardEvent) => void>(() => {});
  handler.current = (e: KeyboardEvent) => {
    if (isTyping(e.target) || confirming || help || guide) return;
    if (e.key === '?') return void (e.preventDefault(), setHelp(true));
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (readOnly) return;
      return e.shiftKey ? store.redo() : store.undo();
    }
    if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      return readOnly ? undefined : store.redo();
    }
    if (mod || readOnly) return;
    if (e.key === 'Escape') {
      setPending(null);
      caretKeys.reset();
      setChooser(null);
      setSelectedId(null);
      return;
    }
    const label = labels.find((l) => l.hotkey === e.key);
    if (label) {
      e.preventDefault();
      return onLabel(label);
    }
    if (!selected && caretKeys.onKey(e)) return;
    if (!selected) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      store.actions.remove(selected.id);
      setSelectedId(null);
    } else if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      const dir = e.key === 'ArrowRight' ? 1 : -1;
      const edge = e.altKey ? 'start' : 'end';
      resize(edge, stepBoundary(edge === 'start' ? selected.start : selected.end, dir, edge, snap ? tokens : null, map.codePointLength));
    }
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => handler.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  useWarnBeforeClose(store.unsaved > 0);

  if (store.query.isPending) return <Loading what="your spans" />;
  if (store.query.isError) return <ErrorMessage error={store.query.error} />;

  return (
    <div className="workspace">
      <div className="work-main">
        <p className="crumbs">
          <Link href="/">Projects</Link> / <Link href={`/projects/${article.projectId}`}>Project</Link> /
        </p>
        <h1 id="article-title">{article.title}</h1>
        <div className="toolbar" role="toolbar" aria-label="Labels">
          {labels.map((l) => (
            <button
              key={l.key}
              type="button"
              className="label-button"
              aria-label={l.name}
              aria-keyshortcuts={l.hotkey ?? undefined}
              title={`${l.description}${l.hotkey ? ` (key ${l.hotkey})` : ''}`}
              style={{ borderColor: l.color }}
              disabled={readOnly || (!pending && !selected)}
              onMouseDown={(e) => e.preventDefault()} // keep the text selection
              onClick={() => onLabel(l)}
            >
              <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.name}
              {l.hotkey && <kbd aria-hidden="true">{l.hotkey}</kbd>}
            </button>
          ))}
          <label className="check toggle">
            <input type="checkbox" checked={snap} onChange={(e) => (setSnap(e.target.checked), localStorage.setItem(SNAP_KEY, e.target.checked ? 'on' : 'off'))} />
            Snap to words
          </label>
          <span className="spacer" />
          <button type="button" onClick={store.undo} disabled={readOnly || !store.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" onClick={store.redo} disabled={readOnly || !store.canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
          <button type="button" onClick={() => setGuide(true)} aria-haspopup="dialog">
            Guidelines
          </button>
          <span role="status" className="save-state">
            {store.problem ? 'Not saved' : store.pending > 0 ? 'Saving…' : 'All changes saved'}
          </span>
        </div>
        {store.problem && (
          <div role="alert" className={`banner ${store.problem.kind}`}>
            {(store.problem.kind === 'offline' || store.problem.kind === 'signedOut') && (
              <>
                <span>
                  {store.problem.unsaved
                    ? `${store.problem.unsaved} ${store.problem.unsaved === 1 ? 'change is' : 'changes are'} not saved yet: ${store.problem.message}`
                    : `${store.problem.message} Changes you make are kept here and saved when the connection is back.`}
                  {store.problem.kind === 'offline' && store.problem.unsaved > 0 && ' They are saved when the connection is back.'}
                </span>
                {store.problem.kind === 'offline' && (
                  <button type="button" onClick={store.retry} disabled={!store.problem.unsaved}>
                    Retry
                  </button>
                )}
              </>
            )}
            {store.problem.kind !== 'offline' && store.problem.kind !== 'signedOut' && (
              <>
                <span>{store.problem.message}</span>
                <button type="button" onClick={() => void store.reload()}>
                  Reload spans
                </button>
                <button type="button" className="quiet-dark" onClick={store.dismissProblem}>
                  Dismiss
                </button>
              </>
            )}
          </div>
        )}
        {readOnly && (
          <p className="banner submitted" role="note">
            Submitted. Your spans are read-only now.
          </p>
        )}
        <ReopenNote reopened={reopened} />
        {!readOnly && (
          // Always one line, so that a selection never moves the text.
          <p className="hint caret-hint" role="status">
            {pending ? (
              <>
                Selected “{map.slice(pending.start, pending.end).slice(0, 60)}”: press {labels.map((l) => l.hotkey).filter(Boolean).join(', ')} or click a label.
              </>
            ) : caretKeys.caret ? (
              `Caret before “${map.slice(caretKeys.caret.focus, caretKeys.caret.focus + 24)}…”: Shift+→ selects words, then press a label's key.`
            ) : (
              'Select text with the mouse, or move with ← → and select with Shift+→. Press ? for every key.'
            )}
          </p>
        )}
        <article className="reader annotating">
          <TextView
            paragraphs={paragraphs}
            map={map}
            spans={caretKeys.caret && pending ? [...viewSpans, { id: '__keyboard_selection', start: pending.start, end: pending.end, color: '#6b7280' }] : viewSpans}
            lanes={lanes}
            selectedId={selectedId}
            onSelectText={onSelectText}
            onClickAt={onClickAt}
            onDragBoundary={readOnly ? undefined : resize}
          />
          <SuggestionOutlines article={article} labels={labels} map={map} spans={viewSpans} readOnly={readOnly} />
        </article>
        {chooser && (
          <div className="chooser" role="menu" aria-label="Choose a span" style={{ left: chooser.x, top: chooser.y + 12 }}>
            {chooser.ids.map((id) => {
              const s = spans.find((x) => x.id === id)!;
              const l = labels.find((x) => x.key === s.label);
              return (
                <button key={id} role="menuitem" type="button" onClick={() => (setSelectedId(id), setChooser(null))}>
                  <span className="swatch" style={{ background: l?.color }} aria-hidden="true" />
                  {l?.name}: {s.quote.length > 40 ? `${s.quote.slice(0, 39)}…` : s.quote}
                </button>
              );
            })}
          </div>
        )}
      </div>
      <aside className="side">
        <Queue article={article} />
        {!readOnly && (
          <button type="button" className="primary wide" onClick={() => setConfirming(true)} disabled={store.pending > 0 || !!store.problem}>
            Submit
          </button>
        )}
        <FlagControl article={article} readOnly={readOnly} />
        {selected && (
          <SpanPanel
            span={selected}
            labels={labels}
            spans={spans}
            relations={relations}
            readOnly={readOnly}
            onChange={(changes) => store.actions.update(selected.id, changes)}
            onDelete={() => (store.actions.remove(selected.id), setSelectedId(null))}
            relationTypes={scheme.data?.relationTypes ?? []}
            onLink={(to, type) => store.actions.link(selected.id, to, type)}
            onUnlink={(to) => store.actions.unlink(selected.id, to)}
            onSelect={setSelectedId}
          />
        )}
        {readOnly && <GoldFeedback articleId={article.id} labels={labels} />}
        <Suggestions article={article} labels={labels} readOnly={readOnly} />
        <SpanList spans={spans} labels={labels} selectedId={selectedId} onSelect={(id) => (setSelectedId(id), setPending(null), reveal(map.toUtf16(spans.find((s) => s.id === id)?.start ?? 0)))} />
        <GuidelinesPanel labels={labels} />
      </aside>
      {store.problem?.kind === 'signedOut' && <SignInAgain username={me} onSignedIn={store.retry} />}
      {help && <ShortcutHelp labels={labels} onClose={() => setHelp(false)} />}
      {guide && <GuidelinesDialog labels={labels} guideline={scheme.data?.guideline ?? ''} onClose={() => setGuide(false)} />}
      {confirming && (
        <SubmitDialog
          spans={spans.length}
          pending={submit.isPending}
          error={submit.isError ? submit.error : null}
          onSubmit={() => submit.mutate()}
          onCancel={() => (setConfirming(false), submit.reset())}
        />
      )}
    </div>
  );
}
