/**
 * A deterministic agreement workload like the one of issue 13: `articles`
 * articles of ~4,000 characters of German-looking news text, 3 annotators,
 * ~40 spans each (overlapping, partly agreeing), with attributes and links.
 */
import { mulberry32, type AgreementArticleInput, type AgreementInput } from '@mbw/shared';

const WORDS = ['Die', 'Regierung', 'berichtet', 'laut', 'Diplomaten', 'über', 'eine', 'mögliche', 'Friedensmission', 'in', 'der', 'Ukraine', 'sagte', 'ein', 'Sprecher', '„heikle“', 'Angelegenheit', 'westliche', 'Beamte', 'zufolge', '3,5', 'Prozent', 'z.B.', 'E-Mail', '(dpa)'];
export const LABELS = ['attribution', 'evaluative', 'unsupported_claim'];
export const ANNOTATORS = ['anna', 'ben', 'carla'];

function text(rnd: () => number, chars: number): string {
  const sentences: string[] = [];
  let total = 0;
  while (total < chars) {
    const n = 8 + Math.floor(rnd() * 12);
    const w = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!);
    const s = `${w.join(' ')}${rnd() < 0.2 ? ',' : ''} ${WORDS[Math.floor(rnd() * 20)]}.`;
    sentences.push(s);
    total += s.length + 1;
  }
  return sentences.join(rnd() < 0.2 ? '\n' : ' ');
}

function article(i: number, rnd: () => number, spansEach: number): AgreementArticleInput {
  const t = text(rnd, 4000);
  const base = Array.from({ length: spansEach }, () => {
    const start = Math.floor(rnd() * (t.length - 80));
    return { start, end: start + 5 + Math.floor(rnd() * 70), label: LABELS[Math.floor(rnd() * 3)]! };
  });
  const spans: AgreementArticleInput['spans'] = [];
  const relations: NonNullable<AgreementArticleInput['relations']> = [];
  ANNOTATORS.forEach((annotator, k) => {
    base.forEach((b, j) => {
      if (rnd() < 0.1) return; // missed
      const shift = rnd() < 0.3 ? Math.floor(rnd() * 7) - 3 : 0;
      const label = rnd() < 0.1 ? LABELS[(LABELS.indexOf(b.label) + 1) % 3]! : b.label;
      const id = `${i}-${k}-${j}`;
      spans.push({ id, annotator, label, start: Math.max(0, b.start + shift), end: b.end + shift, attributes: { polarity: rnd() < 0.7 ? 'neg' : 'pos', sourceType: rnd() < 0.5 ? 'official' : 'anonymous' } });
      if (j % 5 === 1) relations.push({ from: `${i}-${k}-${j - 1}`, to: id, type: 'attributes' });
    });
  });
  return { id: i + 1, title: `Artikel ${i + 1}`, text: t, annotators: [...ANNOTATORS], spans, relations: relations.filter((r) => spans.some((s) => s.id === r.from)) };
}

export function agreementWorkload(articles = 1000, spansEach = 40, seed = 13): AgreementInput {
  // mulberry32: the LCG used before overflowed 2^53 in `seed * 1103515245`, fell into a short cycle and
  // repeated ~135 distinct articles over 1,000 (flattering anything cached by text)
  const rnd = mulberry32(seed);
  return {
    labels: LABELS,
    attributeKeys: { attribution: ['sourceType'], evaluative: ['polarity'], unsupported_claim: [] },
    articles: Array.from({ length: articles }, (_, i) => article(i, rnd, spansEach)),
  };
}
