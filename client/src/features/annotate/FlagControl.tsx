import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useLocation } from 'wouter';
import type { Article } from '@mbw/shared';
import { useArticles } from '../../api/hooks';
import { ErrorMessage } from '../../ui/status';
import { dialogKeys } from '../../ui/trapFocus';
import { useFlag } from '../projects/assignHooks';
import { nextOpen } from './Queue';

/**
 * Skipping an article with a reason (a flag the supervisor sees): the button
 * opens a dialog asking why; once flagged, the queue moves on to the next
 * open article, and coming back shows the reason with a way to withdraw it.
 */
export function FlagControl({ article, readOnly }: { article: Article; readOnly: boolean }) {
  const list = useArticles(article.projectId);
  const { flag, clear } = useFlag(article.id, article.projectId);
  const [asking, setAsking] = useState(false);
  const [, navigate] = useLocation();
  const mine = list.data?.find((a) => a.id === article.id)?.progress[0]?.flag ?? null;
  if (readOnly || !list.data) return null;

  const send = (reason: string) =>
    flag.mutate(reason, {
      onSuccess: () => {
        setAsking(false);
        const next = nextOpen(list.data ?? [], article.id);
        navigate(next ? `/articles/${next.id}` : `/projects/${article.projectId}`);
      },
    });

  if (mine)
    return (
      <section className="panel flagged-note" aria-label="Skipped">
        <p>
          <strong>You skipped this article:</strong> “{mine.reason}”
        </p>
        {clear.isError && <ErrorMessage error={clear.error} />}
        <button type="button" onClick={() => clear.mutate(undefined)} disabled={clear.isPending}>
          Withdraw flag
        </button>
      </section>
    );
  return (
    <>
      <button type="button" className="wide" onClick={() => setAsking(true)} aria-haspopup="dialog">
        Flag / skip…
      </button>
      {asking && <FlagDialog pending={flag.isPending} error={flag.isError ? flag.error : null} onSend={send} onCancel={() => (setAsking(false), flag.reset())} />}
    </>
  );
}

function FlagDialog({ pending, error, onSend, onCancel }: { pending: boolean; error: unknown; onSend: (reason: string) => void; onCancel: () => void }) {
  const box = useRef<HTMLFormElement>(null);
  const [reason, setReason] = useState('');
  const keys = dialogKeys(box, onCancel);
  // Keys stay inside the dialog: the workspace's hotkeys must not label text behind it.
  const onKeyDown = (e: KeyboardEvent) => (keys(e), e.stopPropagation());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) onSend(reason.trim());
  };
  return (
    <div className="dialog-backdrop" onKeyDown={onKeyDown}>
      <form role="dialog" aria-modal="true" aria-labelledby="flag-title" className="dialog card form" ref={box} onSubmit={submit}>
        <h2 id="flag-title">Skip this article?</h2>
        <p className="muted">Say why, for your supervisor: for example a duplicate, not a news text, or outside the study. Your spans on it, if any, are kept.</p>
        <label>
          Reason (required)
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} required autoFocus />
        </label>
        {error !== null && <ErrorMessage error={error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={pending || !reason.trim()}>
            Skip article
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
