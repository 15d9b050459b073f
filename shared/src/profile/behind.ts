/**
 * The spans behind a profile figure (issue 14: every number opens the spans
 * it rests on), the same spans counts.ts counts for it in the group's
 * articles: attributions for the attribution rate; attributions with a
 * sourceType for the anonymous shares (each with its type); evaluative spans
 * (of one polarity for the polarity rates; each saying whether it lies inside
 * quotation marks); unsupported claims for both claim figures. Pure.
 */
import { z } from 'zod';
import { DEFAULT_PROFILE_LABELS, type ProfileLabels, type ProfileSpan } from './counts.js';
import { FIGURE_NAMES, type FigureName } from './figures.js';
import { groupKey, type ProfileArticle, type ProfileGrouping } from './profile.js';
import { insideQuotes, quoteRanges } from './quotes.js';
import { profileQuerySchema } from './api.js';

export interface SpanBehind {
  articleId: string | number;
  title: string;
  /** `gold`, `consensus` or the annotator's username: whose span it is. */
  basis: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  attributes: Record<string, unknown>;
  inQuotes: boolean;
}

/** `GET /api/projects/:id/profile/spans`: the profile's query, the group's key and the figure. */
export const profileSpansQuerySchema = profileQuerySchema.extend({
  group: z.string().min(1).max(500),
  figure: z.enum(FIGURE_NAMES as [FigureName, ...FigureName[]]),
});

function picks(figure: FigureName, labels: ProfileLabels): (s: ProfileSpan) => boolean {
  const typed = (s: ProfileSpan) => typeof s.attributes?.sourceType === 'string' && s.attributes.sourceType !== '';
  const polarity = (p: string) => (s: ProfileSpan) => s.label === labels.evaluative && s.attributes?.polarity === p;
  switch (figure) {
    case 'attributionsPer1000':
      return (s) => s.label === labels.attribution;
    case 'anonymousShare':
    case 'articlesWithAnonymous':
    case 'articlesOnlyAnonymous':
      return (s) => s.label === labels.attribution && typed(s);
    case 'negativePer1000':
      return polarity('negative');
    case 'positivePer1000':
      return polarity('positive');
    case 'mixedPer1000':
      return polarity('mixed');
    case 'evaluativePer1000':
    case 'evaluativeInQuotesShare':
      return (s) => s.label === labels.evaluative;
    case 'unsupportedPer1000':
    case 'unsupportedSentenceShare':
      return (s) => s.label === labels.unsupported;
  }
}

/** The spans behind `figure` in the group `group` of the profile by `by`, in article order. */
export function spansBehind(articles: readonly ProfileArticle[], by: ProfileGrouping, group: string, figure: FigureName, labels: ProfileLabels = DEFAULT_PROFILE_LABELS): SpanBehind[] {
  const pick = picks(figure, labels);
  return articles
    .filter((a) => groupKey(a, by) === group)
    .flatMap((a) => {
      const quotes = quoteRanges(a.text);
      const cps = Array.from(a.text);
      return a.spans.filter(pick).map((s) => ({
        articleId: a.id,
        title: a.title ?? String(a.id),
        basis: a.basis ?? 'spans',
        label: s.label,
        start: s.start,
        end: s.end,
        quote: s.quote ?? cps.slice(s.start, s.end).join(''),
        attributes: { ...(s.attributes ?? {}) },
        inQuotes: insideQuotes(quotes, s.start, s.end),
      }));
    });
}
