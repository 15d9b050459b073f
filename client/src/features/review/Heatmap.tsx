import { useEffect, useRef, useState } from 'react';
import type { LabelAgreement } from '@mbw/shared';
import { countsText, fmt } from './format';

interface Cell {
  i: number;
  j: number;
  row: string;
  col: string;
  k: number | null;
  diag: boolean;
  title: string;
}

const cellLabel = (c: Cell) => `${c.row} and ${c.col}: Cohen's kappa ${fmt(c.k)}`;

interface Props {
  figure: LabelAgreement;
  /** Usernames, in the order of the report's matrix. */
  annotators: string[];
  nameOf: (username: string) => string;
  /** What the figure covers, for the accessible name and tooltips ("Attribution", "all labels"). */
  subject: string;
  /** Opens the spans behind a pair's number. */
  onOpen: (a: string, b: string) => void;
}

/**
 * Cohen's kappa between every pair of annotators as a heatmap (Observable
 * Plot), with a colour legend, the value printed in each cell and a tooltip
 * with what it rests on. A cell is a link to the pair's worst article.
 */
export function Heatmap({ figure, annotators, nameOf, subject, onOpen }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    let cancelled = false;
    const names = annotators.map(nameOf);
    const cells: Cell[] = [];
    annotators.forEach((a, i) =>
      annotators.forEach((b, j) => {
        const pair = figure.cohen.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
        const k = i === j ? null : (figure.cohen.matrix[i]?.[j] ?? null);
        const f1 = figure.spanF1.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
        const title =
          i === j
            ? `${names[i]} (the same annotator)`
            : [
                `${names[i]} × ${names[j]}: Cohen's κ ${fmt(k)} (${subject})`,
                pair ? `Rests on ${countsText(pair.counts, 'unit')}` : '',
                pair?.reason ? `Undefined: ${pair.reason}` : '',
                f1 ? `Span F1 exact ${fmt(f1.exact.f1)}, overlap ${fmt(f1.overlap.f1)}` : '',
                'Click to open their worst article side by side',
              ]
                .filter(Boolean)
                .join('\n');
        cells.push({ i, j, row: names[i]!, col: names[j]!, k, diag: i === j, title });
      }),
    );
    import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !box.current) return;
        const n = names.length;
        const size = Math.max(52, Math.min(96, Math.floor(380 / Math.max(n, 1))));
        const longest = Math.max(...names.map((s) => s.length), 4);
        const marginLeft = Math.min(180, 12 + longest * 7.2);
        const rotate = n > 4 ? -35 : 0;
        const marginTop = rotate ? Math.min(120, 20 + longest * 5) : 34;
        const defined = cells.filter((c) => c.k !== null);
        const undefinedCells = cells.filter((c) => c.k === null);
        const chart = Plot.plot({
          width: marginLeft + n * size + 12,
          height: marginTop + n * size + 6,
          marginLeft,
          marginTop,
          marginRight: 12,
          marginBottom: 6,
          style: { fontSize: '13px', fontFamily: 'inherit', color: '#1f2328', background: 'transparent' },
          x: { domain: names, axis: 'top', label: null, tickSize: 0, tickRotate: rotate, tickPadding: 6 },
          y: { domain: names, label: null, tickSize: 0, tickPadding: 8 },
          color: {
            type: 'diverging',
            scheme: 'RdBu',
            domain: [-1, 1],
            pivot: 0,
            legend: true,
            label: "Cohen's κ",
            ticks: [-1, -0.5, 0, 0.5, 1],
            tickFormat: (d: number) => String(d),
          },
          marks: [
            Plot.cell(undefinedCells, {
              x: 'col',
              y: 'row',
              fill: (c: Cell) => (c.diag ? '#eef1f4' : '#f8f9fa'),
              stroke: '#d9dee5',
              inset: 1.5,
              title: 'title',
            }),
            Plot.cell(defined, {
              x: 'col',
              y: 'row',
              fill: 'k',
              inset: 1.5,
              rx: 3,
              title: 'title',
              ariaLabel: cellLabel,
            }),
            Plot.text(cells, {
              x: 'col',
              y: 'row',
              text: (c: Cell) => (c.diag ? '—' : c.k === null ? 'n/a' : fmt(c.k, 2)),
              fill: (c: Cell) => (c.k !== null && Math.abs(c.k) > 0.55 ? '#ffffff' : c.k === null ? '#8a94a3' : '#1f2328'),
              fontSize: 14,
              fontWeight: 600,
              pointerEvents: 'none',
              ariaHidden: 'true',
            }),
          ],
        });
        // Each defined off-diagonal cell opens the pair's spans, by mouse or keyboard.
        const byLabel = new Map(defined.map((c) => [cellLabel(c), c]));
        chart.querySelectorAll('rect[aria-label]').forEach((rect) => {
          const c = byLabel.get(rect.getAttribute('aria-label') ?? '');
          if (!c) return;
          const a = annotators[c.i]!;
          const b = annotators[c.j]!;
          rect.setAttribute('tabindex', '0');
          rect.setAttribute('role', 'link');
          rect.setAttribute('class', 'heat-cell');
          rect.addEventListener('click', () => open.current(a, b));
          rect.addEventListener('keydown', (e) => {
            if (e instanceof KeyboardEvent && (e.key === 'Enter' || e.key === ' ')) {
              e.preventDefault();
              open.current(a, b);
            }
          });
        });
        // Plot adds inline <style> elements, which the CSP (style-src 'self') refuses: styles.css holds their rules.
        chart.querySelectorAll('style').forEach((style) => style.remove());
        box.current.replaceChildren(chart);
        setFailed(null);
      })
      .catch((e: unknown) => !cancelled && setFailed(e instanceof Error ? e.message : 'the chart library did not load'));
    return () => {
      cancelled = true;
    };
  }, [figure, annotators, nameOf, subject]);

  if (annotators.length < 2)
    return <p className="empty">Pairwise agreement needs at least two annotators with counted work.</p>;
  return (
    <>
      <div ref={box} className="heatmap" role="figure" aria-label={`Cohen's kappa between annotators, ${subject}`} />
      {failed && (
        <p className="error" role="alert">
          The heatmap could not be drawn: {failed}
        </p>
      )}
    </>
  );
}
