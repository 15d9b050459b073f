import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { AgreementReport, ArticleSummary, Label, LabelAgreement } from '@mbw/shared';
import { countsText, fmt, int, mean, quality } from './format';

/** A number that leads to the spans behind it. */
export function NumLink({ href, value, title, grade, children }: { href: string | null; value: number | null; title: string; grade?: boolean; children?: ReactNode }) {
  const text = children ?? fmt(value);
  const cls = grade ? `num-link q-${quality(value)}` : 'num-link';
  if (!href) return <span className={cls} title={title}>{text}</span>;
  return (
    <Link href={href} className={cls} title={title}>
      {text}
    </Link>
  );
}

const ciText = (f: LabelAgreement) =>
  f.alpha.ci.low === null || f.alpha.ci.high === null ? '—' : `${fmt(f.alpha.ci.low)} – ${fmt(f.alpha.ci.high)}`;

/** The row figures of one label (or all labels) as the table shows them. */
export function rowFigures(f: LabelAgreement) {
  const cohen = mean(f.cohen.pairs.map((p) => p.value));
  const u = f.unitizing.value !== null ? { value: f.unitizing.value, kind: '2004' as const } : { value: f.unitizing2016.value, kind: '2016' as const };
  return {
    alpha: f.alpha.value,
    ci: ciText(f),
    fleiss: f.fleiss.value,
    cohen,
    unitizing: u,
    f1Exact: mean(f.spanF1.map((p) => p.exact.f1)),
    f1Overlap: mean(f.spanF1.map((p) => p.overlap.f1)),
  };
}

interface LabelTableProps {
  report: AgreementReport;
  labels: Label[];
  /** Where the spans behind a label's (or all labels') figures are. */
  hrefFor: (label: string | null) => string | null;
  nameOf: (username: string) => string;
}

/** Agreement by label: one row a label and one for all labels together, every number a link. */
export function LabelTable({ report, labels, hrefFor, nameOf }: LabelTableProps) {
  const rows: Array<{ f: LabelAgreement; name: string; color: string | null }> = [
    ...report.byLabel.map((f) => {
      const l = labels.find((x) => x.key === f.label);
      return { f, name: l?.name ?? f.label!, color: l?.color ?? '#888888' };
    }),
    { f: report.overall, name: 'All labels', color: null },
  ];
  const boot = report.settings.bootstrap;
  const used2016 = rows.some((r) => rowFigures(r.f).unitizing.kind === '2016' && r.f.unitizing2016.value !== null);
  return (
    <>
      <div className="table-scroll">
        <table className="figures" aria-label="Agreement by label">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col" className="num">
                <abbr title="Krippendorff's alpha, nominal, a token (× label) as the unit">Token α</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title={`95% bootstrap interval of α, resampling articles (${int(boot.iterations)} resamples, seed ${boot.seed})`}>95% CI</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Fleiss' kappa over all annotators (needs the same annotators on every article)">Fleiss κ</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Cohen's kappa, mean over annotator pairs (see the heatmap)">Cohen κ̄</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Krippendorff's unitizing alpha on code points: partial overlaps count partially">Unitizing αU</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Span F1 with exact boundaries, mean over annotator pairs">F1 exact</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="Span F1 with overlap credit (SemEval-2020 Task 11), mean over annotator pairs">F1 overlap</abbr>
              </th>
              <th scope="col" className="num count">Articles</th>
              <th scope="col" className="num count">Annotators</th>
              <th scope="col" className="num count">
                <abbr title="Pairable units of token α: tokens, or token × label pairs for all labels">Units</abbr>
              </th>
              <th scope="col" className="num count">Spans</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ f, name, color }) => {
              const r = rowFigures(f);
              const href = hrefFor(f.label);
              const what = f.label ? name : 'all labels';
              const rests = (c = f.alpha.counts, unit = f.label ? 'token' : 'token × label unit') => `Rests on ${countsText(c, unit)}.`;
              const why = (reason?: string) => (reason ? ` Undefined: ${reason}.` : '');
              const open = ' Click for the spans behind it, worst article first.';
              return (
                <tr key={f.label ?? '*'} className={f.label ? '' : 'total'}>
                  <th scope="row">
                    <span className="label-name">
                      {color && <span className="swatch" style={{ background: color }} aria-hidden="true" />}
                      {name}
                    </span>
                  </th>
                  <td className="num">
                    <NumLink href={href} value={r.alpha} grade title={`Krippendorff's α for ${what}: ${fmt(r.alpha)}. ${rests()}${why(f.alpha.reason)}${open}`} />
                  </td>
                  <td className="num ci">
                    <NumLink href={href} value={null} title={`95% interval of α: ${r.ci} (${f.alpha.ci.valid} of ${f.alpha.ci.iterations} resamples defined).${open}`}>
                      {r.ci}
                    </NumLink>
                  </td>
                  <td className="num">
                    <NumLink href={href} value={r.fleiss} title={`Fleiss' κ for ${what}: ${fmt(r.fleiss)}. ${rests(f.fleiss.counts)}${why(f.fleiss.reason)}${open}`} />
                  </td>
                  <td className="num">
                    <NumLink
                      href={href}
                      value={r.cohen}
                      title={`Cohen's κ for ${what}, mean of ${f.cohen.pairs.length} pairs: ${fmt(r.cohen)}. ${f.cohen.pairs.map((p) => `${nameOf(p.a)} × ${nameOf(p.b)}: ${fmt(p.value)}`).join('; ')}.${open}`}
                    />
                  </td>
                  <td className="num">
                    <NumLink
                      href={href}
                      value={r.unitizing.value}
                      title={
                        r.unitizing.kind === '2004'
                          ? `Unitizing αU (Krippendorff 2004) for ${what}: ${fmt(r.unitizing.value)}. ${rests(f.unitizing.counts, 'code point')}${open}`
                          : `Unitizing uα (Krippendorff et al. 2016) for ${what}: ${fmt(r.unitizing.value)}; αU (2004) is undefined: ${f.unitizing.reason}. ${rests(f.unitizing2016.counts, 'code point')}${why(f.unitizing2016.reason)}${open}`
                      }
                    >
                      {fmt(r.unitizing.value)}
                      {r.unitizing.kind === '2016' && r.unitizing.value !== null && <sup aria-hidden="true">*</sup>}
                    </NumLink>
                  </td>
                  <td className="num">
                    <NumLink
                      href={href}
                      value={r.f1Exact}
                      title={`Span F1, exact boundaries, for ${what}, mean of ${f.spanF1.length} pairs: ${fmt(r.f1Exact)}. ${f.spanF1.map((p) => `${nameOf(p.a)} × ${nameOf(p.b)}: ${fmt(p.exact.f1)} (${p.counts.spans} spans)`).join('; ')}.${open}`}
                    />
                  </td>
                  <td className="num">
                    <NumLink
                      href={href}
                      value={r.f1Overlap}
                      title={`Span F1, overlap credit, for ${what}, mean of ${f.spanF1.length} pairs: ${fmt(r.f1Overlap)}. ${f.spanF1.map((p) => `${nameOf(p.a)} × ${nameOf(p.b)}: ${fmt(p.overlap.f1)}`).join('; ')}.${open}`}
                    />
                  </td>
                  <td className="num count">
                    <NumLink href={href} value={null} title={`Articles token α rests on.${open}`}>
                      {int(f.alpha.counts.articles)}
                    </NumLink>
                  </td>
                  <td className="num count">
                    <NumLink href={href} value={null} title={`Annotators token α rests on.${open}`}>
                      {int(f.alpha.counts.annotators)}
                    </NumLink>
                  </td>
                  <td className="num count">
                    <NumLink href={href} value={null} title={`Pairable units of token α (${f.label ? 'tokens' : 'token × label pairs'}).${open}`}>
                      {int(f.alpha.counts.units)}
                    </NumLink>
                  </td>
                  <td className="num count">
                    <NumLink href={href} value={null} title={`Spans of ${what} by those annotators on those articles.${open}`}>
                      {int(f.alpha.counts.spans)}
                    </NumLink>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="footnote">
        Krippendorff's reading of α: <span className="q-good">≥ 0.800 reliable</span>, <span className="q-tentative">0.667–0.800 tentative</span>,{' '}
        <span className="q-low">below 0.667 low</span>. Hover a number for what it rests on; click it for the spans behind it.
        {used2016 && ' * uα of Krippendorff et al. (2016): the annotators differ between articles, so αU (2004) is undefined.'}
      </p>
    </>
  );
}

const STATUS = ['assigned', 'in_progress', 'submitted'] as const;

/** Each annotator's assignments by status, from the project's article list. */
export function progressByAnnotator(articles: ArticleSummary[]) {
  const rows = new Map<string, { username: string; displayName: string; assigned: number; in_progress: number; submitted: number; spans: number }>();
  for (const a of articles)
    for (const p of a.progress) {
      const r = rows.get(p.username) ?? { username: p.username, displayName: p.displayName, assigned: 0, in_progress: 0, submitted: 0, spans: 0 };
      r[p.status]++;
      r.spans += p.spans;
      rows.set(p.username, r);
    }
  return [...rows.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function ProgressTable({ articles }: { articles: ArticleSummary[] }) {
  const rows = progressByAnnotator(articles);
  if (!rows.length) return <p className="empty">No articles are assigned yet. Assign them on the project page.</p>;
  return (
    <table className="figures progress-table" aria-label="Annotator progress">
      <thead>
        <tr>
          <th scope="col">Annotator</th>
          <th scope="col" className="num">Assigned</th>
          <th scope="col" className="num">Not started</th>
          <th scope="col" className="num">In progress</th>
          <th scope="col" className="num">Submitted</th>
          <th scope="col" className="num">Spans</th>
          <th scope="col">
            <span className="visually-hidden">Share submitted</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const total = r.assigned + r.in_progress + r.submitted;
          return (
            <tr key={r.username}>
              <th scope="row" title={r.username}>
                {r.displayName}
              </th>
              <td className="num">{int(total)}</td>
              <td className="num">{int(r.assigned)}</td>
              <td className="num">{int(r.in_progress)}</td>
              <td className="num">{int(r.submitted)}</td>
              <td className="num">{int(r.spans)}</td>
              <td>
                <div
                  className="stack-bar"
                  role="img"
                  aria-label={`${r.submitted} of ${total} submitted, ${r.in_progress} in progress, ${r.assigned} not started`}
                  title={`${r.submitted} submitted · ${r.in_progress} in progress · ${r.assigned} not started`}
                >
                  {STATUS.slice()
                    .reverse()
                    .map((s) => (r[s] ? <span key={s} className={`bar-${s}`} style={{ flexGrow: r[s] }} /> : null))}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface ArticleTableProps {
  report: AgreementReport;
  labels: Label[];
  hrefFor: (articleId: string) => string;
}

/** The per-article figures, worst first; a row opens the article side by side. */
export function ArticleTable({ report, labels, hrefFor }: ArticleTableProps) {
  const [, navigate] = useLocation();
  const shown = report.labels.map((k) => labels.find((l) => l.key === k) ?? { key: k, name: k, color: '#888888' });
  return (
    <div className="table-scroll">
      <table className="figures articles-by-agreement" aria-label="Articles, worst first">
        <thead>
          <tr>
            <th scope="col" className="num">#</th>
            <th scope="col">Article</th>
            <th scope="col" className="num">
              <abbr title="Token α over all labels">α</abbr>
            </th>
            {shown.map((l) => (
              <th scope="col" className="num" key={l.key}>
                <abbr title={`Token α, ${l.name}`}>
                  <span className="swatch" style={{ background: l.color }} aria-hidden="true" /> {l.name}
                </abbr>
              </th>
            ))}
            <th scope="col" className="num">
              <abbr title="Unitizing αU over all labels">αU</abbr>
            </th>
            <th scope="col" className="num">
              <abbr title="Mean over annotator pairs of the overlap-credit span F1">F1 overlap</abbr>
            </th>
            <th scope="col" className="num">Annotators</th>
            <th scope="col" className="num">Spans</th>
          </tr>
        </thead>
        <tbody>
          {report.articles.map((a, i) => {
            const href = hrefFor(a.id);
            const title = a.title ?? `Article ${a.id}`;
            return (
              <tr key={a.id} className="clickable" onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(href)}>
                <td className="num muted">{i + 1}</td>
                <td className="title-cell">
                  <Link href={href} title={`${title}: open side by side`}>
                    {title}
                  </Link>
                </td>
                <td className="num">
                  <NumLink href={href} value={a.alpha} grade title={`Token α over all labels: ${fmt(a.alpha)} (${a.tokens} tokens × ${report.labels.length} labels)`} />
                </td>
                {shown.map((l) => (
                  <td className="num" key={l.key}>
                    <NumLink href={href} value={a.alphaByLabel[l.key] ?? null} grade title={`Token α, ${l.name}: ${fmt(a.alphaByLabel[l.key])}`} />
                  </td>
                ))}
                <td className="num">
                  <NumLink href={href} value={a.unitizing} title={`Unitizing αU over all labels: ${fmt(a.unitizing)} (${a.codePoints} code points)`} />
                </td>
                <td className="num">
                  <NumLink href={href} value={a.meanPairF1} title={`Mean pairwise span F1, overlap credit: ${fmt(a.meanPairF1)}`} />
                </td>
                <td className="num" title={a.annotators.join(', ')}>
                  {a.annotators.length}
                </td>
                <td className="num">{int(a.spans)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
