import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { OnDuplicate } from '@mbw/shared';
import { keys, useUsers } from '../../api/hooks';
import { AnnotatorMapping } from './AnnotatorMapping';
import { ImportOutcomes, type FileOutcome } from './ImportOutcomes';
import { importJobs, runImports, useImportPreview } from './importRuns';

const DUPLICATE_RULES: Array<{ value: OnDuplicate; name: string }> = [
  { value: 'skip', name: 'Skip them (keep what the project has)' },
  { value: 'replace', name: 'Replace the project’s article and delete its work' },
  { value: 'add', name: 'Add them again' },
];

/**
 * Imports pasted text or files through the server's import (each file one
 * transaction: a bad line is named and nothing of that file is imported).
 * Chosen files are checked first (a dry run): the page shows what would be
 * imported and skipped, and the annotators the files name, each going to a
 * new locked account unless mapped to an existing one here.
 */
export function ImportPanel({ projectId }: { projectId: number }) {
  const qc = useQueryClient();
  const users = useUsers();
  const [pasted, setPasted] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const preview = useImportPreview(projectId, files, onDuplicate);

  const annotatorMap = Object.fromEntries(Object.entries(mapping).filter(([name, to]) => to && preview.annotators.some((a) => a.name === name)));
  const unmapped = preview.annotators.filter((a) => a.problem && !Object.hasOwn(annotatorMap, a.name));

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setOutcomes([]);
    setProgress(0);
    const done = await runImports(projectId, importJobs(files, pasted), { onDuplicate, annotatorMap }, setProgress, setOutcomes);
    setProgress(null);
    await Promise.all([qc.invalidateQueries({ queryKey: keys.projects }), qc.invalidateQueries({ queryKey: keys.users })]);
    if (done.every((o) => o.result)) {
      setPasted('');
      setFiles([]);
      setMapping({});
      form.reset();
    }
  };

  const count = files.length || (pasted.trim() ? 1 : 0);
  const busy = progress !== null;
  // A file the check refused may still be sent: the import answers the same refusal, line by line.
  const blocked = preview.checking || unmapped.length > 0;
  return (
    <form className="card form" onSubmit={submit} aria-label="Import articles" aria-busy={busy || preview.checking}>
      <h2>Import articles</h2>
      <ImportHelp />
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
      <DuplicateRule value={onDuplicate} onChange={setOnDuplicate} disabled={busy} />
      {preview.checking && <p role="status">Checking the files…</p>}
      {!outcomes.length && <ImportOutcomes outcomes={preview.outcomes} label="What the import would do" />}
      <AnnotatorMapping
        annotators={preview.annotators}
        users={users.data ?? []}
        mapping={mapping}
        onChange={(name, to) => setMapping((m) => ({ ...m, [name]: to }))}
        disabled={busy}
      />
      {unmapped.length > 0 && <p className="error">Map {unmapped.map((a) => a.name).join(', ')} to an existing account to import.</p>}
      {busy && <progress aria-label="Import progress" max={1} value={progress} />}
      <ImportOutcomes outcomes={outcomes} label="Import results" />
      <button type="submit" className="primary" disabled={!count || busy || (files.length > 0 && blocked)}>
        {busy ? 'Importing…' : count > 1 ? `Import ${count} files` : 'Import'}
      </button>
    </form>
  );
}

function ImportHelp() {
  return (
    <p className="muted">
      Paste one article, or choose <code>.txt</code> files (one article each; the first line is the title when a blank line follows
      it) or <code>.jsonl</code> files (one article a line, <code>{'{"text": …}'}</code>, optionally with spans of several annotators,
      as exported here). Files must be UTF-8 or UTF-16 with a byte-order mark.
    </p>
  );
}

/** What to do with articles the project already has (same external id or text). */
function DuplicateRule({ value, onChange, disabled }: { value: OnDuplicate; onChange: (v: OnDuplicate) => void; disabled: boolean }) {
  return (
    <label>
      Articles already in the project (same external id or text)
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as OnDuplicate)}>
        {DUPLICATE_RULES.map((r) => (
          <option key={r.value} value={r.value}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}
