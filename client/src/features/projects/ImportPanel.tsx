import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { IMPORT_FORMATS, type ImportFormat, type OnDuplicate } from '@mbw/shared';
import { keys, useLabels, useUsers } from '../../api/hooks';
import { AnnotatorMapping } from './AnnotatorMapping';
import { ImportOutcomes, type FileOutcome } from './ImportOutcomes';
import { FORMAT_NAMES } from './importText';
import { formatFor, importJobs, runImports, useImportPreview, type ImportProgress, type ImportStop } from './importRuns';
import { LabelMapping } from './LabelMapping';
import { DEFAULT_READER_CHOICE, ReaderOptions, type ReaderChoice } from './ReaderOptions';

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
  const projectLabels = useLabels(projectId);
  const [format, setFormat] = useState<ImportFormat | 'detect'>('detect');
  const [labelMapping, setLabelMapping] = useState<Record<string, string>>({});
  const [pasted, setPasted] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const [reading, setReading] = useState<ReaderChoice>(DEFAULT_READER_CHOICE);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const stop = useRef<ImportStop>({ cancelled: false });
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const preview = useImportPreview(projectId, files, onDuplicate, format, reading);
  const read = (f: ImportFormat, hint: RegExp) => format === f || preview.outcomes.some((o) => o.result?.format === f || hint.test(o.error ?? ''));
  const brat = read('brat', /discontinuous/);
  const webanno = read('webanno', /layer|WebAnno/);

  const annotatorMap = Object.fromEntries(Object.entries(mapping).filter(([name, to]) => to && preview.annotators.some((a) => a.name === name)));
  const unmapped = preview.annotators.filter((a) => a.problem && !Object.hasOwn(annotatorMap, a.name));
  const labelMap = Object.fromEntries(Object.entries(labelMapping).filter(([name, key]) => key && preview.labels.some((l) => l.name === name)));
  const unknownLabels = preview.labels.filter((l) => l.action === 'unknown' && !Object.hasOwn(labelMap, l.name));
  // Each file is imported as the format its dry run read (detected or chosen).
  const formats = new Map(files.map((f) => [f.name, preview.outcomes.find((o) => o.name === f.name)?.result?.format ?? formatFor(f, format)]));

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setOutcomes([]);
    const jobs = importJobs(files, pasted, formats);
    setProgress({ name: jobs[0]!.name, stage: 'sending', done: 0, total: jobs[0]!.size, share: 0 });
    stop.current = { cancelled: false };
    const done = await runImports(projectId, jobs, { onDuplicate, annotatorMap, labelMap, ...reading }, setProgress, setOutcomes, stop.current);
    setProgress(null);
    await Promise.all([qc.invalidateQueries({ queryKey: keys.projects }), qc.invalidateQueries({ queryKey: keys.users }), qc.invalidateQueries({ queryKey: keys.labels(projectId) })]);
    if (done.every((o) => o.result)) {
      setPasted('');
      setFiles([]);
      setMapping({});
      setLabelMapping({});
      form.reset();
    }
  };

  const count = files.length || (pasted.trim() ? 1 : 0);
  const busy = progress !== null;
  // A file the check refused may still be sent: the import answers the same refusal, line by line.
  const blocked = preview.checking || unmapped.length > 0 || unknownLabels.length > 0;
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
          accept=".txt,.jsonl,.json,.jsonld,.tsv,.conll,.zip,text/plain,application/zip"
          multiple
          disabled={busy}
          onChange={(e: ChangeEvent<HTMLInputElement>) => (setFiles([...(e.target.files ?? [])]), setOutcomes([]))}
        />
      </label>
      <FormatChoice value={format} onChange={setFormat} disabled={busy} />
      <DuplicateRule value={onDuplicate} onChange={setOnDuplicate} disabled={busy} />
      <ReaderOptions brat={brat} webanno={webanno} value={reading} onChange={setReading} disabled={busy} />
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
      <LabelMapping
        labels={preview.labels}
        projectLabels={projectLabels.data ?? []}
        mapping={labelMapping}
        onChange={(name, key) => setLabelMapping((m) => ({ ...m, [name]: key }))}
        disabled={busy}
      />
      {unknownLabels.length > 0 && <p className="error">Choose a project label for {unknownLabels.map((l) => l.name).join(', ')} to import.</p>}
      {progress && <ImportProgressBar progress={progress} onCancel={() => (stop.current.cancelled = true)} />}
      <ImportOutcomes outcomes={outcomes} label="Import results" />
      <button type="submit" className="primary" disabled={!count || busy || (files.length > 0 && blocked)}>
        {busy ? 'Importing…' : count > 1 ? `Import ${count} files` : 'Import'}
      </button>
    </form>
  );
}

const STAGES = { sending: 'Sending', reading: 'Checking', writing: 'Writing the articles of' } as const;

/** The running import: a bar over all files, the file and stage in words, and a button that cancels (nothing of the file is written). */
function ImportProgressBar({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  const amount =
    progress.stage === 'writing'
      ? `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} articles`
      : progress.total
        ? `${(progress.done / 2 ** 20).toFixed(1)} of ${(progress.total / 2 ** 20).toFixed(1)} MB`
        : '';
  return (
    <div className="row" style={{ alignItems: 'center' }}>
      <progress aria-label="Import progress" max={1} value={progress.share} style={{ flex: '1 1 12rem', width: 'auto' }} />
      <span className="muted small" role="status">
        {STAGES[progress.stage]} {progress.name}
        {amount && `: ${amount}`}
      </span>
      <button
        type="button"
        className="button"
        disabled={cancelling}
        onClick={() => {
          setCancelling(true);
          onCancel();
        }}
      >
        {cancelling ? 'Cancelling…' : 'Cancel import'}
      </button>
    </div>
  );
}

function ImportHelp() {
  return (
    <p className="muted">
      Paste one article, or choose <code>.txt</code> files (one article each; the first line is the title when a blank line follows
      it), <code>.jsonl</code> files (one article a line, <code>{'{"text": …}'}</code>, optionally with spans of several annotators,
      as exported here), or what other tools export: WebAnno TSV, a brat zip, Label Studio JSON, doccano or Prodigy/spaCy JSONL,
      W3C annotations (a zip with their texts) or CoNLL. The format of each file is detected and shown before anything is
      imported. Files must be UTF-8 or UTF-16 with a byte-order mark.
    </p>
  );
}

/** The files' format: detected from each file (the dry run shows what it read), or one for all. */
function FormatChoice({ value, onChange, disabled }: { value: ImportFormat | 'detect'; onChange: (v: ImportFormat | 'detect') => void; disabled: boolean }) {
  return (
    <label>
      Format
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as ImportFormat | 'detect')}>
        <option value="detect">Detect from each file</option>
        {IMPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {FORMAT_NAMES[f]}
          </option>
        ))}
      </select>
    </label>
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
