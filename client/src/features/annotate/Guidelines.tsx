import { useRef } from 'react';
import type { Label } from '@mbw/shared';
import { Guideline } from '../../ui/Guideline';
import { GUIDELINE_LANGUAGES, useGuidelineLanguage } from '../../ui/guidelineLanguage';
import { Markdown } from '../../ui/Markdown';
import { dialogKeys } from '../../ui/trapFocus';

/** The side panel's guideline cards, one per label, in the reader's language. */
export function GuidelinesPanel({ labels }: { labels: Label[] }) {
  const [lang] = useGuidelineLanguage();
  return (
    <details className="panel" open>
      <summary>Label guidelines</summary>
      {labels.map((l) => (
        <Guideline key={l.key} label={l} lang={lang} />
      ))}
    </details>
  );
}

/** The project's guideline document, rendered from Markdown (the Guidelines dialog and the supervisor's reading view). */
export function ProjectGuideline({ guideline, Heading = 'h3' }: { guideline: string; Heading?: 'h2' | 'h3' }) {
  return (
    <section aria-label="Project guideline" className="project-guideline">
      <Heading>Project guideline</Heading>
      {guideline.trim() ? <Markdown source={guideline} /> : <p className="muted">This project has no guideline document yet; the labels’ guidelines follow.</p>}
    </section>
  );
}

/**
 * Everything an annotator should read: the project guideline and every
 * label's guideline, rendered from Markdown, in English or German (the choice
 * is remembered). Esc closes it; focus stays inside.
 */
export function GuidelinesDialog({ labels, guideline, onClose }: { labels: Label[]; guideline: string; onClose: () => void }) {
  const [lang, setLang] = useGuidelineLanguage();
  const box = useRef<HTMLDivElement>(null);
  return (
    <div className="dialog-backdrop" onKeyDown={dialogKeys(box, onClose)}>
      <div role="dialog" aria-modal="true" aria-labelledby="guidelines-title" className="dialog card guidelines-dialog" ref={box}>
        <div className="row guidelines-head">
          <h2 id="guidelines-title">Guidelines</h2>
          <div className="langs" role="group" aria-label="Guideline language">
            {GUIDELINE_LANGUAGES.map((l) => (
              <button key={l.code} type="button" className={l.code === lang ? 'on' : ''} aria-pressed={l.code === lang} onClick={() => setLang(l.code)}>
                {l.name}
              </button>
            ))}
          </div>
        </div>
        <div className="guidelines-body">
          <ProjectGuideline guideline={guideline} />
          {labels.map((l) => (
            <Guideline key={l.key} label={l} lang={lang} />
          ))}
        </div>
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
