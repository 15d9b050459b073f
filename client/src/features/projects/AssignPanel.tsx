import { useState, type FormEvent } from 'react';
import type { ArticleSummary, UnassignCounts, User } from '@mbw/shared';
import { ApiRequestError } from '../../api/client';
import { useAssign, useUsers } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { ArticlePicker } from './ArticlePicker';
import { useUnassign, type Pairs } from './assignHooks';
import { UnassignDialog } from './UnassignDialog';

type Mode = 'chosen' | 'roundRobin';
const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

/** Active annotator accounts; the demo accounts are for looking at and never offered. */
const assignable = (users: User[] | undefined) => users?.filter((u) => u.role === 'annotator' && !u.disabled && !u.demo) ?? [];

function toggled(s: Set<number>, id: number) {
  const next = new Set(s);
  if (!next.delete(id)) next.add(id);
  return next;
}

/**
 * Assigns chosen articles to chosen annotators (every pair), or every
 * article round-robin, N annotators each; unassigns chosen pairs, asking
 * first when work exists.
 */
export function AssignPanel({ projectId, articles }: { projectId: number; articles: ArticleSummary[] }) {
  const users = useUsers();
  const assign = useAssign(projectId);
  const unassign = useUnassign(projectId);
  const [mode, setMode] = useState<Mode>('chosen');
  const [people, setPeople] = useState<Set<number>>(new Set());
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [perArticle, setPerArticle] = useState(2);
  const [asking, setAsking] = useState<{ pairs: Pairs; counts: UnassignCounts } | null>(null);
  const [done, setDone] = useState('');
  const annotators = assignable(users.data);
  const annotatorIds = annotators.filter((u) => people.has(u.id)).map((u) => u.id);
  const articleIds = articles.filter((a) => picked.has(a.id)).map((a) => a.id);
  const per = Math.min(perArticle, Math.max(annotatorIds.length, 1));
  const ready = annotatorIds.length > 0 && (mode === 'roundRobin' ? articles.length > 0 : articleIds.length > 0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    unassign.reset();
    const json = mode === 'chosen' ? { annotatorIds, articleIds } : { annotatorIds, perArticle: per };
    assign.mutate(json, { onSuccess: (r) => setDone(`Created ${plural(r.created, 'new assignment', 'new assignments')}.`) });
  };
  const removed = (r: { removed: UnassignCounts }) => (setAsking(null), setDone(`Removed ${plural(r.removed.assignments, 'assignment', 'assignments')}.`));
  const startUnassign = () => {
    assign.reset();
    const pairs = { annotatorIds, articleIds };
    unassign.mutate(
      { pairs, confirm: false },
      { onSuccess: removed, onError: (e) => e instanceof ApiRequestError && e.status === 409 && setAsking({ pairs, counts: e.details as UnassignCounts }) },
    );
  };
  const refusedForWork = unassign.error instanceof ApiRequestError && unassign.error.status === 409;

  return (
    <form className="card form assign-panel" onSubmit={submit} aria-label="Assign articles">
      <h2>Assign articles</h2>
      <ModeChoice mode={mode} onMode={setMode} />
      <AnnotatorChoice users={users} annotators={annotators} chosen={people} onToggle={(id) => setPeople((s) => toggled(s, id))} />
      {mode === 'chosen' ? (
        <ArticlePicker articles={articles} chosen={picked} onChange={setPicked} />
      ) : (
        <RoundRobin per={per} max={Math.max(annotatorIds.length, 1)} articleCount={articles.length} onPer={setPerArticle} />
      )}
      {assign.isError && <ErrorMessage error={assign.error} />}
      {unassign.isError && !refusedForWork && <ErrorMessage error={unassign.error} />}
      {done && (assign.isSuccess || unassign.isSuccess) && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      <div className="row buttons">
        <button type="submit" className="primary" disabled={!ready || assign.isPending}>
          {mode === 'chosen' ? 'Assign chosen' : 'Assign round-robin'}
        </button>
        {mode === 'chosen' && (
          <button type="button" onClick={startUnassign} disabled={!ready || unassign.isPending}>
            Unassign chosen…
          </button>
        )}
      </div>
      {asking && (
        <UnassignDialog
          counts={asking.counts}
          pending={unassign.isPending}
          onConfirm={() => unassign.mutate({ pairs: asking.pairs, confirm: true }, { onSuccess: removed })}
          onCancel={() => (setAsking(null), unassign.reset())}
        />
      )}
    </form>
  );
}

function ModeChoice({ mode, onMode }: { mode: Mode; onMode: (m: Mode) => void }) {
  return (
    <fieldset>
      <legend>How</legend>
      <label className="check">
        <input type="radio" name="assign-mode" checked={mode === 'chosen'} onChange={() => onMode('chosen')} />
        Chosen articles to chosen annotators
      </label>
      <label className="check">
        <input type="radio" name="assign-mode" checked={mode === 'roundRobin'} onChange={() => onMode('roundRobin')} />
        All articles, round-robin
      </label>
    </fieldset>
  );
}

function AnnotatorChoice({ users, annotators, chosen, onToggle }: {
  users: ReturnType<typeof useUsers>;
  annotators: User[];
  chosen: Set<number>;
  onToggle: (id: number) => void;
}) {
  if (users.isPending) return <Loading what="accounts" />;
  if (users.isError) return <ErrorMessage error={users.error} />;
  if (annotators.length === 0) return <p className="empty">No annotator accounts yet. Create them under Accounts.</p>;
  return (
    <fieldset>
      <legend>Annotators</legend>
      {annotators.map((u) => (
        <label key={u.id} className="check">
          <input type="checkbox" checked={chosen.has(u.id)} onChange={() => onToggle(u.id)} />
          {u.displayName} <span className="muted">({u.username})</span>
        </label>
      ))}
    </fieldset>
  );
}

function RoundRobin({ per, max, articleCount, onPer }: { per: number; max: number; articleCount: number; onPer: (n: number) => void }) {
  return (
    <>
      <label>
        Annotators per article
        <input type="number" min={1} max={max} value={per} onChange={(e) => onPer(Math.max(1, Number(e.target.value) || 1))} />
      </label>
      <p className="muted">
        Each of the {articleCount} articles goes to {per} of the chosen annotators in turn; existing assignments stay.
      </p>
    </>
  );
}
