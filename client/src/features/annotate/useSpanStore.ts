import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { attributesForLabel, type Annotation, type LabelDef, type OffsetMap, type Relation } from '@mbw/shared';
import { api, ApiRequestError, call } from '../../api/client';
import { keys } from '../../api/hooks';
import { newId } from '../../api/ids';

export type SpanFields = Pick<Annotation, 'label' | 'start' | 'end' | 'attributes' | 'note'>;
export type SpanDraft = SpanFields & { id: string };

/** One change to the server's state; every user action is one or more of these. */
export type Op =
  | { kind: 'create'; span: SpanDraft }
  | { kind: 'update'; id: string; changes: Partial<SpanFields> }
  | { kind: 'delete'; id: string }
  | { kind: 'link'; from: string; to: string; type: string }
  | { kind: 'unlink'; from: string; to: string };

interface Entry {
  undo: Op[];
  redo: Op[];
}

export interface SpanData {
  annotations: Annotation[];
  relations: Relation[];
}

/** Why saving stopped, for the banner; null while all is well. */
export type SaveProblem =
  | { kind: 'offline'; message: string; unsaved: number }
  | { kind: 'signedOut'; message: string; unsaved: number }
  | { kind: 'conflict'; message: string }
  | { kind: 'refused'; message: string };

const relKey = (from: string, to: string) => `${from}>${to}`;
const retriable = (e: unknown) => e instanceof ApiRequestError && (e.status === 0 || e.status >= 500);
/** Kept for later (Retry, back online, signed in again) rather than dropped. */
const held = (e: unknown) => retriable(e) || (e instanceof ApiRequestError && e.status === 401);

/**
 * The spans of one article for their annotator. Every change shows at once
 * (optimistic), then goes to the server through one serial queue (so each
 * PATCH carries the version the previous answer gave); network faults are
 * retried, and what still fails stays on the page, named in `problem`, with
 * `retry()`. Undo and redo replay inverse changes through the same queue.
 */
export function useSpanStore(articleId: number, text: OffsetMap, me: string, labels: LabelDef[]) {
  const qc = useQueryClient();
  const queryKey = useMemo(() => [...keys.article(articleId), 'annotations'] as const, [articleId]);
  const mutationKey = useMemo(() => ['spans', articleId] as const, [articleId]);
  const serverRelationIds = useRef(new Map<string, number>());
  const query = useQuery({
    queryKey,
    queryFn: async (): Promise<SpanData> => {
      const r = await call(api.articles[':id'].annotations.$get({ param: { id: String(articleId) }, query: {} }));
      // The server ids of existing links, so that unlinking one finds it.
      for (const rel of r.relations) serverRelationIds.current.set(relKey(rel.from, rel.to), rel.id);
      return { annotations: r.annotations, relations: r.relations };
    },
    staleTime: Infinity, // only an explicit reload replaces what the page holds
  });

  const history = useRef<{ past: Entry[]; future: Entry[] }>({ past: [], future: [] });
  const unsaved = useRef<Op[]>([]);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [historySize, setHistorySize] = useState({ past: 0, future: 0 });
  const syncHistory = () => setHistorySize({ past: history.current.past.length, future: history.current.future.length });

  const edit = (f: (d: SpanData) => SpanData) => qc.setQueryData<SpanData>(queryKey, (d) => (d ? f(d) : d));
  /** Ops per span id still queued or in flight: the server's answer is shown once none is left. */
  const queued = useRef(new Map<string, number>());
  const opSpan = (op: Op) => (op.kind === 'create' ? op.span.id : op.kind === 'update' || op.kind === 'delete' ? op.id : null);
  const count = (op: Op, by: number) => {
    const id = opSpan(op);
    if (id !== null) queued.current.set(id, (queued.current.get(id) ?? 0) + by);
  };
  /** After an answer: the page shows what the server stored, unless later changes to the span are still on their way. */
  const settle = (annotation: Annotation) =>
    edit((d) => ({
      ...d,
      annotations: d.annotations.map((a) =>
        a.id !== annotation.id ? a : (queued.current.get(a.id) ?? 0) > 1 ? { ...a, version: annotation.version, annotatorId: annotation.annotatorId } : annotation,
      ),
    }));
  const current = () => qc.getQueryData<SpanData>(queryKey) ?? { annotations: [], relations: [] };

  /** The optimistic change to the page. */
  const apply = (op: Op) => {
    const now = new Date().toISOString();
    switch (op.kind) {
      case 'create':
        return edit((d) => ({
          ...d,
          annotations: [
            ...d.annotations.filter((a) => a.id !== op.span.id),
            {
              ...op.span,
              articleId,
              quote: text.slice(op.span.start, op.span.end),
              annotator: me,
              annotatorId: 0,
              version: 0, // not yet saved
              createdAt: now,
              updatedAt: now,
            },
          ],
        }));
      case 'update':
        return edit((d) => ({
          ...d,
          annotations: d.annotations.map((a) => {
            if (a.id !== op.id) return a;
            const next = { ...a, ...op.changes, updatedAt: now };
            return { ...next, quote: text.slice(next.start, next.end) };
          }),
        }));
      case 'delete':
        return edit((d) => ({
          annotations: d.annotations.filter((a) => a.id !== op.id),
          relations: d.relations.filter((r) => r.from !== op.id && r.to !== op.id),
        }));
      case 'link':
        return edit((d) =>
          d.relations.some((r) => r.from === op.from && r.to === op.to)
            ? d
            : { ...d, relations: [...d.relations, { id: -Date.now(), from: op.from, to: op.to, type: op.type, annotator: me }] },
        );
      case 'unlink':
        return edit((d) => ({ ...d, relations: d.relations.filter((r) => !(r.from === op.from && r.to === op.to)) }));
    }
  };

  /** The server's side of a change; runs in order, one at a time. */
  const send = async (op: Op) => {
    switch (op.kind) {
      case 'create': {
        const { annotation } = await call(
          api.articles[':id'].annotations.$post({ param: { id: String(articleId) }, json: { ...op.span, note: op.span.note ?? undefined } }),
        );
        settle(annotation);
        return;
      }
      case 'update': {
        // The version of the last answer for this span: earlier changes in the queue have landed.
        const version = current().annotations.find((a) => a.id === op.id)?.version ?? 0;
        const { annotation } = await call(api.annotations[':id'].$patch({ param: { id: op.id }, json: { version, ...op.changes } }));
        settle(annotation);
        return;
      }
      case 'delete':
        await call(api.annotations[':id'].$delete({ param: { id: op.id } }));
        return;
      case 'link': {
        const { relation } = await call(
          api.articles[':id'].relations.$post({ param: { id: String(articleId) }, json: { from: op.from, to: op.to, type: op.type } }),
        );
        serverRelationIds.current.set(relKey(op.from, op.to), relation.id);
        edit((d) => ({ ...d, relations: d.relations.map((r) => (r.from === op.from && r.to === op.to ? relation : r)) }));
        return;
      }
      case 'unlink': {
        const id = serverRelationIds.current.get(relKey(op.from, op.to));
        if (id === undefined) return;
        await call(api.relations[':id'].$delete({ param: { id: String(id) } }));
        serverRelationIds.current.delete(relKey(op.from, op.to));
        return;
      }
    }
  };

  const mutation = useMutation({
    mutationKey,
    scope: { id: `spans-${articleId}` },
    mutationFn: send,
    onSettled: (_data, err, op) => {
      // A failed op that waits for Retry stays counted: its span is not settled yet.
      if (!err || !held(err)) count(op, -1);
    },
    // Not paused while the browser is offline (TanStack's default): it fails at once and waits, shown, with Retry.
    networkMode: 'always',
    retry: (count, err) => retriable(err) && navigator.onLine && count < 4,
    retryDelay: (attempt) => Math.min(400 * 2 ** attempt, 5000),
    onError: (err, op) => {
      if (held(err)) {
        unsaved.current.push(op);
        const signedOut = (err as ApiRequestError).status === 401;
        const n = unsaved.current.length;
        setProblem(
          signedOut
            ? { kind: 'signedOut', message: 'Your session has ended. Sign in again to save your changes.', unsaved: n }
            : { kind: 'offline', message: navigator.onLine ? (err as Error).message : 'You are offline.', unsaved: n },
        );
      } else if (err instanceof ApiRequestError && err.code === 'conflict') {
        setProblem({ kind: 'conflict', message: `${err.message} Your change was not saved.` });
      } else {
        setProblem({ kind: 'refused', message: err instanceof Error ? err.message : 'The server refused a change.' });
        void qc.invalidateQueries({ queryKey }); // back to what the server holds
      }
    },
  });

  const run = (ops: Op[]) => {
    for (const op of ops) {
      apply(op);
      count(op, 1);
      // While earlier changes wait, later ones wait behind them: the server sees them in order.
      if (unsaved.current.length) {
        unsaved.current.push(op);
        setProblem((p) => (p && (p.kind === 'offline' || p.kind === 'signedOut') ? { ...p, unsaved: unsaved.current.length } : p));
      } else mutation.mutate(op);
    }
  };

  /** Records a user action for undo and runs it. */
  const act = (entry: Entry) => {
    history.current.past.push(entry);
    history.current.future = [];
    syncHistory();
    run(entry.redo);
  };

  const find = (id: string) => current().annotations.find((a) => a.id === id);

  const actions = {
    create(fields: SpanFields): string {
      const span = { ...fields, id: newId() };
      act({ redo: [{ kind: 'create', span }], undo: [{ kind: 'delete', id: span.id }] });
      return span.id;
    },
    update(id: string, requested: Partial<SpanFields>) {
      const a = find(id);
      if (!a) return;
      // A relabel keeps the attributes the new label defines (the server's rule), said explicitly so
      // that undo and redo restore label and attributes together.
      const newLabel = requested.label !== undefined && requested.label !== a.label ? labels.find((l) => l.key === requested.label) : undefined;
      const changes = newLabel && requested.attributes === undefined ? { ...requested, attributes: attributesForLabel(newLabel, a.attributes) } : requested;
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, a[k as keyof SpanFields]])) as Partial<SpanFields>;
      act({ redo: [{ kind: 'update', id, changes }], undo: [{ kind: 'update', id, changes: before }] });
    },
    remove(id: string) {
      const a = find(id);
      if (!a) return;
      const links = current().relations.filter((r) => r.from === id || r.to === id);
      const span: SpanDraft = { id, label: a.label, start: a.start, end: a.end, attributes: a.attributes, note: a.note };
      act({
        redo: [{ kind: 'delete', id }],
        undo: [{ kind: 'create', span }, ...links.map((r): Op => ({ kind: 'link', from: r.from, to: r.to, type: r.type }))],
      });
    },
    link(from: string, to: string, type: string) {
      act({ redo: [{ kind: 'link', from, to, type }], undo: [{ kind: 'unlink', from, to }] });
    },
    unlink(from: string, to: string) {
      const type = current().relations.find((r) => r.from === from && r.to === to)?.type ?? 'attributes';
      act({ redo: [{ kind: 'unlink', from, to }], undo: [{ kind: 'link', from, to, type }] });
    },
  };

  const undo = () => {
    const entry = history.current.past.pop();
    if (!entry) return;
    history.current.future.push(entry);
    syncHistory();
    run(entry.undo);
  };
  const redo = () => {
    const entry = history.current.future.pop();
    if (!entry) return;
    history.current.past.push(entry);
    syncHistory();
    run(entry.redo);
  };

  /** Sends again what could not be saved, in its order. */
  const retry = () => {
    const ops = unsaved.current;
    unsaved.current = [];
    setProblem(null);
    for (const op of ops) mutation.mutate(op);
  };

  // Back online: what waits is sent again, in order.
  const retryRef = useRef(retry);
  retryRef.current = retry;
  useEffect(() => {
    const online = () => {
      if (unsaved.current.length) retryRef.current();
      else setProblem((p) => (p?.kind === 'offline' ? null : p));
    };
    const offline = () => setProblem((p) => p ?? { kind: 'offline', message: 'You are offline.', unsaved: unsaved.current.length });
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, []);

  /** Drops the page's state for the server's (after a conflict). */
  const reload = async () => {
    unsaved.current = [];
    queued.current.clear();
    history.current = { past: [], future: [] };
    syncHistory();
    setProblem(null);
    await qc.invalidateQueries({ queryKey });
  };

  const pending = useMutationState({ filters: { mutationKey, status: 'pending' } }).length;

  return {
    query,
    data: query.data,
    actions,
    undo,
    redo,
    canUndo: historySize.past > 0,
    canRedo: historySize.future > 0,
    pending,
    problem,
    /** Changes made here that the server does not have yet. */
    unsaved: pending + (problem && (problem.kind === 'offline' || problem.kind === 'signedOut') ? problem.unsaved : 0),
    retry,
    reload,
    dismissProblem: () => setProblem(null),
  };
}
