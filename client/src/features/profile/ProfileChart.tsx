import { useEffect, useRef, useState } from 'react';
import type { FigureName, ProfileGroup } from '@mbw/shared';
import { FIGURE_TITLES, fmtFigure } from './profileData';

/** A group's name short enough for an axis tick (the full name is in the tooltip and the table). */
const short = (s: string) => (Array.from(s).length > 18 ? `${Array.from(s).slice(0, 17).join('')}…` : s);

const CHARTED: FigureName[] = ['attributionsPer1000', 'evaluativePer1000', 'unsupportedPer1000'];

interface Bar {
  group: string;
  figure: string;
  value: number;
  low: number | null;
  high: number | null;
  title: string;
}

/**
 * The groups side by side (Observable Plot, as the agreement dashboard):
 * one panel per rate, a bar per group with its bootstrap interval.
 */
export function ProfileChart({ groups }: { groups: ProfileGroup[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const bars: Bar[] = groups.flatMap((g) =>
      CHARTED.filter((f) => g.figures[f] !== null).map((f) => ({
        group: short(g.name),
        figure: FIGURE_TITLES[f],
        value: g.figures[f]!,
        low: g.ci[f].low,
        high: g.ci[f].high,
        title: `${g.name}: ${FIGURE_TITLES[f]} ${fmtFigure(f, g.figures[f])}` + (g.ci[f].low !== null ? ` (95 % interval ${fmtFigure(f, g.ci[f].low)}–${fmtFigure(f, g.ci[f].high)})` : '') + `, ${g.articles} articles, ${g.words} words`,
      })),
    );
    import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !box.current) return;
        const width = Math.max(320, Math.min(1100, box.current.clientWidth || 900));
        const chart = Plot.plot({
          width,
          height: 300,
          marginBottom: 80,
          marginTop: 44,
          marginLeft: 64,
          style: { fontSize: '12px', fontFamily: 'inherit', color: '#1f2328', background: 'transparent' },
          fx: { label: null, domain: CHARTED.map((f) => FIGURE_TITLES[f]) },
          x: { label: null, tickRotate: -30, domain: [...new Set(groups.map((g) => short(g.name)))] },
          y: { label: 'per 1,000 words', grid: true },
          color: { legend: false },
          marks: [
            Plot.barY(bars, { fx: 'figure', x: 'group', y: 'value', fill: 'group', title: 'title', ariaLabel: 'title' }),
            Plot.ruleX(bars.filter((b) => b.low !== null), { fx: 'figure', x: 'group', y1: 'low', y2: 'high', stroke: '#1f2328', strokeWidth: 1.5 }),
            Plot.ruleY([0]),
          ],
        });
        chart.querySelectorAll('style').forEach((style) => style.remove());
        box.current.replaceChildren(chart);
        setFailed(null);
      })
      .catch((e: unknown) => !cancelled && setFailed(e instanceof Error ? e.message : 'the chart library did not load'));
    return () => {
      cancelled = true;
    };
  }, [groups]);

  return (
    <>
      <div ref={box} className="profile-chart" role="figure" aria-label="Rates per 1,000 words, groups side by side, with 95 % intervals" />
      {failed && (
        <p className="error" role="alert">
          The chart could not be drawn: {failed}
        </p>
      )}
    </>
  );
}
