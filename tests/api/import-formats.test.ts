import { beforeEach, describe, expect, it } from 'vitest';
import { importScene, read, zip, type ImportScene } from './importScene.js';

type Wb = ImportScene['wb'];

describe('one import path for every format', () => {
  let wb: Wb;
  let admin: string;
  let projectId: number;
  let scene: ImportScene;

  beforeEach(async () => {
    scene = await importScene('Formats');
    ({ wb, admin, projectId } = scene);
  });

  const post = (body: string | Uint8Array, query: string, type?: string) => scene.post(body, query, type);
  /** Every stored span as `label "text it covers"`, by article title order. */
  const stored = async () => {
    const data = (await wb.request('GET', `/api/projects/${projectId}/export?format=jsonl&status=all`, { cookie: admin })).data;
    return (typeof data === 'string' ? data : JSON.stringify(data))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; spans: Array<{ start: number; end: number; label: string; quote: string }> })
      .map((d) => d.spans.map((s) => `${s.label} ${JSON.stringify([...d.text].slice(s.start, s.end).join(''))}`).sort());
  };
  /** Every stored link as `type from → to`, the spans as `label "text"`. */
  const links = async () => {
    const lines = (await (await wb.app.request(`/api/projects/${projectId}/export?format=jsonl&status=all`, { headers: { cookie: admin } })).text()).trim().split('\n');
    return lines
      .map((l) => JSON.parse(l) as { text: string; spans: Array<{ id: string; start: number; end: number; label: string }>; relations: Array<{ from: string; to: string; type: string }> })
      .flatMap((d) => {
        const span = (id: string) => d.spans.find((s) => s.id === id)!;
        const show = (id: string) => `${span(id).label} ${JSON.stringify([...d.text].slice(span(id).start, span(id).end).join(''))}`;
        return d.relations.map((r) => `${r.type} ${show(r.from)} → ${show(r.to)}`);
      });
  };
  const labelKeys = async () => (await wb.request('GET', `/api/projects/${projectId}/labels`, { cookie: admin })).data.labels.map((l: { key: string; name: string }) => `${l.key}=${l.name}`);

  it('detects doccano, previews new labels and skipped items, then writes exactly that', async () => {
    const file = read('doccano/sequence_labeling.jsonl');
    const dry = await post(file, 'dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.data.result).toMatchObject({ dryRun: true, format: 'doccano', articles: 3, spans: 4 });
    expect(dry.data.result.labels).toEqual([
      { name: 'ORG', spans: 1, action: 'create', key: 'org' },
      { name: 'MISC', spans: 1, action: 'create', key: 'misc' },
      { name: 'PERSON', spans: 2, action: 'create', key: 'person' },
    ]);
    expect(await labelKeys()).not.toContain('org=ORG');
    const done = await post(file, 'format=doccano', 'application/x-ndjson');
    expect(done.status).toBe(201);
    expect(await labelKeys()).toEqual(expect.arrayContaining(['org=ORG', 'misc=MISC', 'person=PERSON']));
    expect((await stored()).flat().sort()).toEqual(['misc "German"', 'org "EU"', 'person "Obama"', 'person "Peter Blackburn"']);
  });

  it('maps foreign labels with labelMap, and names an unknown target', async () => {
    const map = encodeURIComponent(JSON.stringify({ PERSON: 'attribution' }));
    const r = await post(read('doccano/sequence_labeling.jsonl'), `format=doccano&labelMap=${map}`);
    expect(r.status).toBe(201);
    expect(r.data.result.labels).toContainEqual({ name: 'PERSON', spans: 2, action: 'map', key: 'attribution' });
    expect((await stored()).flat()).toContain('attribution "Peter Blackburn"');
    const bad = await post(read('doccano/sequence_labeling.jsonl'), `format=doccano&labelMap=${encodeURIComponent('{"ORG":"nope"}')}`);
    expect(bad.status).toBe(400);
    expect(bad.data.error.details.issues[0].path).toBe('labelMap.ORG');
    const notJson = await post('x', 'format=doccano&labelMap=%7B');
    expect(notJson.status).toBe(400);
    expect(JSON.stringify(notJson.data.error)).toContain('labelMap');
  });

  it('imports a brat zip: fragments as spans, events and equivalences reported as skipped', async () => {
    const body = zip({ 'docs/discontinuous.txt': read('brat/discontinuous.txt'), 'docs/discontinuous.ann': read('brat/discontinuous.ann'), 'docs/PMID-9119025.txt': read('brat/PMID-9119025.txt'), 'docs/PMID-9119025.ann': read('brat/PMID-9119025.ann') });
    const r = await post(body, 'dryRun=false'); // detected from the zip's files
    expect(r.status).toBe(201);
    expect(r.data.result).toMatchObject({ format: 'brat', articles: 2, spans: 11 });
    expect(r.data.result.skippedItems.map((s: { reason: string }) => s.reason)).toContain('equivalence Alias T1 T2');
    // The fragments of the discontinuous span stay linked: the project now has a `fragment` relation type.
    expect(r.data.result.skippedItems.map((s: { reason: string }) => s.reason)).toContain("1 links the project's relation types do not allow (Colleague)");
    expect((await stored()).flat()).toEqual(expect.arrayContaining(['organization "the"', 'organization "club"', 'protein "inhibitor kappaB alpha"']));
    const scheme = (await wb.request('GET', `/api/projects/${projectId}/scheme`, { cookie: admin })).data;
    expect(scheme.scheme.relationTypes).toContainEqual({ key: 'fragment', name: 'Fragment (the next part of one discontinuous span)', from: ['organization'], to: ['organization'] });
    expect(await links()).toEqual(['fragment organization "the" → organization "club"']);
    const refused = await post(body, 'format=brat&discontinuous=refuse&onDuplicate=add', 'application/zip');
    expect(refused.status).toBe(400);
    expect(refused.data.error.message).toContain('discontinuous spans are refused');
  });

  it('imports Label Studio with several annotators as new locked accounts unless mapped', async () => {
    await wb.userWithSession('bea');
    const dry = await post(read('labelstudio/export.json'), 'dryRun=true', 'application/json');
    expect(dry.data.result.format).toBe('labelstudio');
    expect(dry.data.result.annotators.map((a: { name: string; problem?: string }) => [a.name, !!a.problem])).toEqual([['labelstudio-1', false], ['bea@example.org', true]]);
    const r = await post(read('labelstudio/export.json'), `format=labelstudio&annotatorMap=${encodeURIComponent('{"bea@example.org":"bea"}')}`, 'application/json');
    expect(r.status).toBe(201);
    expect(r.data.result).toMatchObject({ createdAnnotators: ['labelstudio-1'], mapped: { 'bea@example.org': 'bea' }, spans: 4 });
    expect((await stored())[0]).toEqual(['location "Paris"', 'person "Angela Merkel"', 'person "Both"', 'person "Emmanuel Macron"']);
  });

  it('imports spaCy, CoNLL, WebAnno and a W3C zip through the same path', async () => {
    expect((await post(read('spacy/prodigy.jsonl'), 'format=spacy')).data.result).toMatchObject({ articles: 2, spans: 3 });
    expect((await post(read('conll/conll2003.txt'), 'dryRun=true')).data.result).toMatchObject({ format: 'conll', articles: 2, spans: 5 });
    const webanno = await post(read('webanno/two-layers.tsv'), `format=webanno&layer=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity&feature=value`, 'text/tab-separated-values');
    expect(webanno.data.result).toMatchObject({ articles: 1, spans: 2, relations: 0 });
    const w3c = await post(zip({ 'page1.txt': read('w3c/page1.txt'), 'collection.jsonld': read('w3c/collection.jsonld') }), 'dryRun=false');
    expect(w3c.data.result).toMatchObject({ format: 'w3c', articles: 1, spans: 2, relations: 0 });
    // The link joins two new labels the project's relation types do not connect: left out, and said so.
    expect(w3c.data.result.skippedItems).toEqual([{ line: 1, where: 'page1', reason: "1 links the project's relation types do not allow (attributes)" }]);
  });

  it('reads CR and CRLF line ends with offsets moved, in JSONL and foreign formats', async () => {
    const crlf = JSON.stringify({ id: 'c1', text: 'Erste Zeile\r\nZweite böse Zeile\rDritte', spans: [{ start: 20, end: 24, label: 'evaluative', annotator: 'anna' }, { start: 31, end: 37, label: 'evaluative', annotator: 'anna' }] });
    const r = await post(crlf + '\r' + JSON.stringify({ id: 'c2', text: 'x y' }) + '\r\n', 'format=jsonl', 'application/x-ndjson');
    expect(r.status).toBe(201);
    expect(r.data.result.articles).toBe(2);
    expect((await stored())[0]).toEqual(['evaluative "Dritte"', 'evaluative "böse"']);
    const brat = zip({ 'd.txt': 'Eins\r\nZwei Drei\r\n', 'd.ann': 'T1\tX 11 15\tDrei\n' });
    await post(brat, 'format=brat', 'application/zip');
    expect((await stored()).flat()).toContain('x "Drei"');
  });

  it('never derives a reserved key, and leaves out attributes a new label cannot declare', async () => {
    const brat = zip({ 'd.txt': 'Status quo ante.', 'd.ann': 'T1\tStatus 0 6\tStatus\nA1\tid T1 x\nA2\tPolarity T1 neg\n' });
    const r = await post(brat, 'format=brat');
    expect(r.status).toBe(201);
    expect(r.data.result.labels).toEqual([{ name: 'Status', spans: 1, action: 'create', key: 'status_2' }]);
    expect(r.data.result.skippedItems).toContainEqual({ line: 1, where: 'd', reason: 'attribute "id" (no identifier, or a reserved name)' });
    const label = (await wb.request('GET', `/api/projects/${projectId}/labels`, { cookie: admin })).data.labels.find((l: { key: string }) => l.key === 'status_2');
    expect(label.attributes.map((a: { key: string }) => a.key)).toEqual(['Polarity']);
  });

  it('a dry run of JSONL lists a label the project lacks as unknown; the import refuses it unless mapped', async () => {
    const line = JSON.stringify({ id: 'j1', text: 'Schlecht gemacht.', spans: [{ start: 0, end: 8, label: 'meinung', annotator: 'anna' }] });
    const dry = await post(line, 'format=jsonl&dryRun=true', 'application/x-ndjson');
    expect(dry.status).toBe(200);
    expect(dry.data.result.labels).toEqual([{ name: 'meinung', spans: 1, action: 'unknown', key: 'meinung' }]);
    expect((await post(line, 'format=jsonl', 'application/x-ndjson')).data.error.message).toContain('spans.0.label: "meinung" is not a label of this project');
    const mapped = await post(line, `format=jsonl&labelMap=${encodeURIComponent('{"meinung":"evaluative"}')}`, 'application/x-ndjson');
    expect(mapped.status).toBe(201);
    expect((await stored()).flat()).toEqual(['evaluative "Schlecht"']);
  });

  it('refuses a bad document by line or file and imports nothing', async () => {
    const before = await labelKeys();
    const r = await post('{"text": "abc", "label": [[0, 2, "OK"]]}\n{"text": "abc", "label": [[2, 9, "BAD"]]}\n', 'format=doccano');
    expect(r.status).toBe(400);
    expect(r.data.error).toMatchObject({ code: 'invalid_input', details: { errors: [{ line: 2 }] } });
    expect(await labelKeys()).toEqual(before);
    const query = await post('x', 'format=excel');
    expect(query.status).toBe(400);
    expect(JSON.stringify(query.data.error.details)).toContain('format');
  });

  it('exports CoNLL in the CoNLL-2003 shape by default (multi-column on request), and that export imports back with the same spans', async () => {
    const line = JSON.stringify({ id: 'x y', text: 'Die Regierung in Berlin schweigt.', spans: [{ start: 4, end: 13, label: 'attribution', annotator: 'anna' }] });
    expect((await post(line, 'format=jsonl', 'application/x-ndjson')).status).toBe(201);
    const res = await wb.app.request(`/api/projects/${projectId}/export?format=conll`, { headers: { cookie: admin } });
    const conll = await res.text();
    expect(conll.split('\n').slice(0, 4)).toEqual(['-DOCSTART- -X- O O', '', 'Die _ _ O', 'Regierung _ _ B-attribution']);
    const columns = await (await wb.app.request(`/api/projects/${projectId}/export?format=conll&conllShape=columns`, { headers: { cookie: admin } })).text();
    expect(columns.split('\n')[0]).toBe('-DOCSTART-\tx y\tanna');
    const back = await post(conll, 'dryRun=true&onDuplicate=add');
    expect(back.data.result).toMatchObject({ format: 'conll', articles: 1, spans: 1, labels: [{ name: 'attribution', action: 'existing', key: 'attribution', spans: 1 }] });
  });

  it('imports 50,000 JSONL lines in one request (chunked statements, one transaction)', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Artikel Nummer ${i} ist böse.`, spans: [{ start: 0, end: 7, label: 'evaluative', annotator: 'anna' }] }));
    const r = await post(lines.join('\n'), 'format=jsonl', 'application/x-ndjson');
    expect(r.status).toBe(201);
    expect(r.data.result).toMatchObject({ articles: 50_000, spans: 50_000 });
  }, 120_000);
});
