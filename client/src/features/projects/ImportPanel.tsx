import { useState, type ChangeEvent, type FormEvent } from 'react';
import { parseArticlesJsonl, parseTxtArticle, type ArticleInput, type JsonlProblem } from '@mbw/shared';
import { useImportArticles } from '../../api/hooks';
import { ErrorMessage } from '../../ui/status';

interface Pending {
  articles: ArticleInput[];
  problems: Array<JsonlProblem & { file: string }>;
  files: string[];
}

/** Reads chosen .txt files (one article each) and .jsonl files (one article a line). */
async function readFiles(files: File[]): Promise<Pending> {
  const pending: Pending = { articles: [], problems: [], files: files.map((f) => f.name) };
  for (const file of files) {
    const content = await file.text();
    if (/\.jsonl?$/i.test(file.name)) {
      const { articles, problems } = parseArticlesJsonl(content);
      pending.articles.push(...articles);
      pending.problems.push(...problems.map((p) => ({ ...p, file: file.name })));
    } else {
      const { title, text } = parseTxtArticle(content);
      if (text.trim()) pending.articles.push({ title, text, externalId: file.name.replace(/\.[^.]+$/, '') });
      else pending.problems.push({ file: file.name, line: 1, message: 'the file is empty' });
    }
  }
  return pending;
}

export function ImportPanel({ projectId }: { projectId: number }) {
  const importArticles = useImportArticles(projectId);
  const [pasted, setPasted] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const chooseFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    setDone(null);
    setPending(e.target.files?.length ? await readFiles([...e.target.files]) : null);
  };

  const articles: ArticleInput[] = pending ? pending.articles : pasted.trim() ? [parseTxtArticle(pasted)] : [];
  const blocked = !articles.length || (pending?.problems.length ?? 0) > 0;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    importArticles.mutate(articles, {
      onSuccess: (r) => {
        setDone(r.articles.length);
        setPasted('');
        setPending(null);
        form.reset();
      },
    });
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Import articles">
      <h2>Import articles</h2>
      <p className="muted">
        Paste one article, or choose <code>.txt</code> files (one article each; the first line is the title when a blank line
        follows it) or <code>.jsonl</code> files (one <code>{'{"text": …, "title": …}'}</code> a line).
      </p>
      <label>
        Article text
        <textarea
          rows={5}
          value={pasted}
          disabled={pending !== null}
          onChange={(e) => (setPasted(e.target.value), setDone(null))}
          placeholder="Title&#10;&#10;First paragraph…"
        />
      </label>
      <label>
        Files
        <input type="file" accept=".txt,.jsonl,.json,text/plain" multiple onChange={chooseFiles} />
      </label>
      {pending && pending.problems.length > 0 && (
        <div role="alert" className="error">
          Fix these lines first; nothing was imported:
          <ul>
            {pending.problems.slice(0, 10).map((p) => (
              <li key={`${p.file}:${p.line}`}>
                {p.file}, line {p.line}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {importArticles.isError && <ErrorMessage error={importArticles.error} />}
      {done !== null && (
        <p role="status" className="ok">
          Imported {done} {done === 1 ? 'article' : 'articles'}.
        </p>
      )}
      <button type="submit" className="primary" disabled={blocked || importArticles.isPending}>
        {importArticles.isPending ? 'Importing…' : articles.length === 0 ? 'Import articles' : `Import ${articles.length} ${articles.length === 1 ? 'article' : 'articles'}`}
      </button>
    </form>
  );
}
