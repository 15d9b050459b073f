import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { AgreementReport, ArticleSummary, Label } from '@mbw/shared';
import { useArticles, useLabels, useProject } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { countsText, fmt, int, mean, plural, quality } from './format';
import { useAgreement } from './hooks';
import { ReportProgressBar } from './ReportProgress';
import { articlesBehind, compareHref, useReviewParams } from './params';
import { countNotes } from './counts';
import { GoldScores } from '../curate/CurationQueuePage';
import { SuggestionQuality } from '../profile/SuggestionSettings';
import { CountNotes, StudySections, type ArticleHref } from './StudyTables';

/** The chart library is loaded with the first chart, not with the workbench. */
const Heatmap = lazy(() => import('./Heatmap').then((m) => ({ default: m.Heatmap })));
import { ArticleTable, LabelTable, NumLink, ProgressTable, progressByAnnotator } from './tables';

/** username → display name, from the project's progress (supervisors see everyone's). */
export function useNames(articles: ArticleSummary[] | undefined) {
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of articles ?? []) for (const p of a.progress) m.set(p.username, p.displayName);
    return m;
  }, [articles]);
  return useCallback((u: string) => names.get(u) ?? u, [names]);
}

/** The supervisor's agreement dashboard of a project. */
export function AgreementPage({ projectId }: { projectId: number }) {
  const project = useProject(projectId);
  const labels = useLabels(projectId);
  const articles = useArticles(projectId, { live: true });
  const { filters, searchWith, update } = useReviewParams();
  const report = useAgreement(projectId, filters);
  const nameOf = useNames(articles.data);
  const [, navigate] = useLocation();
  const [heatLabel, setHeatLabel] = useState<string | null>(null);

  if (project.isError) return <ErrorMessage error={project.error} />;
  const r = report.data;
  const hrefFor = (label: string | null, pair: [string, string] | null = null) => {
    if (!r) return null;
    const worst = articlesBehind(r, label, pair)[0];
    return worst ? compareHref(projectId, worst.id, searchWith({ focus: label, pair: pair?.join(',') })) : null;
  };
  /** An article behind an attribute or link figure (its worst), else the worst article of the label. */
  const articleHref: ArticleHref = (articleId, label) =>
    articleId ? compareHref(projectId, articleId, searchWith({ focus: label })) : hrefFor(label);

  return (
    <section className="page review" aria-labelledby="agreement-title">
      <p className="crumbs">
        <Link href="/">Projects</Link> / <Link href={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link> /
      </p>
      <div className="review-head">
        <div>
          <h1 id="agreement-title">Agreement</h1>
          <p className="muted lede">
            How far the annotators agree, per label, per pair and per article.{' '}
            {filters.drafts ? 'Submitted work and drafts count.' : 'Only submitted work counts.'}
          </p>
        </div>
        {report.isFetching && r && !report.progress && (
          <p className="updating" role="status">
            Updating…
          </p>
        )}
      </div>

      <Filters
        labels={labels.data ?? []}
        annotators={allAnnotators(articles.data, r)}
        nameOf={nameOf}
        filters={filters}
        onChange={update}
      />

      <ReportProgressBar progress={report.progress} cancelled={report.cancelled} hasReport={!!r} onCancel={report.cancel} onResume={report.resume} />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && !report.cancelled && !report.progress && <Loading what="the agreement report" />}
      {r && r.counts.articles === 0 && <NoWork articles={articles.data ?? []} drafts={filters.drafts} onDrafts={() => update({ drafts: 'true' })} />}
      {r && r.counts.articles > 0 && labels.data && (
        <>
          <Headline report={r} href={hrefFor(null)} />
          <CountNotes notes={countNotes(r, articles.data)} />

          <section className="block" aria-labelledby="by-label">
            <h2 id="by-label">Agreement by label</h2>
            <LabelTable report={r} labels={labels.data} hrefFor={(l) => hrefFor(l)} nameOf={nameOf} />
          </section>

          <StudySections report={r} labels={labels.data} hrefFor={articleHref} nameOf={nameOf} />

          <div className="review-grid">
            <HeatmapSection
              report={r}
              labels={labels.data}
              chosen={heatLabel}
              onChoose={setHeatLabel}
              nameOf={nameOf}
              onOpen={(label, a, b) => {
                const href = hrefFor(label, [a, b]);
                if (href) navigate(href);
              }}
            />
            <div>
              <section className="block" aria-labelledby="progress">
                <h2 id="progress">Annotator progress</h2>
                {articles.data ? <ProgressTable articles={articles.data} /> : <Loading what="progress" />}
              </section>
              <PairsTable report={r} labels={labels.data} chosen={heatLabel} nameOf={nameOf} hrefFor={hrefFor} />
            </div>
          </div>

          <section className="block" aria-labelledby="worst-first">
            <h2 id="worst-first">Articles, worst first</h2>
            <p className="muted small">Sorted by token α over the chosen labels; click a row to see the annotators side by side.</p>
            <ArticleTable report={r} labels={labels.data} hrefFor={(id) => compareHref(projectId, id, searchWith())} />
          </section>
          <div className="block">
            <GoldScores projectId={projectId} />
          </div>
          <section className="block" aria-labelledby="suggestion-quality">
            <h2 id="suggestion-quality">Suggestions</h2>
            <p className="muted small">Suggestions count nowhere unless an annotator accepts them; accepted ones are normal spans.</p>
            <SuggestionQuality projectId={projectId} />
          </section>
        </>
      )}
      {r && r.counts.articles === 0 && articles.data && progressByAnnotator(articles.data).length > 0 && (
        <section className="block" aria-labelledby="progress">
          <h2 id="progress">Annotator progress</h2>
          <ProgressTable articles={articles.data} />
        </section>
      )}
    </section>
  );
}

function allAnnotators(articles: ArticleSummary[] | undefined, report: AgreementReport | undefined) {
  const s = new Set<string>();
  for (const a of articles ?? []) for (const p of a.progress) s.add(p.username);
  for (const a of report?.annotators ?? []) s.add(a);
  return [...s].sort();
}

interface FiltersProps {
  labels: Label[];
  annotators: string[];
  nameOf: (u: string) => string;
  filters: ReturnType<typeof useReviewParams>['filters'];
  onChange: (changes: Record<string, string | null>) => void;
}

/** Labels, annotators and drafts: each change asks the server for the report again. */
function Filters({ labels, annotators, nameOf, filters, onChange }: FiltersProps) {
  const chosenLabels = filters.labels ?? labels.map((l) => l.key);
  const chosenPeople = filters.annotators ?? annotators;
  const toggle = (key: 'labels' | 'annotators', all: string[], chosen: string[], value: string) => {
    const next = chosen.includes(value) ? chosen.filter((x) => x !== value) : [...chosen, value];
    const ordered = all.filter((x) => next.includes(x));
    onChange({ [key]: ordered.length === all.length ? null : ordered.join(',') });
  };
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Labels</legend>
        {labels.map((l) => {
          const on = chosenLabels.includes(l.key);
          return (
            <label key={l.key} className="check">
              <input
                type="checkbox"
                checked={on}
                disabled={on && chosenLabels.length === 1}
                onChange={() => toggle('labels', labels.map((x) => x.key), chosenLabels, l.key)}
              />
              <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.name}
            </label>
          );
        })}
      </fieldset>
      {annotators.length > 0 && (
        <fieldset>
          <legend>Annotators</legend>
          {annotators.map((u) => {
            const on = chosenPeople.includes(u);
            return (
              <label key={u} className="check" title={u}>
                <input type="checkbox" checked={on} disabled={on && chosenPeople.length === 1} onChange={() => toggle('annotators', annotators, chosenPeople, u)} />
                {nameOf(u)}
              </label>
            );
          })}
        </fieldset>
      )}
      <fieldset>
        <legend>Work</legend>
        <label className="check">
          <input type="checkbox" checked={filters.drafts} onChange={(e) => onChange({ drafts: e.target.checked ? 'true' : null })} />
          Include drafts
        </label>
      </fieldset>
    </form>
  );
}

/** The four figures a supervisor reads first. */
function Headline({ report, href }: { report: AgreementReport; href: string | null }) {
  const o = report.overall;
  const f1 = mean(o.spanF1.map((p) => p.overlap.f1));
  const unit = o.unitizing.value ?? o.unitizing2016.value;
  const cards = [
    {
      name: 'Token α, all labels',
      value: o.alpha.value,
      sub: o.alpha.ci.low === null ? 'no interval' : `95% CI ${fmt(o.alpha.ci.low)} – ${fmt(o.alpha.ci.high)}`,
      title: `Krippendorff's α over token × label units. Rests on ${countsText(o.alpha.counts, 'unit')}.`,
      grade: true,
    },
    { name: "Fleiss' κ", value: o.fleiss.value, sub: o.fleiss.reason ?? `${plural(o.fleiss.counts.annotators, 'annotator')}, same on every article`, title: `Rests on ${countsText(o.fleiss.counts, 'unit')}.`, grade: false },
    {
      name: 'Unitizing αU',
      value: unit,
      sub: o.unitizing.value !== null ? 'boundaries on code points' : 'uα (2016): annotators differ',
      title: `Rests on ${countsText(o.unitizing.value !== null ? o.unitizing.counts : o.unitizing2016.counts, 'code point')}.`,
      grade: true,
    },
    { name: 'Span F1, overlap', value: f1, sub: `mean of ${plural(o.spanF1.length, 'pair')}`, title: o.spanF1.map((p) => `${p.a} × ${p.b}: ${fmt(p.overlap.f1)}`).join('\n'), grade: false },
  ];
  return (
    <>
      <p className="rests-on">
        Over {countsText(report.counts, 'token')}
        {report.ignoredSpans > 0 && ` (${plural(report.ignoredSpans, 'span')} left out: unknown label or empty)`}.
      </p>
      <ul className="headline" aria-label="Overall agreement">
        {cards.map((c) => (
          <li key={c.name} className="card">
            <span className="k-name">{c.name}</span>
            {href ? (
              <Link href={href} className={`k-value ${c.grade ? `q-${quality(c.value)}` : ''}`} title={`${c.title}\nClick for the spans behind it, worst article first.`}>
                {fmt(c.value)}
              </Link>
            ) : (
              <span className="k-value" title={c.title}>
                {fmt(c.value)}
              </span>
            )}
            <span className="k-sub">{c.sub}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The label the pairwise figures are shown for (null: all labels), its figure and name. */
function pairFigure(report: AgreementReport, labels: Label[], chosen: string | null) {
  const label = chosen !== null && report.labels.includes(chosen) ? chosen : null;
  const figure = label === null ? report.overall : report.byLabel.find((f) => f.label === label)!;
  const subject = label === null ? 'all labels' : (labels.find((l) => l.key === label)?.name ?? label);
  return { label, figure, subject };
}

function HeatmapSection({
  report,
  labels,
  chosen,
  onChoose,
  nameOf,
  onOpen,
}: {
  report: AgreementReport;
  labels: Label[];
  chosen: string | null;
  onChoose: (label: string | null) => void;
  nameOf: (u: string) => string;
  onOpen: (label: string | null, a: string, b: string) => void;
}) {
  const { label, figure, subject } = pairFigure(report, labels, chosen);
  const options: Array<{ key: string | null; name: string }> = [
    { key: null, name: 'All labels' },
    ...report.labels.map((k) => ({ key: k, name: labels.find((l) => l.key === k)?.name ?? k })),
  ];
  return (
    <section className="block" aria-labelledby="pairs">
      <h2 id="pairs">Pairwise agreement</h2>
      <div className="seg-buttons" role="group" aria-label="Heatmap label">
        {options.map((o) => (
          <button key={o.key ?? '*'} type="button" aria-pressed={o.key === label} className={o.key === label ? 'on' : ''} onClick={() => onChoose(o.key)}>
            {o.name}
          </button>
        ))}
      </div>
      <div className="card heat-card">
        <Suspense fallback={<Loading what="the heatmap" />}>
          <Heatmap figure={figure} annotators={report.annotators} nameOf={nameOf} subject={subject} onOpen={(a, b) => onOpen(label, a, b)} />
        </Suspense>
        <p className="muted small">
          Cohen's κ over the tokens of the articles both annotated{label === null ? ' (token × label units)' : ''}. Hover a cell for what it
          rests on; click it for that pair's spans.
        </p>
      </div>
    </section>
  );
}

function PairsTable({ report, labels, chosen, nameOf, hrefFor }: { report: AgreementReport; labels: Label[]; chosen: string | null; nameOf: (u: string) => string; hrefFor: (label: string | null, pair: [string, string]) => string | null }) {
  const { label, figure, subject } = pairFigure(report, labels, chosen);
  return (
    <section className="block" aria-labelledby="pairs-table">
      <h2 id="pairs-table">Annotator pairs, {subject}</h2>
      <table className="figures" aria-label={`Annotator pairs, ${subject}`}>
        <thead>
          <tr>
            <th scope="col">Pair</th>
            <th scope="col" className="num">Cohen κ</th>
            <th scope="col" className="num">
              <abbr title="Span F1 with exact boundaries; precision of the first against the second">F1 exact</abbr>
            </th>
            <th scope="col" className="num">
              <abbr title="Span F1 with overlap credit (SemEval-2020 Task 11)">F1 overlap</abbr>
            </th>
            <th scope="col" className="num count">Articles</th>
            <th scope="col" className="num count">Spans</th>
          </tr>
        </thead>
        <tbody>
          {figure.cohen.pairs.map((p) => {
            const f1 = figure.spanF1.find((s) => s.a === p.a && s.b === p.b);
            const href = hrefFor(label, [p.a, p.b]);
            const rests = `Rests on ${countsText(p.counts, 'unit')}.${p.reason ? ` Undefined: ${p.reason}.` : ''} Click for the pair's spans, worst article first.`;
            return (
              <tr key={`${p.a}|${p.b}`}>
                <th scope="row">
                  {nameOf(p.a)} × {nameOf(p.b)}
                </th>
                <td className="num">
                  <NumLink href={href} value={p.value} title={`Cohen's κ: ${fmt(p.value)}. ${rests}`} />
                </td>
                <td className="num">
                  <NumLink href={href} value={f1?.exact.f1 ?? null} title={`Exact span F1 ${fmt(f1?.exact.f1)} (P ${fmt(f1?.exact.precision)}, R ${fmt(f1?.exact.recall)}). ${rests}`} />
                </td>
                <td className="num">
                  <NumLink href={href} value={f1?.overlap.f1 ?? null} title={`Overlap span F1 ${fmt(f1?.overlap.f1)} (P ${fmt(f1?.overlap.precision)}, R ${fmt(f1?.overlap.recall)}). ${rests}`} />
                </td>
                <td className="num count">{int(p.counts.articles)}</td>
                <td className="num count">{int(f1?.counts.spans ?? p.counts.spans)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The empty state: nothing submitted (or nothing at all) to measure yet. */
function NoWork({ articles, drafts, onDrafts }: { articles: ArticleSummary[]; drafts: boolean; onDrafts: () => void }) {
  const progress = articles.flatMap((a) => a.progress);
  const open = progress.filter((p) => p.status !== 'submitted').length;
  return (
    <div className="empty no-work" role="status">
      <p>
        <strong>{drafts ? 'No work to measure yet.' : 'No submitted work yet.'}</strong>
      </p>
      <p>
        {progress.length === 0
          ? 'No articles of this project are assigned to annotators. Assign them on the project page; agreement appears here once they submit.'
          : drafts
            ? 'None of the assigned articles has work that can be compared.'
            : `Agreement is computed over submitted articles. ${plural(open, 'assignment')} ${open === 1 ? 'is' : 'are'} still open.`}
      </p>
      {!drafts && progress.length > 0 && (
        <button type="button" onClick={onDrafts}>
          Include drafts
        </button>
      )}
    </div>
  );
}
