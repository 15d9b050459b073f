import { useState } from 'react';
import type { ArticleSummary, ExportFormat } from '@mbw/shared';
import { ExportJobControl } from './ExportJob';
import { ExportManifestView } from './ExportManifestView';

/** The format choices: `value` names the choice, `format` and `extra` make the query (CoNLL comes in two shapes). */
const FORMATS: Array<{ value: string; format: ExportFormat; extra?: Record<string, string>; name: string; note: string }> = [
  { value: 'jsonl', format: 'jsonl', name: 'JSONL (interchange)', note: 'text, spans, attributes and links; imports back exactly' },
  { value: 'conll', format: 'conll', name: 'CoNLL-2003 (spaCy convert)', note: 'token _ _ TAG, one tag column for every label, -DOCSTART- -X- O O per article and annotator' },
  { value: 'conll-columns', format: 'conll', extra: { conllShape: 'columns' }, name: 'CoNLL BIO, multi-column', note: 'one block per article and annotator, an annotator column, one tag column per label' },
  { value: 'hf', format: 'hf', name: 'Hugging Face token classification', note: 'JSONL rows, one per article and annotator; download the label list too' },
  { value: 'webanno', format: 'webanno', name: 'WebAnno TSV 3.3 (INCEpTION)', note: 'a zip, one file per article, with manifest.json' },
  { value: 'brat', format: 'brat', name: 'brat standoff', note: 'a zip of .txt and .ann with annotation.conf and manifest.json' },
  { value: 'w3c', format: 'w3c', name: 'W3C Web Annotation (JSON-LD)', note: 'position and quote selectors; creator and mbw:status' },
  { value: 'csv', format: 'csv', name: 'CSV of spans', note: 'one row a span, with its quote and status' },
];

/** Download links for the project's spans in every format, streamed by the server. */
export function ExportPanel({ projectId, articles }: { projectId: number; articles: ArticleSummary[] }) {
  const [choice, setChoice] = useState('jsonl');
  const [source, setSource] = useState('all');
  const [status, setStatus] = useState<'submitted' | 'all'>('submitted');
  const [split, setSplit] = useState('');
  const [seed, setSeed] = useState(1);
  const [ratios, setRatios] = useState('0.8,0.1,0.1');
  const annotators = [...new Set(articles.flatMap((a) => a.progress.map((p) => p.username)))].sort();
  const validRatios = /^\d*\.?\d+,\d*\.?\d+,\d*\.?\d+$/.test(ratios);

  const chosen = FORMATS.find((f) => f.value === choice)!;
  const format = chosen.format;
  const query = (f: ExportFormat): Record<string, string> => ({ format: f, ...(f === format ? chosen.extra : {}), source, status, ...(split ? { split, seed: String(seed), ratios } : {}) });
  const url = (f: ExportFormat) => `/api/projects/${projectId}/export?${new URLSearchParams(query(f))}`;

  return (
    <form className="card form" aria-label="Export dataset" onSubmit={(e) => e.preventDefault()}>
      <h2>Export dataset</h2>
      <div className="row">
        <label>
          Format
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Spans of
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="all">All annotators</option>
            {annotators.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
            <option value="gold" disabled>
              Gold standard (after adjudication)
            </option>
          </select>
        </label>
        <label>
          Work
          <select value={status} onChange={(e) => setStatus(e.target.value as 'submitted' | 'all')}>
            <option value="submitted">Submitted work only</option>
            <option value="all">Submitted work and drafts</option>
          </select>
        </label>
      </div>
      <p className="muted small">{chosen.name}: {chosen.note}.</p>
      <div className="row">
        <label>
          Articles
          <select value={split} onChange={(e) => setSplit(e.target.value)}>
            <option value="">All articles</option>
            <option value="train">Training part of a split</option>
            <option value="dev">Development part of a split</option>
            <option value="test">Test part of a split</option>
          </select>
        </label>
        {split && (
          <>
            <label>
              Seed
              <input type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Number(e.target.value) || 0))} />
            </label>
            <label>
              Ratios (train,dev,test)
              <input value={ratios} onChange={(e) => setRatios(e.target.value.replace(/\s/g, ''))} aria-invalid={!validRatios} />
            </label>
          </>
        )}
      </div>
      {split && <p className="muted small">The same seed and ratios always give the same split, by article.</p>}
      {validRatios && <ExportManifestView projectId={projectId} query={query(format)} />}
      <div className="row downloads">
        {validRatios ? (
          <a className="button primary" href={url(format)} download>
            Download
          </a>
        ) : (
          <span className="error">Ratios must be three numbers, e.g. 0.8,0.1,0.1.</span>
        )}
        {format === 'hf' && (
          <a className="button" href={url('hf-labels')} download>
            Download label list
          </a>
        )}
      </div>
      {validRatios && <ExportJobControl projectId={projectId} query={query(format)} />}
    </form>
  );
}
