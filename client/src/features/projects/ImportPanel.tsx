import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { ImportResult } from '@mbw/shared';
import { ApiRequestError } from '../../api/client';
import { keys } from '../../api/hooks';
import { uploadWithProgress } from '../../api/upload';

interface FileOutcome {
  name: string;
  result?: ImportResult;
  error?: string;
  lines?: Array<{ line: number; message: string }>;
}

const describe = (r: ImportResult) =>
  `${r.articles} ${r.articles === 1 ? 'article' : 'articles'}` +
  (r.spans ? `, ${r.spans} spans` : '') +
  (r.relations ? `, ${r.relations} links` : '') +
  (r.createdAnnotators.length ? `; new annotators: ${r.createdAnnotators.join(', ')}` : '');

/**
 * Imports pasted text or files through the server's import (each file one
 * transaction: a bad line is named and nothing of that file is imported),
 * with a progress bar over the upload of all files.
 */
export function ImportPanel({ projectId }: { projectId: number }) {
  const qc = useQueryClient();
  const [pasted, setPasted] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);

  const upload = async (name: string, body: Blob | string, format: 'jsonl' | 'txt', sentBefore: number, total: number): Promise<FileOutcome> => {
    const size = typeof body === 'string' ? body.length : body.size;
    try {
      const { result } = await uploadWithProgress<{ result: ImportResult }>(
        `/api/projects/${projectId}/import?format=${format}`,
        body,
        format === 'jsonl' ? 'application/x-ndjson' : 'text/plain; charset=utf-8',
        (share) => setProgress((sentBefore + share * size) / total),
      );
      return { name, result };
    } catch (e) {
      const details = e instanceof ApiRequestError ? (e.details as { errors?: FileOutcome['lines'] } | undefined) : undefined;
      return { name, error: e instanceof Error ? e.message : String(e), lines: details?.errors };
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const jobs = files.length
      ? files.map((f) => ({ name: f.name, body: f as Blob | string, format: /\.txt$/i.test(f.name) ? ('txt' as const) : ('jsonl' as const), size: f.size }))
      : [{ name: 'Pasted text', body: pasted, format: 'txt' as const, size: pasted.length }];
    const total = Math.max(1, jobs.reduce((n, j) => n + j.size, 0));
    setOutcomes([]);
    setProgress(0);
    const done: FileOutcome[] = [];
    let sent = 0;
    for (const job of jobs) {
      done.push(await upload(job.name, job.body, job.format, sent, total));
      sent += job.size;
      setOutcomes([...done]);
    }
    setProgress(null);
    await qc.invalidateQueries({ queryKey: keys.projects });
    if (done.every((o) => o.result)) {
      setPasted('');
      setFiles([]);
      form.reset();
    }
  };

  const count = files.length || (pasted.trim() ? 1 : 0);
  const busy = progress !== null;
  return (
    <form className="card form" onSubmit={submit} aria-label="Import articles">
      <h2>Import articles</h2>
      <p className="muted">
        Paste one article, or choose <code>.txt</code> files (one article each; the first line is the title when a blank line
        follows it) or <code>.jsonl</code> files (one article a line, <code>{'{"text": …}'}</code>, optionally with spans of
        several annotators, as exported here).
      </p>
      <label>
        Article text
        <textarea rows={5} value={pasted} disabled={files.length > 0 || busy} onChange={(e) => setPasted(e.target.value)} placeholder="Title&#10;&#10;First paragraph…" />
      </label>
      <label>
        Files
        <input
          type="file"
          accept=".txt,.jsonl,.json,text/plain"
          multiple
          disabled={busy}
          onChange={(e: ChangeEvent<HTMLInputElement>) => (setFiles([...(e.target.files ?? [])]), setOutcomes([]))}
        />
      </label>
      {busy && <progress aria-label="Import progress" max={1} value={progress} />}
      {outcomes.length > 0 && (
        <ul className="outcomes" aria-label="Import results">
          {outcomes.map((o) =>
            o.result ? (
              <li key={o.name} role="status" className="ok">
                {o.name}: imported {describe(o.result)}.
              </li>
            ) : (
              <li key={o.name} role="alert" className="error">
                {o.name}: {o.error}
                {o.lines && o.lines.length > 1 && (
                  <ul>
                    {o.lines.slice(0, 10).map((l) => (
                      <li key={l.line}>
                        Line {l.line}: {l.message}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      <button type="submit" className="primary" disabled={!count || busy}>
        {busy ? 'Importing…' : count > 1 ? `Import ${count} files` : 'Import'}
      </button>
    </form>
  );
}
