import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBratAnn, parseConll, parseJsonl, parseWebAnnoTsv, type ExportDoc, type ExportManifest } from '@mbw/shared';
import { buildExportScene } from './exportScene.js';
import { freshWorkbench } from './harness.js';

describe('exports say what they hold (issue 8)', () => {
  let wb: Awaited<ReturnType<typeof freshWorkbench>>;
  let scene: Awaited<ReturnType<typeof buildExportScene>>;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    scene = await buildExportScene(wb);
  });

  const get = async (path: string) => {
    const res = await wb.app.request(`/api/projects/${scene.projectId}/${path}`, { headers: { cookie: scene.admin } });
    expect(res.status).toBe(200);
    return res;
  };
  const text = async (query: string) => (await get(`export?${query}`)).text();
  const zip = async (query: string) =>
    Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await (await get(`export?${query}`)).arrayBuffer()))).map(([k, v]) => [k, strFromU8(v)]));
  const manifest = async (query: string): Promise<ExportManifest> => (await (await get(`export/manifest?${query}`)).json()).manifest;
  const docs = async (query: string): Promise<ExportDoc[]> => {
    const parsed = parseJsonl(await text(`format=jsonl&${query}`));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.docs;
  };

  it('exports submitted work only by default, for all annotators and for one; every article still comes with its text', async () => {
    const [e1, e2] = await docs('');
    expect(e1!.spans.map((s) => [s.annotator, s.status])).toEqual(Array(4).fill(['anna', 'submitted']));
    expect(e1!.annotators).toEqual([
      { annotator: 'anna', status: 'submitted' },
      { annotator: 'carl', status: 'submitted' },
    ]);
    const labels = (await (await get('labels')).json()).labels as Array<{ key: string; attributes: Array<{ key: string }> }>;
    expect(e1!.labels).toEqual(labels.map((l) => l.key)); // the project's labels, unsupported_claim (unused) too
    expect(e1!.attributeKeys!.unsupported_claim).toEqual(['checkable']);
    expect(e1!.relations).toHaveLength(1);
    expect(e2).toMatchObject({ id: 'e2', spans: [], annotators: [] });
    expect((await docs('source=ben'))[0]!.spans).toEqual([]);
  });

  it('adds drafts with status=all, each span marked draft', async () => {
    const [e1] = await docs('status=all');
    expect(e1!.spans.filter((s) => s.annotator === 'ben').map((s) => [s.quote, s.status])).toEqual([['versagt', 'draft']]);
    expect(e1!.annotators!.map((a) => `${a.annotator}:${a.status}`)).toEqual(['anna:submitted', 'ben:draft', 'carl:submitted']);
    expect((await docs('source=ben&status=all'))[0]!.spans.map((s) => s.annotator)).toEqual(['ben']);
    const bad = await wb.request('GET', `/api/projects/${scene.projectId}/export?status=drafts`, { cookie: scene.admin });
    expect(bad.status).toBe(400);
    expect(bad.data.error.details.issues[0].path).toBe('status');
    expect(bad.data.error.message).toContain('status');
  });

  it('writes annotator and status in CSV, W3C, brat (declared in annotation.conf) and WebAnno', async () => {
    const csv = (await text('format=csv&status=all')).split('\r\n');
    expect(csv[0]!.split(',').slice(-1)).toEqual(['status']);
    expect(csv.filter((l) => l.includes(',ben,')).map((l) => l.split(',').at(-1))).toEqual(['draft']);
    const w3c = JSON.parse(await text('format=w3c&status=all')).first.items.filter((a: { motivation: string }) => a.motivation === 'classifying');
    expect(w3c.map((a: { creator: { nickname: string }; 'mbw:status': string }) => `${a.creator.nickname}:${a['mbw:status']}`).sort()).toEqual([
      'anna:submitted', 'anna:submitted', 'anna:submitted', 'anna:submitted', 'ben:draft',
    ]);
    const brat = await zip('format=brat&status=all&articles=e1');
    expect(brat['annotation.conf']).toMatch(/^annotator\tArg:<ENTITY>, Value:anna\|ben\|carl$/m);
    expect(brat['annotation.conf']).toMatch(/^status\tArg:<ENTITY>, Value:submitted\|draft$/m);
    const bratSpans = parseBratAnn(brat['e1.ann']!, brat['e1.txt']!).spans;
    expect(bratSpans.map((s) => `${s.annotator}:${s.status}`).sort()).toEqual(['anna:submitted', 'anna:submitted', 'anna:submitted', 'anna:submitted', 'ben:draft']);
    const webanno = await zip('format=webanno&status=all&articles=e1');
    expect(webanno['e1.tsv']!.split('\n')[1]).toContain('|annotator|status|');
    expect(parseWebAnnoTsv(webanno['e1.tsv']!).spans.map((s) => `${s.annotator}:${s.status}`).sort()).toEqual(bratSpans.map((s) => `${s.annotator}:${s.status}`).sort());
  });

  it('writes CoNLL and Hugging Face as one sequence per article and annotator, never overlaid', async () => {
    const blocks = parseConll(await text('format=conll&conllShape=columns&status=all'));
    expect(blocks.map((b) => `${b.id}/${b.annotator}`)).toEqual(['e1/anna', 'e1/ben', 'e1/carl']); // e2: nobody's work, no sequence
    const evaluative = (i: number) => blocks[i]!.sentences.flatMap((s) => s.tags[1]!);
    const tokens = blocks[0]!.sentences.flatMap((s) => s.tokens);
    const at = tokens.indexOf('versagt');
    expect(evaluative(0).slice(0, at + 1)).toEqual(['B-evaluative', 'I-evaluative', 'I-evaluative', 'I-evaluative']);
    expect(evaluative(1).slice(0, at + 1)).toEqual(['O', 'O', 'O', 'B-evaluative']); // ben's draft, not merged into anna's
    expect(evaluative(2).every((t) => t === 'O')).toBe(true); // carl marked nothing
    const rows = (await text('format=hf&status=all')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.article_id, r.annotator])).toEqual([
      ['e1@anna', 'e1', 'anna'],
      ['e1@ben', 'e1', 'ben'],
      ['e1@carl', 'e1', 'carl'],
    ]);
    expect(parseConll(await text('format=conll&conllShape=columns')).map((b) => b.annotator)).toEqual(['anna', 'carl']);
  });

  it('answers the manifest without the file: trimmed, sub-token and dropped spans counted', async () => {
    const m = await manifest('format=conll&conllShape=columns');
    expect(m).toMatchObject({ format: 'conll', source: 'all', status: 'submitted', articles: 2, articlesWithoutWork: 1, spans: 4, drafts: 0, relations: 1, annotators: ['anna', 'carl'] });
    expect(m.lost).toMatchObject({ trimmed: 1, subToken: 1, dropped: 1, noToken: 0, attributes: 4, relations: 1 });
    expect(m.examples.find((e) => e.kind === 'subToken')).toMatchObject({ article: 'e1', annotator: 'anna', quote: 'kandal' });
    expect(m.examples.find((e) => e.kind === 'trimmed')).toMatchObject({ quote: 'sagte der Sprecher ' });
    expect(m.examples.find((e) => e.kind === 'dropped')).toMatchObject({ quote: 'Regierung' });
    expect((await manifest('format=conll&conllShape=columns&status=all')).lost).toMatchObject({ trimmed: 1, subToken: 1, dropped: 1 });
    expect(await manifest('format=conll&conllShape=columns&status=all')).toMatchObject({ spans: 5, drafts: 1, annotators: ['anna', 'ben', 'carl'] });
    expect((await manifest('format=jsonl')).lost).toEqual({ trimmed: 0, subToken: 0, dropped: 0, droppedFlat: 0, noToken: 0, attributes: 0, notes: 0, relations: 0 });
    expect((await manifest('format=csv')).lost.relations).toBe(1);
    const bad = await wb.request('GET', `/api/projects/${scene.projectId}/export/manifest?format=docx`, { cookie: scene.admin });
    expect(bad.status).toBe(400);
    expect(bad.data.error.details.issues[0].path).toBe('format');
    expect((await wb.request('GET', `/api/projects/${scene.projectId}/export/manifest?source=gold`, { cookie: scene.admin })).status).toBe(409);
  });

  it('puts the same manifest into every zip', async () => {
    for (const format of ['webanno', 'brat']) {
      const files = await zip(`format=${format}&status=all`);
      const inZip = JSON.parse(files['manifest.json']!);
      expect(inZip).toEqual(await manifest(`format=${format}&status=all`));
      expect(inZip).toMatchObject({ format, articles: 2, spans: 5, annotators: ['anna', 'ben', 'carl'] });
    }
    // WebAnno has sub-token rows, so only the span ending in white space is trimmed
    expect(JSON.parse((await zip('format=webanno'))['manifest.json']!).lost).toMatchObject({ trimmed: 1, subToken: 0, dropped: 0 });
  });
});
