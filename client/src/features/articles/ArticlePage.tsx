import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Label } from '@mbw/shared';
import { useArticle, useLabels } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';

/** Lines of the text with their UTF-16 offsets; blank lines separate paragraphs. */
function paragraphs(text: string) {
  const out: Array<{ offset: number; text: string }> = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) out.push({ offset, text: line });
    offset += line.length + 1;
  }
  return out;
}

const STATUS_TEXT = { assigned: 'Not started', in_progress: 'In progress', submitted: 'Submitted' } as const;

export function ArticlePage({ id }: { id: number }) {
  const article = useArticle(id);
  const labels = useLabels(article.data?.projectId);
  const paras = useMemo(() => paragraphs(article.data?.text ?? ''), [article.data?.text]);
  if (article.isPending) return <Loading what="the article" />;
  if (article.isError) return <ErrorMessage error={article.error} />;
  const a = article.data;
  return (
    <div className="article-layout">
      <article className="reader" aria-labelledby="article-title">
        <p className="crumbs">
          <Link href="/">Projects</Link> / <Link href={`/projects/${a.projectId}`}>Project</Link> /
        </p>
        <h1 id="article-title">{a.title}</h1>
        <p className="meta">
          {[a.source, a.publishedAt, `${a.length.toLocaleString('en')} characters`].filter(Boolean).join(' · ')}
          {a.myStatus && <span className={`badge status-${a.myStatus}`}>{STATUS_TEXT[a.myStatus]}</span>}
        </p>
        <div className="article-text" aria-label="Article text">
          {paras.map((p) => (
            <p key={p.offset} data-offset={p.offset}>
              {p.text}
            </p>
          ))}
        </div>
      </article>
      <aside className="side" aria-label="Guidelines">
        <h2>Labels</h2>
        {labels.isPending && <Loading what="labels" />}
        {labels.data?.map((l) => <Guideline key={l.key} label={l} />)}
      </aside>
    </div>
  );
}

function Guideline({ label }: { label: Label }) {
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
