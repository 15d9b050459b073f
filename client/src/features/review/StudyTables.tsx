import type { AgreementReport, AttributeAgreement, AttributeAlpha, Label, LinkFigure } from '@mbw/shared';
import { countsText, fmt, int, plural } from './format';
import { NumLink } from './tables';

/** Where the spans behind a figure are: an article (worst first) with the label in focus, or null. */
export type ArticleHref = (articleId: string | undefined, label: string | null) => string | null;

const MODE_TEXT = { exact: 'same label and boundaries', overlap: 'same label, overlapping boundaries' } as const;

function alphaTitle(f: AttributeAlpha, what: string, mode: 'exact' | 'overlap') {
  const values = f.values.map((v) => `${v.value} ${v.count}`).join(', ');
  return [
    `Krippendorff's α (nominal) of ${what}, spans matched by ${MODE_TEXT[mode]}: ${fmt(f.value)}.`,
    `Rests on ${countsText(f.counts, 'matched unit')} (values).`,
    f.reason ? `Undefined: ${f.reason}.` : '',
    values ? `Values: ${values}.` : '',
    f.missing ? `${plural(f.missing, 'matched span')} without a value (missing data).` : '',
    f.byArticle[0] ? `Click for the article with the most differing units (${f.byArticle[0].differing} of ${f.byArticle[0].units}).` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Alpha per attribute of each label, exact and overlap matching, each number leading to the spans behind it. */
export function AttributeTable({ report, labels, hrefFor }: { report: AgreementReport; labels: Label[]; hrefFor: ArticleHref }) {
  if (!report.attributes.length) return <p className="empty">No label of the chosen ones has attributes.</p>;
  const row = (a: AttributeAgreement) => {
    const l = labels.find((x) => x.key === a.label);
    const attr = l?.attributes.find((x) => x.key === a.attribute);
    return { l, labelName: l?.name ?? a.label, attrName: attr?.name ?? a.attribute };
  };
  return (
    <div className="table-scroll">
      <table className="figures" aria-label="Attribute agreement">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Attribute</th>
            <th scope="col" className="num">
              <abbr title="Krippendorff's alpha, nominal, over spans with the same label and boundaries">α exact</abbr>
            </th>
            <th scope="col" className="num count">
              <abbr title="Matched units with values from at least two annotators">Units</abbr>
            </th>
            <th scope="col" className="num">
              <abbr title="Krippendorff's alpha, nominal, over spans of the same label that overlap (greedy matching, one span per annotator)">α overlap</abbr>
            </th>
            <th scope="col" className="num count">
              <abbr title="Matched units with values from at least two annotators">Units</abbr>
            </th>
            <th scope="col">Values (overlap)</th>
          </tr>
        </thead>
        <tbody>
          {report.attributes.map((a) => {
            const { l, labelName, attrName } = row(a);
            const what = `${labelName} · ${attrName}`;
            const cell = (mode: 'exact' | 'overlap') => {
              const f = a[mode];
              const href = hrefFor(f.byArticle[0]?.id, a.label);
              return [
                <td className="num" key={mode}>
                  <NumLink href={href} value={f.value} grade title={alphaTitle(f, what, mode)} />
                </td>,
                <td className="num count" key={`${mode}-units`}>
                  <NumLink href={href} value={null} title={`${plural(f.counts.units, 'matched unit')} with values from two or more annotators, of ${int(f.matched)} matched. ${countsText(f.counts, 'unit')}.`}>
                    {int(f.counts.units)}
                  </NumLink>
                </td>,
              ];
            };
            const def = l?.attributes.find((x) => x.key === a.attribute);
            const name = (v: string) => def?.values.find((x) => x.value === v)?.name ?? v;
            return (
              <tr key={`${a.label}.${a.attribute}`}>
                <th scope="row">
                  <span className="label-name">
                    <span className="swatch" style={{ background: l?.color ?? '#888888' }} aria-hidden="true" />
                    {labelName}
                  </span>
                </th>
                <td title={`${a.label}.${a.attribute}`}>{attrName}</td>
                {cell('exact')}
                {cell('overlap')}
                <td className="muted small">{a.overlap.values.map((v) => `${name(v.value)} ${int(v.count)}`).join(' · ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Link F1 pooled over annotator pairs, exact and overlap matching, with its counts. */
export function LinkTable({ report, hrefFor, nameOf }: { report: AgreementReport; hrefFor: ArticleHref; nameOf: (u: string) => string }) {
  const rows: Array<['exact' | 'overlap', LinkFigure]> = [
    ['exact', report.links.exact],
    ['overlap', report.links.overlap],
  ];
  return (
    <div className="table-scroll">
      <table className="figures" aria-label="Link agreement">
        <thead>
          <tr>
            <th scope="col">Matching</th>
            <th scope="col" className="num">Link F1</th>
            <th scope="col" className="num">Precision</th>
            <th scope="col" className="num">Recall</th>
            <th scope="col" className="num count">
              <abbr title="Links drawn by both annotators of a pair (true positives), summed over pairs">Agreed</abbr>
            </th>
            <th scope="col" className="num count">
              <abbr title="Links only the first (fp) or only the second (fn) annotator of a pair drew, summed over pairs">Only one</abbr>
            </th>
            <th scope="col" className="num count">Links</th>
            <th scope="col" className="num count">Articles</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([mode, f]) => {
            const href = hrefFor(f.byArticle[0]?.id, null);
            const pairs = f.pairs.map((p) => `${nameOf(p.a)} × ${nameOf(p.b)}: ${fmt(p.f1)} (${p.tp} agreed, ${p.fp} + ${p.fn} only one)`).join('; ');
            const title = `Link F1, endpoints matched by ${MODE_TEXT[mode]}, pooled over pairs: ${fmt(f.pooled.f1)}. Rests on ${countsText(f.counts, 'link')}.${f.reason ? ` Undefined: ${f.reason}.` : ''} ${pairs}. Click for the article with the most differing links.`;
            return (
              <tr key={mode}>
                <th scope="row">{mode === 'exact' ? 'Exact boundaries' : 'Overlapping'}</th>
                <td className="num">
                  <NumLink href={href} value={f.pooled.f1} title={title} />
                </td>
                <td className="num">{fmt(f.pooled.precision)}</td>
                <td className="num">{fmt(f.pooled.recall)}</td>
                <td className="num count">{int(f.pooled.tp)}</td>
                <td className="num count">{int(f.pooled.fp + f.pooled.fn)}</td>
                <td className="num count">{int(f.counts.units)}</td>
                <td className="num count">{int(f.counts.articles)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The two sections of the study variables: attribute alpha and link F1. */
export function StudySections({ report, labels, hrefFor, nameOf }: { report: AgreementReport; labels: Label[]; hrefFor: ArticleHref; nameOf: (u: string) => string }) {
  return (
    <>
      <section className="block" aria-labelledby="by-attribute">
        <h2 id="by-attribute">Attribute agreement</h2>
        <p className="muted small">
          Krippendorff's α (nominal) of each attribute over spans matched across annotators: with the same label and boundaries (exact), or
          overlapping (one span per annotator, best overlap first). A span without a value is missing data. Click a number for the article where
          the attribute differs most.
        </p>
        <AttributeTable report={report} labels={labels} hrefFor={hrefFor} />
      </section>
      <section className="block" aria-labelledby="by-link">
        <h2 id="by-link">Link agreement</h2>
        <p className="muted small">
          F1 of the links between matched spans: a link agrees when both its ends are matched and its type is the same; counts summed over
          annotator pairs{report.links.types.length ? ` (types: ${report.links.types.join(', ')})` : ''}.
        </p>
        <LinkTable report={report} hrefFor={hrefFor} nameOf={nameOf} />
      </section>
    </>
  );
}

/** Why the tables' counts differ from the headline's, where they do by design. */
export function CountNotes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <details className="count-notes">
      <summary>Why the counts in the tables differ from these</summary>
      <ul aria-label="Why the counts differ">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </details>
  );
}
