import { useState, type FormEvent } from 'react';
import { useAssign, useUsers } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';

/** Assigns every article of the project round-robin, N annotators each. */
export function AssignPanel({ projectId, articleCount }: { projectId: number; articleCount: number }) {
  const users = useUsers();
  const assign = useAssign(projectId);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [perArticle, setPerArticle] = useState(2);
  const annotators = users.data?.filter((u) => u.role === 'annotator') ?? [];
  const per = Math.min(perArticle, Math.max(chosen.size, 1));

  const toggle = (id: number) =>
    setChosen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate({ annotatorIds: [...chosen], perArticle: per });
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Assign articles">
      <h2>Assign articles</h2>
      {users.isPending && <Loading what="accounts" />}
      {users.isError && <ErrorMessage error={users.error} />}
      {users.data && annotators.length === 0 && <p className="empty">No annotator accounts yet. Create them under Accounts.</p>}
      {annotators.length > 0 && (
        <fieldset>
          <legend>Annotators</legend>
          {annotators.map((u) => (
            <label key={u.id} className="check">
              <input type="checkbox" checked={chosen.has(u.id)} onChange={() => toggle(u.id)} />
              {u.displayName} <span className="muted">({u.username})</span>
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Annotators per article
        <input
          type="number"
          min={1}
          max={Math.max(chosen.size, 1)}
          value={per}
          onChange={(e) => setPerArticle(Math.max(1, Number(e.target.value) || 1))}
        />
      </label>
      <p className="muted">
        Each of the {articleCount} articles goes to {per} of the chosen annotators in turn; existing assignments stay.
      </p>
      {assign.isError && <ErrorMessage error={assign.error} />}
      {assign.isSuccess && (
        <p role="status" className="ok">
          Created {assign.data.created} new {assign.data.created === 1 ? 'assignment' : 'assignments'}.
        </p>
      )}
      <button type="submit" className="primary" disabled={chosen.size === 0 || articleCount === 0 || assign.isPending}>
        Assign round-robin
      </button>
    </form>
  );
}
