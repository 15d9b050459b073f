import { describe, expect, it } from 'vitest';
import {
  bratFiles,
  conllChunks,
  csvChunks,
  hfChunks,
  jsonlChunks,
  parseJsonl,
  w3cCollectionChunks,
  webAnnoFiles,
  type ExportDoc,
} from '@mbw/shared';
import { hardDoc, LABELS } from './fixtures.js';

/** Documents made on demand, counting how many have been taken. */
function source(n: number) {
  const state = { taken: 0 };
  const base = hardDoc();
  function* docs(): Generator<ExportDoc> {
    for (let i = 0; i < n; i++) {
      state.taken++;
      yield { ...base, id: `a${i}` };
    }
  }
  return { state, docs };
}

const exporters: Array<[string, (docs: Iterable<ExportDoc>) => Iterator<unknown>]> = [
  ['jsonl', (d) => jsonlChunks(d)],
  ['conll', (d) => conllChunks(d, { layers: LABELS })],
  ['hf', (d) => hfChunks(d, { labels: LABELS })],
  ['webanno', (d) => webAnnoFiles(d)],
  ['brat', (d) => bratFiles(d)],
  ['w3c', (d) => w3cCollectionChunks(d)],
  ['csv', (d) => csvChunks(d)],
];

describe('streaming exports', () => {
  it.each(exporters)('%s takes one document at a time', (_, exporter) => {
    const { state, docs } = source(1000);
    const it = exporter(docs());
    it.next();
    it.next();
    expect(state.taken).toBeLessThanOrEqual(2);
  });

  it('exports many spans quickly, chunk by chunk (150 articles, 1,950 spans, every format)', () => {
    const started = performance.now();
    let bytes = 0;
    for (const [, exporter] of exporters) {
      const it = exporter(source(150).docs());
      for (let r = it.next(); !r.done; r = it.next()) bytes += JSON.stringify(r.value).length;
    }
    expect(bytes).toBeGreaterThan(300_000);
    expect(performance.now() - started).toBeLessThan(10_000);
    const { docs } = source(150);
    const r = parseJsonl([...jsonlChunks(docs())].join(''));
    expect(r.ok && r.docs.length).toBe(150);
  });
});
