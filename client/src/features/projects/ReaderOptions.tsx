import { useState } from 'react';

/** How another tool's file is read: what the server's readers let a user choose. */
export interface ReaderChoice {
  /** brat: a discontinuous span becomes linked fragments, or refuses the file. */
  discontinuous: 'split' | 'refuse';
  /** WebAnno TSV: the one span layer to read (empty: every layer) and the feature that gives the label. */
  layer: string;
  feature: string;
}

export const DEFAULT_READER_CHOICE: ReaderChoice = { discontinuous: 'split', layer: '', feature: '' };

/**
 * The reading choices for the formats of the chosen files: brat's
 * discontinuous spans, WebAnno's layer and label feature (taken when the
 * field is left, so the check runs once per change, not per keystroke).
 */
export function ReaderOptions({ brat, webanno, value, onChange, disabled }: { brat: boolean; webanno: boolean; value: ReaderChoice; onChange: (v: ReaderChoice) => void; disabled: boolean }) {
  return (
    <>
      {brat && (
        <label>
          Discontinuous spans (brat)
          <select value={value.discontinuous} disabled={disabled} onChange={(e) => onChange({ ...value, discontinuous: e.target.value as 'split' | 'refuse' })}>
            <option value="split">One span per fragment, linked by a “fragment” link</option>
            <option value="refuse">Refuse the file</option>
          </select>
        </label>
      )}
      {webanno && (
        <div className="row">
          <CommittedInput label="WebAnno layer (empty: every span layer)" value={value.layer} placeholder="de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity" onCommit={(layer) => onChange({ ...value, layer })} disabled={disabled} />
          <CommittedInput label="Feature that gives the label (empty: label, value or the first)" value={value.feature} placeholder="value" onCommit={(feature) => onChange({ ...value, feature })} disabled={disabled} />
        </div>
      )}
    </>
  );
}

/** A text field whose value counts when the user leaves it or presses Enter. */
function CommittedInput({ label, value, placeholder, onCommit, disabled }: { label: string; value: string; placeholder: string; onCommit: (v: string) => void; disabled: boolean }) {
  const [draft, setDraft] = useState(value);
  const commit = () => draft.trim() !== value && onCommit(draft.trim());
  return (
    <label>
      {label}
      <input
        value={draft}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
    </label>
  );
}
