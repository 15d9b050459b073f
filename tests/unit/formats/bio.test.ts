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
    expect(parsed!.annotator).toBe('anna');
    expect(chunk.startsWith('-DOCSTART-\ta1\tanna\n\n„\tanna\tO\tO\tO\n')).toBe(true);
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
    // within anna's "evaluative" the longest wins: s2 over the nested s3 (ben's s13 and s11 are in ben's block)
    expect(dropped.sort()).toEqual(['s3']);
    // the claim over the paragraph break restarts with B- in the next sentence
    const second = parsed!.sentences[1]!;
    expect(second.tokens.slice(0, 2)).toEqual(['Der', 'Café']);
    expect(second.tags[2]!.slice(0, 3)).toEqual(['B-unsupported_claim', 'I-unsupported_claim', 'O']);
  });

  it('separates blocks by -DOCSTART- and streams one chunk per document', () => {
    const chunks = [...conllChunks([doc, plainDoc()], { layers })];
    expect(chunks).toHaveLength(2);
    const parsed = parseConll(chunks.join(''));
    expect(parsed.map((d) => `${d.id}/${d.annotator}`)).toEqual(['a1/anna', 'a1/ben', 'doc/2, "quoted"/gold']);
    expect(parsed[2]!.sentences.map((s) => s.tokens.join(' '))).toEqual(['Dies berichtet die Welt am Sonntag .', 'Das ist " gut " , sagte er .']);
    expect(() => conllDoc(doc, { layers: ['evaluative'] })).toThrow(/not among the export's layers/);
  });

  it('never overlays annotators: one block per annotator with only their spans, an all-O block for one with none, none for an article nobody worked on', () => {
    const d = { ...doc, annotators: [{ annotator: 'zoe', status: 'submitted' as const }, { annotator: 'anna', status: 'submitted' as const }] };
    const parsed = parseConll(conllDoc(d, { layers }).chunk);
    expect(parsed.map((b) => b.annotator)).toEqual(['zoe', 'anna', 'ben']); // listed ones first, then others with spans
    const evaluative = (b: (typeof parsed)[number]) => b.sentences.flatMap((s) => s.tags[1]!);
    const tokens = parsed[0]!.sentences.flatMap((s) => s.tokens);
    expect(evaluative(parsed[0]!).every((t) => t === 'O')).toBe(true);
    // "Die Regierung hat versagt" is anna's (s2), "Die Regierung" ben's (s13): each in its own block, not overlaid
    const at = tokens.indexOf('versagt');
    expect(evaluative(parsed[1]!).slice(at - 3, at + 1)).toEqual(['B-evaluative', 'I-evaluative', 'I-evaluative', 'I-evaluative']);
    expect(evaluative(parsed[2]!).slice(at - 3, at + 1)).toEqual(['B-evaluative', 'I-evaluative', 'O', 'O']);
    // the raw rows carry the annotator column
    expect(conllDoc(d, { layers }).chunk.split('\n')[2]).toBe('„\tzoe\tO\tO\tO');
    expect(conllDoc({ ...doc, spans: [], relations: [], annotators: [] }, { layers }).chunk).toBe('');
  });

  it('reports what the columns lose: sub-token spans, trimmed spans, spans dropped as overlapping, attributes, notes, links', () => {
    const { lost } = conllDoc(doc, { layers });
    const kinds = (k: string) => lost.flatMap((l) => (l.kind === k && 'span' in l ? [l.span.id] : [])).sort();
    expect(kinds('dropped')).toEqual(['s3']);
    expect(kinds('subToken')).toEqual(['s10', 's12']); // "Besitz" and "é" inside words
    expect(kinds('trimmed')).toEqual(['s11']); // starts inside the emoji "👍🏽"
    expect(kinds('notes')).toEqual(['s1']);
    expect(lost.filter((l) => l.kind === 'relations')).toHaveLength(3);
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
    expect(rows.map((r) => [r.id, r.article_id, r.annotator])).toEqual([
      ['a1@anna', 'a1', 'anna'],
      ['a1@ben', 'a1', 'ben'],
    ]);
    const row = rows[0]!;
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
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['a1@anna', 'a1@ben', 'doc/2, "quoted"@gold']);
    const bySentence = hfRows(doc, { ...options, unit: 'sentence' }).rows.filter((r) => r.annotator === 'anna');
    expect(bySentence.map((r) => r.id)).toEqual(['a1@anna#1', 'a1@anna#2', 'a1@anna#3']);
    expect(bySentence.map((r) => r.article_id)).toEqual(['a1', 'a1', 'a1']);
    expect(bySentence.flatMap((r) => r.tokens)).toEqual(tokenize(HARD_TEXT).map((t) => t.text));
    const names = hfLabelNames(options).ner_tags_unsupported_claim!;
    for (const r of bySentence) expect(firstInvalidBio(r.ner_tags_unsupported_claim!.map((v) => names[v]!))).toBe(-1);
  });

  it('never overlays annotators, and reports spans the single ner_tags column leaves out', () => {
    const { rows, lost } = hfRows(doc, options);
    const names = hfLabelNames(options).ner_tags_evaluative!;
    const [anna, ben] = rows;
    const i = anna!.tokens.indexOf('versagt');
    expect(anna!.ner_tags_evaluative!.slice(i - 3, i + 1).map((v) => names[v])).toEqual(['B-evaluative', 'I-evaluative', 'I-evaluative', 'I-evaluative']);
    expect(ben!.ner_tags_evaluative!.slice(i - 3, i + 1).map((v) => names[v])).toEqual(['B-evaluative', 'I-evaluative', 'O', 'O']);
    const flat = lost.flatMap((l) => (l.kind === 'droppedFlat' && 'span' in l ? [l.span.id] : [])).sort();
    expect(flat).toEqual(['s1', 's2', 's5']); // overlapped by longer spans of other labels in anna's ner_tags
  });
});
