import { useMemo, useState, type CSSProperties } from 'react';
import { Link } from 'wouter';
import { OffsetMap, type Annotation, type Label, type Relation } from '@mbw/shared';
import { useArticle, useArticles, useLabels, useProject } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { buildParagraphs, type Paragraph } from '../annotate/layout';
import { useNames } from './AgreementPage';
import { AttributeDiffs } from './AttributeDiffs';
import { compareLanes, differsText, segments, type SpanAgreement, type SpanComparison } from './compare';
import { clip, fmt, int, plural, quality } from './format';
import { useAgreement, useArticleSpans } from './hooks';
import { articlesBehind, compareHref, useReviewParams } from './params';

const STATUS_TEXT: Record<SpanAgreement, string> = {
  agreed: 'matched exactly by every other lane',
  attributes: 'same boundaries in every lane, attributes differ',
  boundary: 'every lane marked it, with other boundaries',
  missing: 'not marked in every lane',
};

const attributeText = (label: Label | undefined, attrs: Record<string, string>) =>
  Object.entries(attrs)
    .map(([k, v]) => {
      const def = label?.attributes.find((a) => a.key === k);
      return `${def?.name ?? k}: ${def?.values.find((x) => x.value === v)?.name ?? v}`;
    })
    .join(', ');

/**
 * The side-by-side view of one article: one lane per annotator, their spans
 * aligned on the text, differences marked. Reached from any number of the
 * agreement dashboard, with its filters (and the label or pair it came from).
 */
export function ComparePage({ projectId, articleId }: { projectId: number; articleId: number }) {
  const { filters, focus, pair, searchWith, update } = useReviewParams();
  const project = useProject(projectId);
  const labels = useLabels(projectId);
  const progress = useArticles(projectId);
  const article = useArticle(articleId);
  const spans = useArticleSpans(articleId);
  const report = useAgreement(projectId, filters);
  const nameOf = useNames(progress.data);
  const [onlyDiffs, setOnlyDiffs] = useState(false);

  const text = article.data?.text ?? '';
  const map = useMemo(() => new OffsetMap(text), [text]);
  const paragraphs = useMemo(() => buildParagraphs(text, map), [text, map]);

  const r = report.data;
  const entry = r?.articles.find((a) => a.id === String(articleId));
  const shownLabels = useMemo(() => {
    const all = labels.data ?? [];
    const keep = focus ? [focus] : (filters.labels ?? all.map((l) => l.key));
    return all.filter((l) => keep.includes(l.key));
  }, [labels.data, focus, filters.labels]);

  // Lanes: the annotators the report counts on this article (or, when it counts none, everyone with spans).
  const lanes = useMemo(() => {
    let who = entry?.annotators ?? [...new Set((spans.data?.annotations ?? []).map((s) => s.annotator))].sort();
    if (!entry && filters.annotators) who = who.filter((u) => filters.annotators!.includes(u));
    if (pair) who = who.filter((u) => pair.includes(u));
    return who;
  }, [entry, spans.data, filters.annotators, pair]);

  const shown = useMemo(() => {
    const keys = new Set(shownLabels.map((l) => l.key));
    return (spans.data?.annotations ?? []).filter((s) => lanes.includes(s.annotator) && keys.has(s.label));
  }, [spans.data, lanes, shownLabels]);
  const comparison = useMemo(() => compareLanes(shown, lanes), [shown, lanes]);

  if (article.isError) return <ErrorMessage error={article.error} />;
  if (article.isPending || labels.isPending || spans.isPending || report.isPending) return <Loading what="the side-by-side view" />;
  if (labels.isError) return <ErrorMessage error={labels.error} />;
  if (spans.isError) return <ErrorMessage error={spans.error} />;
  if (report.isError) return <ErrorMessage error={report.error} />;

  const a = article.data;
  const labelOf = new Map((labels.data ?? []).map((l) => [l.key, l]));
  const order = r ? articlesBehind(r, focus, pair) : [];
  const at = order.findIndex((x) => x.id === String(articleId));
  const prev = at > 0 ? order[at - 1] : undefined;
  const next = at >= 0 && at + 1 < order.length ? order[at + 1] : undefined;
  const keep = { focus, pair: pair?.join(',') };
  const focusLabel = focus ? labelOf.get(focus) : undefined;
  const counts = (who: string) => {
    const mine = shown.filter((s) => s.annotator === who);
    const by = (st: SpanAgreement) => mine.filter((s) => comparison.get(s.id)?.status === st).length;
    return { total: mine.length, agreed: by('agreed'), attributes: by('attributes'), boundary: by('boundary'), missing: by('missing') };
  };
  const figure = focus ? (entry?.alphaByLabel[focus] ?? null) : (entry?.alpha ?? null);

  return (
    <section className="page review compare" aria-labelledby="compare-title">
      <p className="crumbs">
        <Link href="/">Projects</Link> / <Link href={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link> /{' '}
        <Link href={`/projects/${projectId}/agreement${searchWith()}`}>Agreement</Link> /
      </p>
      <div className="review-head">
        <div>
          <h1 id="compare-title">{a.title}</h1>
          <p className="muted lede">
            Side by side: {plural(lanes.length, 'annotator')}, {plural(shown.length, 'span')}
            {focusLabel ? ` of ${focusLabel.name}` : ''}
            {entry ? '' : ' — this article has no counted work under the current filters'}.
          </p>
        </div>
        {order.length > 1 && at >= 0 && (
          <nav className="pager" aria-label="Articles, worst first">
            {prev ? (
              <Link href={compareHref(projectId, prev.id, searchWith(keep))} rel="prev">
                ← Worse
              </Link>
            ) : (
              <span className="muted">← Worse</span>
            )}
            <span>
              {at + 1} of {order.length}, worst first
            </span>
            {next ? (
              <Link href={compareHref(projectId, next.id, searchWith(keep))} rel="next">
                Better →
              </Link>
            ) : (
              <span className="muted">Better →</span>
            )}
          </nav>
        )}
      </div>

      {entry && (
        <ul className="article-figures" aria-label="This article's agreement">
          <li>
            <span>Token α{focusLabel ? `, ${focusLabel.name}` : ''}</span>
            <strong className={`q-${quality(figure)}`}>{fmt(figure)}</strong>
          </li>
          <li>
            <span>Unitizing αU</span>
            <strong>{fmt(focus ? (entry.unitizingByLabel[focus] ?? null) : entry.unitizing)}</strong>
          </li>
          <li>
            <span>Span F1 overlap, mean of pairs</span>
            <strong>{fmt(entry.meanPairF1)}</strong>
          </li>
          <li>
            <span>Tokens</span>
            <strong>{int(entry.tokens)}</strong>
          </li>
        </ul>
      )}

      <div className="compare-tools">
        {(focusLabel || pair) && (
          <p className="focus">
            {focusLabel && (
              <span className="chip">
                Only {focusLabel.name}
                <button type="button" className="small" onClick={() => update({ focus: null })} aria-label="Show all labels">
                  ×
                </button>
              </span>
            )}
            {pair && (
              <span className="chip">
                Only {nameOf(pair[0])} and {nameOf(pair[1])}
                <button type="button" className="small" onClick={() => update({ pair: null })} aria-label="Show all annotators">
                  ×
                </button>
              </span>
            )}
          </p>
        )}
        <Legend labels={shownLabels} />
        <label className="check">
          <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} />
          Only paragraphs that differ
        </label>
      </div>

      {lanes.length === 0 ? (
        <p className="empty">No annotator has work on this article under the current filters.</p>
      ) : (
        <>
          <section className="block" aria-labelledby="lanes-title">
            <h2 id="lanes-title">Lanes</h2>
            <div className="lanes">
              {lanes.map((who) => {
                const c = counts(who);
                return (
                  <section key={who} className="lane" aria-label={nameOf(who)}>
                    <div className="lane-head">
                      <strong>{nameOf(who)}</strong>
                      <span className="lane-stats">
                        {plural(c.total, 'span')}
                        <span title="Same boundaries in every other lane"> · {c.agreed} same</span>
                        {c.attributes > 0 && <span title="Same boundaries in every other lane, some attribute differs"> · {c.attributes} attributes differ</span>}
                        {c.boundary > 0 && <span title="Every other lane marked it, some with other boundaries"> · {c.boundary} other boundaries</span>}
                        {c.missing > 0 && <span title="Some other lane did not mark it"> · {c.missing} missing elsewhere</span>}
                      </span>
                    </div>
                    <Track
                      length={map.codePointLength}
                      paragraphs={paragraphs}
                      spans={shown.filter((s) => s.annotator === who)}
                      labels={shownLabels}
                      comparison={comparison}
                    />
                  </section>
                );
              })}
            </div>
          </section>

          <section className="block" aria-labelledby="text-title">
            <h2 id="text-title">Text, lane by lane</h2>
            <ParagraphRows
              paragraphs={paragraphs}
              map={map}
              lanes={lanes}
              spans={shown}
              relations={spans.data?.relations ?? []}
              all={spans.data?.annotations ?? []}
              labelOf={labelOf}
              comparison={comparison}
              nameOf={nameOf}
              onlyDiffs={onlyDiffs}
            />
          </section>
        </>
      )}
    </section>
  );
}

function Legend({ labels }: { labels: Label[] }) {
  return (
    <ul className="legend compare-legend" aria-label="Legend">
      {labels.map((l) => (
        <li key={l.key}>
          <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
          {l.name}
        </li>
      ))}
      <li className="sep" aria-hidden="true" />
      {(['agreed', 'attributes', 'boundary', 'missing'] as const).map((st) => (
        <li key={st}>
          <span className={`mark-sample seg ${st}`} style={{ '--c': '#4b5563' } as CSSProperties} aria-hidden="true">
            Abc
          </span>
          {st === 'agreed' ? 'Same in every lane' : st === 'attributes' ? 'Attributes differ' : st === 'boundary' ? 'Other boundaries elsewhere' : 'Missing in some lane'}
        </li>
      ))}
    </ul>
  );
}

/** A lane's spans over the whole article as a compact track: one row per label, paragraph ticks behind. */
function Track({
  length,
  paragraphs,
  spans,
  labels,
  comparison,
}: {
  length: number;
  paragraphs: Paragraph[];
  spans: Annotation[];
  labels: Label[];
  comparison: Map<string, SpanComparison>;
}) {
  const pct = (cp: number) => `${(100 * cp) / Math.max(length, 1)}%`;
  const jump = (cp: number) => {
    const i = paragraphs.findIndex((p) => p.cpStart <= cp && cp < p.cpEnd + 1);
    document.getElementById(`para-${Math.max(0, i)}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  return (
    <div className="track" style={{ height: labels.length * 11 + 6 }} aria-hidden="true">
      {paragraphs.slice(1).map((p) => (
        <div key={p.cpStart} className="tick" style={{ left: pct(p.cpStart) }} />
      ))}
      {spans.map((s) => {
        const row = labels.findIndex((l) => l.key === s.label);
        const l = labels[row];
        if (!l) return null;
        const st = comparison.get(s.id)?.status ?? 'agreed';
        return (
          <div
            key={s.id}
            className={`piece ${st}`}
            title={`${l.name}: “${clip(s.quote)}” — ${STATUS_TEXT[st]}`}
            onClick={() => jump(s.start)}
            style={{ left: pct(s.start), width: `max(3px, ${pct(s.end - s.start)})`, top: 3 + row * 11, '--c': l.color } as CSSProperties}
          />
        );
      })}
    </div>
  );
}

interface RowsProps {
  paragraphs: Paragraph[];
  map: OffsetMap;
  lanes: string[];
  spans: Annotation[];
  /** Every span of the article (for naming link targets). */
  all: Annotation[];
  relations: Relation[];
  labelOf: Map<string, Label>;
  comparison: Map<string, SpanComparison>;
  nameOf: (u: string) => string;
  onlyDiffs: boolean;
}

/** Each paragraph once per lane, stacked, so the same words line up and boundaries can be compared. */
function ParagraphRows({ paragraphs, map, lanes, spans, all, relations, labelOf, comparison, nameOf, onlyDiffs }: RowsProps) {
  const byId = new Map(all.map((s) => [s.id, s]));
  let hidden = 0;
  const blocks = paragraphs.map((p, i) => {
    const inside = spans.filter((s) => s.start < p.cpEnd && p.cpStart < s.end);
    const diffs = inside.filter((s) => comparison.get(s.id)?.status !== 'agreed').length;
    if (onlyDiffs && diffs === 0) {
      hidden++;
      return null;
    }
    const u16 = (cp: number) => map.toUtf16(Math.max(p.cpStart, Math.min(p.cpEnd, cp))) - p.u16Start;
    if (inside.length === 0)
      return (
        <div key={p.cpStart} id={`para-${i}`} className="para-block quiet-para" role="group" aria-label={`Paragraph ${i + 1}, no spans`}>
          <div className="para-head">
            <span>¶ {i + 1}</span>
            <span className="muted">no spans</span>
          </div>
          <p className="lane-text">{p.text}</p>
        </div>
      );
    return (
      <div key={p.cpStart} id={`para-${i}`} className="para-block" role="group" aria-label={`Paragraph ${i + 1}`}>
        <div className="para-head">
          <span>¶ {i + 1}</span>
          {diffs === 0 ? <span className="ok-text">same in every lane</span> : <span className="diff-text">{plural(diffs, 'span')} differ</span>}
        </div>
        {lanes.map((who) => {
          const mine = inside.filter((s) => s.annotator === who);
          const pieces = mine.map((s) => ({ id: s.id, from: u16(s.start), to: u16(s.end) }));
          const mineById = new Map(mine.map((s) => [s.id, s]));
          const differ = mine.filter((s) => comparison.get(s.id)?.status !== 'agreed').length;
          return (
            <div key={who} className="lane-row">
              <div className="lane-name" title={who}>
                {nameOf(who)}
                {differ > 0 && (
                  <span className="diff-badge" title={`${plural(differ, 'span')} of ${nameOf(who)} here differ from another lane`}>
                    {differ}≠
                  </span>
                )}
              </div>
              <p className="lane-text">
                {segments(p.text.length, pieces).map((seg) => {
                  const t = p.text.slice(seg.from, seg.to);
                  if (!seg.ids.length) return <span key={seg.from}>{t}</span>;
                  const covering = seg.ids.map((id) => mineById.get(id)!);
                  const first = covering[0]!;
                  const st = comparison.get(first.id)?.status ?? 'agreed';
                  const colors = covering.map((s) => labelOf.get(s.label)?.color ?? '#888888');
                  const style = {
                    '--c': colors[0],
                    boxShadow: colors
                      .slice(1)
                      .map((c, k) => `0 ${3 * (k + 1) + 1}px 0 ${c}`)
                      .join(', '),
                  } as CSSProperties;
                  const title = covering
                    .map((s) => {
                      const l = labelOf.get(s.label);
                      const cmp = comparison.get(s.id);
                      const others = cmp?.others.map(
                        (o) =>
                          `${nameOf(o.annotator)}: ${o.match === 'same' ? (o.differs ? 'same boundaries' : 'same') : o.match === 'other' ? 'other boundaries' : 'not marked'}${o.differs ? `, ${differsText(o.differs, l)}` : ''}`,
                      );
                      const links = relations
                        .filter((rel) => rel.from === s.id)
                        .map((rel) => `→ attributes “${clip(byId.get(rel.to)?.quote ?? '?', 40)}”`);
                      return [
                        `${l?.name ?? s.label}${Object.keys(s.attributes).length ? ` (${attributeText(l, s.attributes)})` : ''}: “${clip(s.quote, 80)}”`,
                        others?.length ? others.join('; ') : '',
                        ...links,
                      ]
                        .filter(Boolean)
                        .join('\n');
                    })
                    .join('\n\n');
                  return (
                    <span key={seg.from} className={`seg ${st}`} style={style} title={title}>
                      {t}
                    </span>
                  );
                })}
              </p>
            </div>
          );
        })}
        <AttributeDiffs spans={inside} lanes={lanes} labelOf={labelOf} comparison={comparison} nameOf={nameOf} paragraph={i + 1} />
      </div>
    );
  });
  return (
    <div className="para-rows">
      {blocks}
      {onlyDiffs && hidden === paragraphs.length && <p className="empty">Every paragraph is the same in every lane.</p>}
    </div>
  );
}
