/**
 * Real files of other tools through the one import path (HTTP), and text
 * that is not NFC: made NFC with offsets moved and the change reported, or
 * refused where a span boundary would cut a composed character.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { importScene, read, zip, type ImportScene } from './importScene.js';

type Wb = ImportScene['wb'];

describe('real files of other tools, and foreign text that is not NFC', () => {
  let wb: Wb;
  let admin: string;
  let projectId: number;
  let scene: ImportScene;

  beforeEach(async () => {
    scene = await importScene('Real files');
    ({ wb, admin, projectId } = scene);
  });

  const post = (body: string | Uint8Array, query: string) => scene.post(body, query);
  const stored = async () => {
    const text = (await (await wb.app.request(`/api/projects/${projectId}/export?format=jsonl&status=all`, { headers: { cookie: admin } })).text()).trim();
    return text ? text.split('\n').map((l) => JSON.parse(l) as { text: string; spans: Array<{ start: number; end: number; label: string; quote: string; annotator: string }> }) : [];
  };

  it('makes a brat text NFC with the offsets after a composed character moved, and says so', async () => {
    const text = 'Cafe\u0301 in Ko\u0308ln: Herr Mu\u0308ller sagt „nein“.';
    const ann = 'T1\tPlace 9 14\tKo\u0308ln\nT2\tPerson 16 28\tHerr Mu\u0308ller\n';
    const r = await post(zip({ 'd.txt': text, 'd.ann': ann }), 'format=brat');
    expect(r.status).toBe(201);
    expect(r.data.result.changedText).toEqual([{ line: 1, where: 'd', reason: 'text made Unicode NFC (composed characters), 3 code points fewer; span offsets moved with it' }]);
    const [doc] = await stored();
    expect(doc!.text).toBe(text.normalize('NFC'));
    expect(doc!.spans.map((s) => `${s.label} ${s.start}-${s.end} ${s.quote}`).sort()).toEqual(['person 14-25 Herr Müller', 'place 8-12 Köln']);
  });

  it('refuses a span whose boundary falls between a letter and the accent NFC joins to it, naming the span', async () => {
    const r = await post(zip({ 'd.txt': 'Cafe\u0301 au lait', 'd.ann': 'T1\tFood 0 4\tCafe\n' }), 'format=brat');
    expect(r.status).toBe(400);
    expect(r.data.error.message).toContain('d.ann: spans.0 (0–4): a boundary falls between characters that Unicode NFC joins into one');
  });

  it('imports a WebAnno project export zip: each user file’s user is the annotator, every layer read', async () => {
    const body = zip({ 'annotation/relationLabelTest.txt/user1.tsv': read('webanno/relationLabelTest/user1.tsv'), 'annotation/relationLabelTest.txt/user2.tsv': read('webanno/relationLabelTest/user2.tsv') });
    const dry = await post(body, 'dryRun=true');
    expect(dry.data.result).toMatchObject({ dryRun: true, format: 'webanno', articles: 1, spans: 104 });
    expect(dry.data.result.annotators.map((a: { name: string }) => a.name)).toEqual(['user1', 'user2']);
    expect(dry.data.result.labels.length).toBeGreaterThan(20); // POS tags and lemmas as new labels
    const r = await post(body, 'format=webanno');
    expect(r.status).toBe(201);
    expect(r.data.result.createdAnnotators).toEqual(['user1', 'user2']);
    const [doc] = await stored();
    expect(doc!.spans.filter((s) => s.annotator === 'user2')).toHaveLength(52);
    for (const s of doc!.spans) expect([...doc!.text].slice(s.start, s.end).join('')).toBe(s.quote);
  });

  it('previews the W3C model’s 41 examples: 3 spans, 38 left out with their reasons, nothing written', async () => {
    const body = zip({ 'page1.txt': read('w3c-examples/page1.txt'), 'ebook1.txt': read('w3c-examples/ebook1.txt'), 'collection1.json': read('w3c-examples/collection1.json') });
    const r = await post(body, 'dryRun=true');
    expect(r.status).toBe(200);
    expect(r.data.result).toMatchObject({ format: 'w3c', articles: 2, spans: 3 });
    expect(r.data.result.skippedItems).toHaveLength(38);
    expect(await stored()).toEqual([]);
  });

  it('imports Label Studio’s named-entity example (an exported task) with the detected format', async () => {
    const r = await post(read('labelstudio/named_entity-annotations-1.json'), 'dryRun=false');
    expect(r.status).toBe(201);
    expect(r.data.result).toMatchObject({ format: 'labelstudio', articles: 1, spans: 1, createdAnnotators: ['labelstudio'] });
    expect((await stored())[0]!.spans.map((s) => `${s.label} ${s.quote}`)).toEqual(['date February 22']);
  });
});
