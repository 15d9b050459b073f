import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Article } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';
import { ErrorMessage } from '../../ui/status';

/**
 * An article's outlet and story, edited in place by supervisors (issue 14;
 * `PATCH /api/articles/:id`): the bias profile groups articles by them. An
 * empty field clears the value; Esc cancels.
 */
export function ArticleMetaEditor({ article }: { article: Article }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [source, setSource] = useState(article.source ?? '');
  const [story, setStory] = useState(article.story ?? '');
  const save = useMutation({
    mutationFn: () =>
      call(api.articles[':id'].$patch({ param: { id: String(article.id) }, json: { source: source.trim() || null, story: story.trim() || null } })),
    onSuccess: ({ article: updated }) => {
      qc.setQueryData(keys.article(article.id), (old: Record<string, unknown> | undefined) => ({ ...old, ...updated }));
      void qc.invalidateQueries({ queryKey: keys.articles(article.projectId) });
      void qc.invalidateQueries({ queryKey: [...keys.project(article.projectId), 'profile'] });
      setEditing(false);
    },
  });
  const start = () => {
    setSource(article.source ?? '');
    setStory(article.story ?? '');
    save.reset();
    setEditing(true);
  };
  if (!editing)
    return (
      <p className="article-meta">
        <span>
          Outlet: <strong>{article.source || '—'}</strong>
        </span>
        <span>
          Story: <strong>{article.story || '—'}</strong>
        </span>
        <button type="button" className="secondary small" onClick={start}>
          Edit outlet and story
        </button>
      </p>
    );
  return (
    <form
      className="article-meta editing"
      aria-label="Outlet and story"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
    >
      <label>
        Outlet <input value={source} onChange={(e) => setSource(e.target.value)} maxLength={500} autoFocus />
      </label>
      <label>
        Story <input value={story} onChange={(e) => setStory(e.target.value)} maxLength={500} />
      </label>
      <button type="submit" disabled={save.isPending}>
        Save
      </button>
      <button type="button" className="secondary" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {save.isError && <ErrorMessage error={save.error} />}
    </form>
  );
}
