import { useState } from 'react';
import type { Label } from '@mbw/shared';

/** A label's guideline card, with a language switch when it has several. */
export function Guideline({ label }: { label: Label }) {
  const languages = Object.keys(label.guidelines);
  const [lang, setLang] = useState(languages.includes('en') ? 'en' : languages[0]);
  return (
    <section className="guideline" style={{ borderColor: label.color }} aria-label={`${label.name} guideline`}>
      <h3>
        <span className="swatch" style={{ background: label.color }} aria-hidden="true" />
        {label.name}
        {label.hotkey && <kbd title={`Hotkey ${label.hotkey}`}>{label.hotkey}</kbd>}
      </h3>
      <p>{lang ? label.guidelines[lang] : label.description}</p>
      {label.attributes.length > 0 && (
        <p className="muted small">
          {label.attributes.map((a) => `${a.name}: ${a.values.map((v) => v.name).join(' · ')}`).join('; ')}
        </p>
      )}
      {languages.length > 1 && (
        <div className="langs" role="group" aria-label={`${label.name} guideline language`}>
          {languages.map((l) => (
            <button key={l} type="button" className={l === lang ? 'on' : ''} aria-pressed={l === lang} onClick={() => setLang(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
