import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { LabelDef, ProjectScheme, SchemeImpact } from '@mbw/shared';
import { ApiRequestError } from '../../api/client';
import { ErrorMessage, Loading } from '../../ui/status';
import { LabelEditor } from './LabelEditor';
import { MarkdownField } from './MarkdownField';
import { RelationTypeEditor } from './RelationTypeEditor';
import { SchemeImpactDialog } from './SchemeImpactDialog';
import { useSaveScheme, useScheme } from './schemeHooks';

const NEW_LABEL: LabelDef = { key: '', name: '', color: '#6b7280', hotkey: null, description: '', guidelines: {}, attributes: [] };

/** Project settings: the label scheme, relation types and the project guideline (supervisors). */
export function SchemeSettingsPage({ projectId }: { projectId: number }) {
  const scheme = useScheme(projectId);
  const [draft, setDraft] = useState<ProjectScheme | null>(null);
  useEffect(() => {
    if (scheme.data && !draft) setDraft(scheme.data);
  }, [scheme.data, draft]);
  if (scheme.isPending) return <Loading what="the scheme" />;
  if (scheme.isError) return <ErrorMessage error={scheme.error} />;
  if (!draft) return null;
  return <SchemeForm projectId={projectId} saved={scheme.data} draft={draft} setDraft={setDraft} />;
}

function SchemeForm({ projectId, saved, draft, setDraft }: { projectId: number; saved: ProjectScheme; draft: ProjectScheme; setDraft: (s: ProjectScheme) => void }) {
  const save = useSaveScheme(projectId);
  const [impact, setImpact] = useState<SchemeImpact | null>(null);
  const [done, setDone] = useState(false);
  const known = new Set(saved.labels.map((l) => l.key));
  const setLabels = (labels: LabelDef[]) => (setDone(false), setDraft({ ...draft, labels }));
  const run = (confirm: boolean) =>
    save.mutate(
      { scheme: draft, confirm },
      {
        onSuccess: (r) => (setImpact(null), setDone(true), setDraft(r.scheme)),
        onError: (e) => {
          const affected = e instanceof ApiRequestError && e.status === 409 ? (e.details as { affected?: SchemeImpact })?.affected : undefined;
          if (affected) setImpact(affected);
        },
      },
    );
  const submit = (e: FormEvent) => (e.preventDefault(), run(false));
  // A removed label leaves the relation types too (a type left with no label at one end is kept for the supervisor to fix or remove).
  const removeLabel = (i: number) => {
    const key = draft.labels[i]!.key;
    const relationTypes = draft.relationTypes.map((t) => ({ ...t, from: t.from.filter((k) => k !== key), to: t.to.filter((k) => k !== key) }));
    setDone(false);
    setDraft({ ...draft, labels: draft.labels.filter((_, k) => k !== i), relationTypes });
  };
  const move = (i: number, by: -1 | 1) => {
    const labels = [...draft.labels];
    [labels[i], labels[i + by]] = [labels[i + by]!, labels[i]!];
    setLabels(labels);
  };
  return (
    <section className="page scheme-settings">
      <p className="crumbs">
        <Link href="/">Projects</Link> / <Link href={`/projects/${projectId}`}>Project</Link> /
      </p>
      <h1>Label scheme</h1>
      <form onSubmit={submit} aria-label="Label scheme" className="form">
        <h2>Labels</h2>
        {draft.labels.map((l, i) => (
          <LabelEditor
            key={i}
            label={l}
            isNew={!known.has(l.key) || l.key === ''}
            first={i === 0}
            last={i === draft.labels.length - 1}
            onChange={(next) => setLabels(draft.labels.map((x, k) => (k === i ? next : x)))}
            onMove={(by) => move(i, by)}
            onRemove={() => removeLabel(i)}
          />
        ))}
        <button type="button" onClick={() => setLabels([...draft.labels, NEW_LABEL])}>
          Add label
        </button>
        <RelationTypes draft={draft} setDraft={setDraft} />
        <h2>Project guideline</h2>
        <MarkdownField label="Guideline (Markdown)" preview="Project guideline preview" rows={8} value={draft.guideline} onChange={(guideline) => setDraft({ ...draft, guideline })} />
        {save.isError && !impact && <ErrorMessage error={save.error} />}
        {done && (
          <p role="status" className="ok">
            Scheme saved.
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save scheme
          </button>
          <button type="button" onClick={() => setDraft(saved)}>
            Discard changes
          </button>
        </div>
      </form>
      {impact && <SchemeImpactDialog impact={impact} pending={save.isPending} onConfirm={() => run(true)} onCancel={() => setImpact(null)} />}
    </section>
  );
}

/** The relation types of the draft, each editable, and a button to add one. */
function RelationTypes({ draft, setDraft }: { draft: ProjectScheme; setDraft: (s: ProjectScheme) => void }) {
  const set = (relationTypes: ProjectScheme['relationTypes']) => setDraft({ ...draft, relationTypes });
  return (
    <>
      <h2>Relation types</h2>
      {draft.relationTypes.map((t, i) => (
        <RelationTypeEditor
          key={i}
          type={t}
          labels={draft.labels}
          onChange={(next) => set(draft.relationTypes.map((x, k) => (k === i ? next : x)))}
          onRemove={() => set(draft.relationTypes.filter((_, k) => k !== i))}
        />
      ))}
      <button type="button" onClick={() => set([...draft.relationTypes, { key: `link${draft.relationTypes.length + 1}`, name: 'New relation', from: [], to: [] }])}>
        Add relation type
      </button>
    </>
  );
}
