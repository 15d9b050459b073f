/** Shared test documents for the format tests: emoji, combining marks, German quotes, overlaps. */
import { normalizeText, OffsetMap, type ExportDoc, type ExportSpan } from '@mbw/shared';

export const THUMB = '👍🏽'; // 2 code points, 4 UTF-16 units
export const FLAG = '🇩🇪'; // 2 code points, 4 UTF-16 units

/** NFC turns e + U+0301 into é; q + U+0307 has no composed form and stays two code points. */
export const HARD_TEXT = normalizeText(
  `„Die Regierung hat versagt“, sagte ein Sprecher laut Brüsseler Quellen ${THUMB}.\n\n` +
    `Der Cafe\u0301-Besitzer ‚glaubt‘ an ${FLAG} und q\u0307-Werte.\tEnde`,
);

/** Code-point offsets of the `nth` occurrence of `quote` in `text`. */
export function locate(text: string, quote: string, nth = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" not found`);
  }
  const map = new OffsetMap(text);
  return [map.toCodePoint(at), map.toCodePoint(at + quote.length)];
}

export function span(
  text: string,
  id: string,
  label: string,
  quote: string,
  more: Partial<Pick<ExportSpan, 'annotator' | 'attributes' | 'note'>> & { nth?: number } = {},
): ExportSpan {
  const [start, end] = locate(text, quote, more.nth ?? 0);
  const s: ExportSpan = { id, start, end, label, annotator: more.annotator ?? 'anna', attributes: more.attributes ?? {}, quote };
  if (more.note !== undefined) s.note = more.note;
  return s;
}

export const LABELS = ['attribution', 'evaluative', 'unsupported_claim'] as const;

export function hardDoc(): ExportDoc {
  const t = HARD_TEXT;
  return {
    id: 'a1',
    text: t,
    meta: { title: 'Schwieriger „Text“', source: 'Testquelle', url: 'https://example.org/a1', extra: { n: 1 } },
    spans: [
      span(t, 's1', 'attribution', 'sagte ein Sprecher laut Brüsseler Quellen', {
        attributes: { sourceType: 'anonymous' },
        note: 'Quelle unklar, "vage"\nzweite Zeile; a|b [x] _*_ \\ ->',
      }),
      span(t, 's2', 'evaluative', 'Die Regierung hat versagt', { attributes: { polarity: 'negative' } }),
      span(t, 's3', 'evaluative', 'versagt', { attributes: { polarity: 'negative' }, note: null }), // nested in s2
      span(t, 's4', 'unsupported_claim', 'Die Regierung hat versagt“, sagte', { attributes: { checkable: 'yes' } }), // overlaps s1, s2
      span(t, 's5', 'evaluative', THUMB, { attributes: { polarity: 'positive' } }),
      span(t, 's6', 'unsupported_claim', `Quellen ${THUMB}.\n\nDer Café`), // over a paragraph break
      span(t, 's7', 'attribution', '‚glaubt‘', { attributes: { sourceType: 'named person' } }),
      span(t, 's8', 'evaluative', FLAG),
      span(t, 's9', 'evaluative', 'q\u0307-Werte'),
      span(t, 's10', 'evaluative', 'Besitz', { annotator: 'ben' }), // inside a token
      span(t, 's11', 'evaluative', '\u{1F3FD}.', { annotator: 'ben' }), // starts between 👍 and its skin tone
      span(t, 's12', 'evaluative', 'é', { annotator: 'ben' }), // one composed character inside a token
      span(t, 's13', 'evaluative', 'Die Regierung', { annotator: 'ben', attributes: { polarity: 'mixed' } }),
    ],
    relations: [
      { from: 's1', to: 's4', type: 'attributes' },
      { from: 's7', to: 's9', type: 'attributes' },
      { from: 's13', to: 's12', type: 'odd|type_with;reserved*chars' },
    ],
  };
}

/** A second, plain document. */
export function plainDoc(): ExportDoc {
  const t = 'Dies berichtet die Welt am Sonntag. Das ist "gut", sagte er.';
  return {
    id: 'doc/2, "quoted"',
    text: t,
    meta: {},
    spans: [
      span(t, 'p1', 'attribution', 'berichtet die Welt am Sonntag', { annotator: 'gold' }),
      span(t, 'p2', 'evaluative', '"gut"', { annotator: 'gold', note: '' }),
    ],
    relations: [],
  };
}

/** Spans compared without ids (formats that renumber them), notes absent = null. */
export const comparable = (spans: ExportSpan[]) =>
  spans
    .map(({ id: _id, note, ...rest }) => ({ ...rest, note: note ?? null }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label) || a.annotator.localeCompare(b.annotator));
