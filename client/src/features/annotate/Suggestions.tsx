import { useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Article, Label, Suggestion } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';
import { ErrorMessage } from '../../ui/status';

const SOURCE_TYPES: Record<string, string> = { named_person: 'named person', named_organisation: 'organisation or outlet', anonymous: 'anonymous or vague', none: 'no source' };

const NONE: Suggestion[] = [];

/** The open suggestions of the article for the caller, and accept/reject; `onDecided` runs once the list is fresh again. */
export function useSuggestions(article: Article, readOnly: boolean, onDecided?: () => void) {
  const qc = useQueryClient();
  const queryKey = [...keys.article(article.id), 'suggestions'] as const;
  const query = useQuery({
    queryKey,
    queryFn: () => call(api.articles[':id'].suggestions.$get({ param: { id: String(article.id) } })),
    enabled: !readOnly,
  });
  const decide = useMutation({
    mutationFn: async ({ s, accept }: { s: Suggestion; accept: boolean }): Promise<unknown> =>
      accept
        ? call(api.articles[':id'].suggestions.accept.$post({ param: { id: String(article.id) }, json: { id: s.id } }))
        : call(api.articles[':id'].suggestions.reject.$post({ param: { id: String(article.id) }, json: { id: s.id } })),
    onSuccess: () => {
      // the accepted span joins the annotator's spans
      void qc.invalidateQueries({ queryKey: [...keys.article(article.id), 'annotations'] });
      void qc.invalidateQueries({ queryKey }).then(() => onDecided?.());
    },
  });
  return { query, decide, open: !readOnly && query.data?.enabled ? query.data.suggestions : NONE };
}

/**
 * The suggestions for the annotator's article (issue 14): the attribution
 * rules, the project's lexicon and the annotator's gazetteer, listed here
 * with dashed outlines, distinct from spans (and outlined in the text too:
 * SuggestionOutlines). On a focused suggestion Enter
 * (or a click) accepts it, a normal span; Backspace rejects it. Nothing here
 * counts anywhere unless accepted.
 */
export function Suggestions({ article, labels, readOnly }: { article: Article; labels: Label[]; readOnly: boolean }) {
  const list = useRef<HTMLUListElement>(null);
  // after a decision the next suggestion takes the focus
  const { query, decide } = useSuggestions(article, readOnly, () => list.current?.querySelector<HTMLButtonElement>('button.suggestion')?.focus());
  if (readOnly || !query.data?.enabled) return null;
  const open = query.data.suggestions;
  const name = (key: string) => labels.find((l) => l.key === key)?.name ?? key;
  const onKey = (e: React.KeyboardEvent, s: Suggestion) => {
    if (e.key !== 'Enter' && e.key !== 'Backspace') return;
    e.preventDefault();
    e.stopPropagation(); // not the workspace's Backspace (delete the selected span)
    if (!decide.isPending) decide.mutate({ s, accept: e.key === 'Enter' });
  };
  return (
    <section className="card suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Suggestions ({open.length})</h2>
      <p className="muted small">Enter or click accepts a suggestion as your span; Backspace rejects it.</p>
      {decide.isError && <ErrorMessage error={decide.error} />}
      <ul ref={list} aria-label="Suggested spans">
        {open.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="suggestion"
              aria-label={`Suggested ${name(s.label)}: ${s.quote}${s.attributes.sourceType ? `, ${SOURCE_TYPES[s.attributes.sourceType] ?? s.attributes.sourceType}` : ''}`}
              onClick={() => !decide.isPending && decide.mutate({ s, accept: true })}
              onKeyDown={(e) => onKey(e, s)}
            >
              <span className="suggestion-label">{name(s.label)}</span> {s.quote}
              {s.attributes.sourceType && <span className="muted small"> · {SOURCE_TYPES[s.attributes.sourceType] ?? s.attributes.sourceType}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
