import { useId } from 'react';
import { Markdown } from '../../ui/Markdown';

/** A Markdown text field with its rendered preview beside it (as annotators will read it). */
export function MarkdownField({ label, preview, value, rows, onChange }: {
  label: string;
  /** The preview's accessible name (not containing `label`, so that the field alone answers to it). */
  preview: string;
  value: string;
  rows: number;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="markdown-field">
      <label htmlFor={id}>{label}</label>
      <div className="markdown-pair">
        <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
        <section className="markdown-preview" aria-label={preview}>
          {value.trim() ? <Markdown source={value} /> : <p className="muted small">The rendered guideline appears here.</p>}
        </section>
      </div>
    </div>
  );
}
