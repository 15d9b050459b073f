import type { AttributeDef, LabelDef } from '@mbw/shared';
import { MarkdownField } from './MarkdownField';

interface Props {
  label: LabelDef;
  isNew: boolean;
  first: boolean;
  last: boolean;
  onChange: (label: LabelDef) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** `negative=Negative, positive=Positive` ↔ attribute values. */
const valuesText = (a: AttributeDef) => a.values.map((v) => (v.name === v.value ? v.value : `${v.value}=${v.name}`)).join(', ');
const parseValues = (text: string) =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [value, name] = p.split('=').map((x) => x.trim());
      return { value: value!, name: name || value! };
    });

/** One label of the scheme: name, key (new labels only), colour, hotkey, guidelines in English and German, attributes. */
export function LabelEditor({ label, isNew, first, last, onChange, onMove, onRemove }: Props) {
  const set = (changes: Partial<LabelDef>) => onChange({ ...label, ...changes });
  const setAttr = (i: number, changes: Partial<AttributeDef>) =>
    set({ attributes: label.attributes.map((a, k) => (k === i ? { ...a, ...changes } : a)) });
  const name = label.name || label.key || 'new label';
  return (
    <fieldset className="card label-editor" style={{ borderLeftColor: label.color }} aria-label={`Label ${name}`}>
      <legend>{name}</legend>
      <div className="row">
        <label>
          Name
          <input value={label.name} onChange={(e) => set({ name: e.target.value })} required maxLength={100} />
        </label>
        <label>
          Key
          <input value={label.key} onChange={(e) => set({ key: e.target.value })} readOnly={!isNew} required pattern="[a-z][a-z0-9_]{0,49}" title="lower case letters, digits and _" />
        </label>
        <label className="narrow">
          Colour
          <input type="color" value={label.color} onChange={(e) => set({ color: e.target.value })} />
        </label>
        <label className="narrow">
          Hotkey
          <input value={label.hotkey ?? ''} maxLength={1} onChange={(e) => set({ hotkey: e.target.value || null })} />
        </label>
      </div>
      {(['en', 'de'] as const).map((lang) => (
        <MarkdownField
          key={lang}
          label={`Guideline (${lang === 'en' ? 'English' : 'German'})`}
          preview={`${lang === 'en' ? 'English' : 'German'} preview`}
          rows={3}
          value={label.guidelines[lang] ?? ''}
          onChange={(text) => set({ guidelines: { ...label.guidelines, [lang]: text } })}
        />
      ))}
      {label.attributes.map((a, i) => (
        <div className="row attribute-editor" key={i} role="group" aria-label={`Attribute ${a.name || a.key} of ${name}`}>
          <label>
            Attribute
            <input value={a.name} onChange={(e) => setAttr(i, { name: e.target.value })} required />
          </label>
          <label>
            Values
            <input defaultValue={valuesText(a)} onBlur={(e) => setAttr(i, { values: parseValues(e.target.value) })} title="value=Name, separated by commas" />
          </label>
          <label className="check">
            <input type="checkbox" checked={a.required} onChange={(e) => setAttr(i, { required: e.target.checked })} /> Required
          </label>
          <button type="button" className="small" onClick={() => set({ attributes: label.attributes.filter((_, k) => k !== i) })}>
            Remove attribute
          </button>
        </div>
      ))}
      <div className="row">
        <button type="button" className="small" onClick={() => set({ attributes: [...label.attributes, { key: `attr${label.attributes.length + 1}`, name: 'New attribute', values: [{ value: 'yes', name: 'Yes' }, { value: 'no', name: 'No' }], required: false }] })}>
          Add attribute
        </button>
        <button type="button" className="small" disabled={first} onClick={() => onMove(-1)} aria-label={`Move ${name} up`}>
          ↑
        </button>
        <button type="button" className="small" disabled={last} onClick={() => onMove(1)} aria-label={`Move ${name} down`}>
          ↓
        </button>
        <button type="button" className="small danger" onClick={onRemove} aria-label={`Remove label ${name}`}>
          Remove label
        </button>
      </div>
    </fieldset>
  );
}
