import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bioSpans,
  bioTags,
  conllChunks,
  conllDoc,
  firstInvalidBio,
  hfChunks,
  hfLabelNames,
  hfRows,
  isValidBio,
  parseConll,
  sliceCodePoints,
  tokenize,
  type ExportSpan,
} from '@mbw/shared';
import { HARD_TEXT, hardDoc, LABELS, plainDoc, span } from './fixtures.js';

const layers = [...LABELS];

describe('BIO helpers', () => {
  it('recognises valid and invalid BIO', () => {
    expect(isValidBio(['O', 'B-a', 'I-a', 'B-a', 'O', 'B-b', 'I-b'])).toBe(true);
    expect(firstInvalidBio(['I-a'])).toBe(0);
    expect(firstInvalidBio(['O', 'I-a'])).toBe(1);
    expect(firstInvalidBio(['B-a', 'I-b'])).toBe(1);
    expect(firstInvalidBio(['B-a', 'X'])).toBe(1);
  });

  it('keeps the longest of overlapping spans in one layer, then the earliest, and drops the other whole', () => {
    const text = 'eins zwei drei vier fünf';
    const tokens = tokenize(text);
    const spans: ExportSpan[] = [
      span(text, 'short', 'evaluative', 'zwei'),
      span(text, 'long', 'evaluative', 'zwei drei vier'),
      span(text, 'late', 'evaluative', 'vier fünf'),
      span(text, 'first', 'evaluative', 'eins'),
      span(text, 'partial', 'evaluative', 'ünf'), // inside a word: tags the whole word
    ];
    const { tags, dropped } = bioTags(tokens, spans);
    expect(tags).toEqual(['B-evaluative', 'B-evaluative', 'I-evaluative', 'I-evaluative', 'B-evaluative']);
    expect(dropped.sort()).toEqual(['late', 'short']);
    // equal length: the earlier one wins
    const tie = bioTags(tokens, [span(text, 'b', 'x', 'drei vier'), span(text, 'a', 'x', 'zwei drei')]);
    expect(tie.tags).toEqual(['O', 'B-x', 'I-x', 'O', 'O']);
    expect(tie.dropped).toEqual(['b']);
  });

  it('produces valid BIO for any spans (property)', () => {
    const text = '„Die Regierung hat versagt“, sagte er. Dann 👍🏽 q\u0307 ging er.';
    const tokens = tokenize(text);
    const n = [...text].length;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(n), fc.nat(n), fc.constantFrom('a', 'b')).filter(([x, y]) => x !== y), { maxLength: 12 }),
        (raw) => {
          const spans = raw.map(([x, y, label], i): ExportSpan => {
            const start = Math.min(x, y);
            const end = Math.max(x, y);
            return { id: `s${i}`, start, end, label, annotator: 'a', attributes: {}, quote: sliceCodePoints(text, start, end) };
          });
          for (const label of ['a', 'b']) {
            const { tags, dropped } = bioTags(tokens, spans.filter((s) => s.label === label));
            expect(firstInvalidBio(tags)).toBe(-1);
            // every kept span is one BIO chunk
            expect(bioSpans(tags).length + dropped.length).toBe(spans.filter((s) => s.label === label).length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('CoNLL BIO export', () => {
  const doc = hardDoc();

  it('writes one tag column per label, overlapping spans across labels all kept, valid BIO in every sentence', () => {
    const { chunk, dropped } = conllDoc(doc, { layers });
    const [parsed] = parseConll(chunk);
    expect(parsed!.id).toBe('a1');
    expect(chunk.startsWith('-DOCSTART-\ta1\n\n')).toBe(true);
    const tokens = parsed!.sentences.flatMap((s) => s.tokens);
    expect(tokens).toEqual(tokenize(HARD_TEXT).map((t) => t.text));
    for (const s of parsed!.sentences) {
      expect(s.tags).toHaveLength(3);
      for (const col of s.tags) {
        expect(col).toHaveLength(s.tokens.length);
        expect(firstInvalidBio(col)).toBe(-1);
      }
    }
    const first = parsed!.sentences[0]!;
    const at = (token: string) => first.tokens.indexOf(token);
    // overlapping spans of different labels each keep their column
    expect(first.tags[1]![at('Die')]).toBe('B-evaluative');
    expect(first.tags[1]![at('versagt')]).toBe('I-evaluative');
    expect(first.tags[2]![at('Die')]).toBe('B-unsupported_claim');
    expect(first.tags[2]![at('sagte')]).toBe('I-unsupported_claim');
    expect(first.tags[0]![at('sagte')]).toBe('B-attribution');
    // within "evaluative" the longest wins: s2 over the nested s3 and the shorter s13, s11 ("🏽." = 2 tokens) over s5 ("👍🏽")
    expect(dropped.sort()).toEqual(['s13', 's3', 's5']);
    // the claim over the paragraph break restarts with B- in the next sentence
    const second = parsed!.sentences[1]!;
    expect(second.tokens.slice(0, 2)).toEqual(['Der', 'Café']);
    expect(second.tags[2]!.slice(0, 3)).toEqual(['B-unsupported_claim', 'I-unsupported_claim', 'O']);
  });

  it('separates documents by -DOCSTART- and streams one chunk per document', () => {
    const chunks = [...conllChunks([doc, plainDoc()], { layers })];
    expect(chunks).toHaveLength(2);
    const parsed = parseConll(chunks.join(''));
    expect(parsed.map((d) => d.id)).toEqual(['a1', 'doc/2, "quoted"']);
    expect(parsed[1]!.sentences.map((s) => s.tokens.join(' '))).toEqual(['Dies berichtet die Welt am Sonntag .', 'Das ist " gut " , sagte er .']);
  });

  it('can keep annotators apart in their own columns', () => {
    const perAnnotator = ['evaluative@anna', 'evaluative@ben'];
    const d = { ...doc, spans: doc.spans.filter((s) => s.label === 'evaluative') };
    const [parsed] = parseConll(conllDoc(d, { layers: perAnnotator, layerOf: (s) => `${s.label}@${s.annotator}` }).chunk);
    const first = parsed!.sentences[0]!;
    expect(first.tags[1]!.slice(1, 3)).toEqual(['B-evaluative', 'I-evaluative']); // ben's "Die Regierung"
    expect(() => conllDoc(doc, { layers: ['evaluative'] })).toThrow(/not among the export's layers/);
  });
});

describe('Hugging Face token classification', () => {
  const doc = hardDoc();
  const options = { labels: layers };

  it('gives a label list per column and integer tags that decode to valid BIO', () => {
    const names = hfLabelNames(options);
    expect(names).toEqual({
      ner_tags: ['O', 'B-attribution', 'I-attribution', 'B-evaluative', 'I-evaluative', 'B-unsupported_claim', 'I-unsupported_claim'],
      ner_tags_attribution: ['O', 'B-attribution', 'I-attribution'],
      ner_tags_evaluative: ['O', 'B-evaluative', 'I-evaluative'],
      ner_tags_unsupported_claim: ['O', 'B-unsupported_claim', 'I-unsupported_claim'],
    });
    const { rows } = hfRows(doc, options);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.id).toBe('a1');
    expect(row.tokens).toEqual(tokenize(HARD_TEXT).map((t) => t.text));
    for (const [col, list] of Object.entries(names)) {
      const values = row[col as `ner_tags_${string}`] as number[];
      expect(values).toHaveLength(row.tokens.length);
      expect(firstInvalidBio(values.map((v) => list[v]!))).toBe(-1);
    }
    // offsets select the tokens (code points)
    row.offsets.forEach(([s, e], i) => expect(sliceCodePoints(HARD_TEXT, s, e)).toBe(row.tokens[i]));
    // per-label columns keep overlaps across labels; the flat column keeps one
    const i = row.tokens.indexOf('sagte');
    expect(names.ner_tags_attribution![row.ner_tags_attribution![i]!]).toBe('B-attribution');
    expect(names.ner_tags_unsupported_claim![row.ner_tags_unsupported_claim![i]!]).toBe('I-unsupported_claim');
    expect(names.ner_tags![row.ner_tags[i]!]).toBe('I-unsupported_claim');
  });

  it('streams JSONL, one row per document or per sentence', () => {
    const lines = [...hfChunks([doc, plainDoc()], options)].join('').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['a1', 'doc/2, "quoted"']);
    const bySentence = hfRows(doc, { ...options, unit: 'sentence' }).rows;
    expect(bySentence.map((r) => r.id)).toEqual(['a1#1', 'a1#2', 'a1#3']);
    expect(bySentence.map((r) => r.article_id)).toEqual(['a1', 'a1', 'a1']);
    expect(bySentence.flatMap((r) => r.tokens)).toEqual(tokenize(HARD_TEXT).map((t) => t.text));
    const names = hfLabelNames(options).ner_tags_unsupported_claim!;
    for (const r of bySentence) expect(firstInvalidBio(r.ner_tags_unsupported_claim!.map((v) => names[v]!))).toBe(-1);
  });
});
