import { useState } from 'react';
import type { ArticleSummary, ExportFormat } from '@mbw/shared';
import { ExportManifestView } from './ExportManifestView';

const FORMATS: Array<{ value: ExportFormat; name: string; note: string }> = [
  { value: 'jsonl', name: 'JSONL (interchange)', note: 'text, spans, attributes and links; imports back exactly' },
  { value: 'conll', name: 'CoNLL BIO', note: 'one block per article and annotator, an annotator column, one tag column per label' },
  { value: 'hf', name: 'Hugging Face token classification', note: 'JSONL rows, one per article and annotator; download the label list too' },
  { value: 'webanno', name: 'WebAnno TSV 3.3 (INCEpTION)', note: 'a zip, one file per article, with manifest.json' },
  { value: 'brat', name: 'brat standoff', note: 'a zip of .txt and .ann with annotation.conf and manifest.json' },
  { value: 'w3c', name: 'W3C Web Annotation (JSON-LD)', note: 'position and quote selectors; creator and mbw:status' },
  { value: 'csv', name: 'CSV of spans', note: 'one row a span, with its quote and status' },
];

/** Download links for the project's spans in every format, streamed by the server. */
export function ExportPanel({ projectId, articles }: { projectId: number; articles: ArticleSummary[] }) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [source, setSource] = useState('all');
  const [status, setStatus] = useState<'submitted' | 'all'>('submitted');
  const [split, setSplit] = useState('');
  const [seed, setSeed] = useState(1);
  const [ratios, setRatios] = useState('0.8,0.1,0.1');
  const annotators = [...new Set(articles.flatMap((a) => a.progress.map((p) => p.username)))].sort();
  const validRatios = /^\d*\.?\d+,\d*\.?\d+,\d*\.?\d+$/.test(ratios);

  const query = (f: ExportFormat): Record<string, string> => ({ format: f, source, status, ...(split ? { split, seed: String(seed), ratios } : {}) });
  const url = (f: ExportFormat) => `/api/projects/${projectId}/export?${new URLSearchParams(query(f))}`;
  const chosen = FORMATS.find((f) => f.value === format)!;

  return (
    <form className="card form" aria-label="Export dataset" onSubmit={(e) => e.preventDefault()}>
      <h2>Export dataset</h2>
      <div className="row">
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
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
    </form>
  );
}
