import { useState } from 'react';
import type { Label } from '@mbw/shared';
import { guidelineIn } from './guidelineLanguage';
import { Markdown } from './Markdown';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German' };

/**
 * A label's guideline card, rendered from Markdown. With `lang` it shows that
 * language (saying so when it falls back to another); without, it offers a
 * language switch when the label has several.
 */
export function Guideline({ label, lang: chosen }: { label: Label; lang?: string }) {
  const languages = Object.keys(label.guidelines).filter((l) => label.guidelines[l]?.trim());
  const [own, setOwn] = useState(languages.includes('en') ? 'en' : (languages[0] ?? 'en'));
  const shown = guidelineIn(label.guidelines, chosen ?? own);
  return (
    <section className="guideline" style={{ borderColor: label.color }} aria-label={`${label.name} guideline`}>
      <h3>
        <span className="swatch" style={{ background: label.color }} aria-hidden="true" />
        {label.name}
        {label.hotkey && <kbd title={`Hotkey ${label.hotkey}`}>{label.hotkey}</kbd>}
      </h3>
      {chosen && shown && shown.lang !== chosen && (
        <p className="muted small">
          No {LANGUAGE_NAMES[chosen] ?? chosen} guideline yet; {LANGUAGE_NAMES[shown.lang] ?? shown.lang} shown.
        </p>
      )}
      {shown ? <Markdown source={shown.text} /> : <p>{label.description}</p>}
      {label.attributes.length > 0 && (
        <p className="muted small">
          {label.attributes.map((a) => `${a.name}: ${a.values.map((v) => v.name).join(' · ')}`).join('; ')}
        </p>
      )}
      {!chosen && languages.length > 1 && (
        <div className="langs" role="group" aria-label={`${label.name} guideline language`}>
          {languages.map((l) => (
            <button key={l} type="button" className={l === own ? 'on' : ''} aria-pressed={l === own} onClick={() => setOwn(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
