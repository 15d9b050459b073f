import type { AgreementReport, ArticleSummary } from '@mbw/shared';
import { int, plural } from './format';

/**
 * Why the counts in the dashboard's tables differ from the headline counts
 * ("Over 5 articles · 3 annotators · … tokens · … spans"), when they do:
 * one sentence per difference, none when they agree. Pure.
 */
export function countNotes(r: AgreementReport, progress?: ArticleSummary[]): string[] {
  const notes: string[] = [];
  const a = r.overall.alpha.counts;
  if (a.articles < r.counts.articles)
    notes.push(
      `The tables compare ${int(a.articles)} of the ${plural(r.counts.articles, 'article')}: ${plural(r.counts.articles - a.articles, 'article has', 'articles have')} fewer than two counted annotators, so nothing there can be compared` +
        (r.counts.spans > a.spans ? `; only the headline counts the ${plural(r.counts.spans - a.spans, 'span')} there.` : '.'),
    );
  if (a.annotators < r.counts.annotators)
    notes.push(`${plural(r.counts.annotators - a.annotators, 'annotator')} never shares an article with another, so the tables rest on ${int(a.annotators)} of ${int(r.counts.annotators)}.`);
  if (r.labels.length > 1)
    notes.push(
      `Units differ by design: a label's row counts tokens, the "All labels" row counts each token once per label (${plural(r.labels.length, 'label')}), the unitizing figures count code points and span F1 counts spans.`,
    );
  if (r.attributes.length)
    notes.push(
      'Attribute α counts matched spans, not spans: a unit is a group of spans of one label matched across annotators with values from at least two of them; a span nobody else marked, or one without a value, is not a unit.',
    );
  const drawn = progress?.reduce((s, x) => s + x.progress.reduce((t, p) => t + p.spans, 0), 0);
  if (drawn !== undefined && drawn !== r.counts.spans)
    notes.push(
      `The progress table counts ${plural(drawn, 'span')}: every span of every assignment, whatever its status, label or annotator; the figures count ${plural(r.counts.spans, 'span')} of the work and filters chosen here.`,
    );
  return notes;
}
