import { beforeEach, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Wb = Awaited<ReturnType<typeof freshWorkbench>>;

const line = (doc: object) => JSON.stringify(doc);
const span = (annotator: string, extra: object = {}) => ({ start: 0, end: 4, label: 'evaluative', annotator, ...extra });
const FILE = [
  line({ id: 'a1', text: 'Böse Worte fallen.', spans: [span('anna')] }),
  line({ id: 'a2', text: 'Gute Worte fallen auch.', spans: [span('anna'), span('ben')] }),
].join('\n');

describe('JSONL imports that cannot hijack or duplicate', () => {
  let wb: Wb;
  let admin: string;
  let projectId: number;

  beforeEach(async () => {
    wb = await freshWorkbench({ seed: false });
    admin = await wb.admin();
    projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Imports' } })).data.project.id;
  });

  /** POSTs a file (string or raw bytes) to the import route. */
  const importFile = async (body: string | Uint8Array, query = '', project = projectId) => {
    const res = await wb.app.request(`/api/projects/${project}/import?format=jsonl${query}`, { method: 'POST', headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/x-ndjson' }, body: body as BodyInit });
    return { status: res.status, data: await res.json() };
  };
  const articles = async () => (await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin })).data.articles;
  const usernames = async () => (await wb.request('GET', '/api/users', { cookie: admin })).data.users.map((u: { username: string }) => u.username).sort();
  const progressOf = async () =>
    (await articles()).map((a: { progress: Array<{ username: string; status: string; spans: number }> }) => a.progress.map((p) => `${p.username}:${p.status}:${p.spans}`));

  it('gives a file’s annotator named like the gold standard an account of its own (gold-import)', async () => {
    const r = await importFile(line({ id: 'g1', text: 'Böse Worte fallen.', spans: [span('gold')] }));
    expect(r.status, JSON.stringify(r.data)).toBe(201);
    expect(r.data.result.createdAnnotators).toEqual(['gold-import']);
    expect(await usernames()).not.toContain('gold');
  });

  it('never attaches a file’s annotator to an existing account of the same name', async () => {
    const anna = await wb.userWithSession('anna');
    const r = await importFile(FILE);
    expect(r.status).toBe(201);
    expect(r.data.result).toMatchObject({ articles: 2, spans: 3, createdAnnotators: ['anna-import', 'ben'], mapped: {} });
    expect(r.data.result.annotators).toEqual([
      { name: 'anna', line: 1, spans: 2, existing: true, action: 'create', account: 'anna-import' },
      { name: 'ben', line: 2, spans: 1, existing: false, action: 'create', account: 'ben' },
    ]);
    expect(await progressOf()).toEqual([['anna-import:submitted:1'], ['anna-import:submitted:1', 'ben:submitted:1']]);
    const seen = await wb.request('GET', '/api/projects', { cookie: anna.cookie });
    expect(seen.data.projects).toEqual([]);
    // The new account is locked: no password signs in.
    const login = await wb.request('POST', '/api/auth/login', { json: { username: 'anna-import', password: 'locked$imported' } });
    expect(login.status).toBe(401);
    // A second file naming anna again finds anna-import taken too.
    const again = await importFile(line({ id: 'a3', text: 'Noch ein Text.', spans: [span('anna')] }));
    expect(again.data.result.createdAnnotators).toEqual(['anna-import-2']);
  });

  it('attaches to an existing account when the supervisor maps the name, and refuses an unknown target', async () => {
    const anna = await wb.userWithSession('anna');
    const map = encodeURIComponent(JSON.stringify({ anna: 'anna' }));
    const r = await importFile(FILE, `&annotatorMap=${map}`);
    expect(r.status).toBe(201);
    expect(r.data.result).toMatchObject({ createdAnnotators: ['ben'], mapped: { anna: 'anna' } });
    expect(await progressOf()).toEqual([['anna:submitted:1'], ['anna:submitted:1', 'ben:submitted:1']]);
    const seen = await wb.request('GET', '/api/projects', { cookie: anna.cookie });
    expect(seen.data.projects.map((p: { id: number }) => p.id)).toEqual([projectId]);

    const unknown = await importFile(FILE, `&onDuplicate=add&annotatorMap=${encodeURIComponent('{"anna":"nobody"}')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.data.error.details.issues[0].path).toBe('annotatorMap.anna');
    const malformed = await importFile(FILE, '&annotatorMap=%7Bnope');
    expect(malformed.status).toBe(400);
    expect(malformed.data.error.message).toContain('annotatorMap');
    expect(await articles()).toHaveLength(2);
  });

  it('refuses names that are no valid usernames, naming each line, and imports nothing', async () => {
    const unsafe = ['eve\r\nadmin', '"quoted"', '<b>eve</b>', '../etc', 'two words', 'x'.repeat(51)];
    const file = ['ok', ...unsafe].map((name, i) => line({ id: `u${i}`, text: `Text Nummer ${i}.`, spans: [span(name)] })).join('\n');
    const before = await usernames();
    const r = await importFile(file);
    expect(r.status).toBe(400);
    expect(r.data.error.message).toMatch(/^Nothing was imported\. Line 2: annotator: "eve\\r\\nadmin" is no valid username/);
    expect(r.data.error.details.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(await articles()).toEqual([]);
    expect(await usernames()).toEqual(before);
    // Mapped explicitly to an account, such a name is fine.
    await wb.userWithSession('eve');
    const mapped = await importFile(line({ id: 'm', text: 'Gemappt.', spans: [span('two words')] }), `&annotatorMap=${encodeURIComponent('{"two words":"eve"}')}`);
    expect(mapped.status).toBe(201);
    expect(await progressOf()).toEqual([['eve:submitted:1']]);
    // Names that are also keys of every JS object are names like any other.
    const proto = await importFile(line({ id: 'p', text: 'Prototyp.', spans: [span('constructor'), span('toString')] }));
    expect(proto.data.result.createdAnnotators).toEqual(['constructor', 'toString']);
  });

  it('keeps drafts as drafts: the assignment stays in progress and agreement does not count it', async () => {
    const file = [
      line({ id: 'd1', text: 'Böse Worte fallen.', spans: [span('anna'), span('ben', { status: 'draft' })], annotators: [{ annotator: 'cem', status: 'draft' }] }),
      line({ id: 'd2', text: 'Andere Worte fallen.', status: 'draft', spans: [span('anna'), span('ben', { status: 'submitted' })] }),
    ].join('\n');
    const r = await importFile(file);
    expect(r.status).toBe(201);
    expect(await progressOf()).toEqual([
      ['anna:submitted:1', 'ben:in_progress:1', 'cem:in_progress:0'],
      ['anna:in_progress:1', 'ben:submitted:1'],
    ]);
    const report = (await wb.request('GET', `/api/projects/${projectId}/agreement?iterations=0`, { cookie: admin })).data.report;
    expect(report.annotators.sort()).toEqual(['anna', 'ben']);
    expect(report.counts.spans).toBe(2);

    const mixed = line({ id: 'x', text: 'Gemischt hier.', spans: [span('anna'), span('anna', { start: 5, end: 8, status: 'draft' })] });
    const bad = await importFile(`${line({ id: 'ok', text: 'Fein.' })}\n${mixed}`);
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toMatch(/^Nothing was imported\. Line 2: spans\.1\.status: "anna"'s work on this document is both submitted/);
  });

  it('skips duplicates by external id or text, counting them; onDuplicate=add and replace', async () => {
    await importFile(FILE);
    const again = await importFile(FILE);
    expect(again.status).toBe(201);
    expect(again.data.result).toMatchObject({ articles: 0, spans: 0, skipped: 2, createdAnnotators: [] });
    expect(again.data.result.duplicates.map((d: { line: number; reason: string; action: string }) => `${d.line}:${d.reason}:${d.action}`)).toEqual(['1:externalId:skipped', '2:externalId:skipped']);
    // The same text under another id, and a repeat within the file.
    const sameText = [line({ id: 'other', text: 'Böse Worte fallen.' }), line({ id: 'n1', text: 'Neu.' }), line({ id: 'n1', text: 'Neu, zweimal.' })].join('\n');
    const r = await importFile(sameText);
    expect(r.data.result).toMatchObject({ articles: 1, skipped: 2 });
    expect(r.data.result.duplicates).toMatchObject([
      { line: 1, reason: 'text', earlierLine: null, action: 'skipped' },
      { line: 3, reason: 'externalId', articleIds: [], earlierLine: 2, action: 'skipped' },
    ]);
    expect(await articles()).toHaveLength(3);

    const added = await importFile(FILE, '&onDuplicate=add');
    expect(added.data.result).toMatchObject({ articles: 2, skipped: 0 });
    expect(added.data.result.duplicates.map((d: { action: string }) => d.action)).toEqual(['added', 'added']);
    expect(await articles()).toHaveLength(5);
  });

  it('replaces an existing article and all its work with onDuplicate=replace', async () => {
    await importFile(FILE);
    const old = await articles();
    const replacement = line({ id: 'a1', text: 'Böse Worte fallen.', spans: [span('zoe', { end: 10 })] });
    const r = await importFile(replacement, '&onDuplicate=replace');
    expect(r.status).toBe(201);
    expect(r.data.result).toMatchObject({ articles: 1, replaced: 1 });
    expect(r.data.result.duplicates).toEqual([
      { line: 1, externalId: 'a1', reason: 'externalId', articleIds: [old[0].id], earlierLine: null, action: 'replaced', removed: { spans: 1, assignments: 1 } },
    ]);
    const now = await articles();
    expect(now.map((a: { externalId: string }) => a.externalId)).toEqual(['a2', 'a1']);
    expect(now[1].id).not.toBe(old[0].id);
    expect(await progressOf()).toEqual([['anna:submitted:1', 'ben:submitted:1'], ['zoe:submitted:1']]);
  });

  it('reads bytes: UTF-8 with BOM and UTF-16 with BOM import; Windows-1252 is refused by line', async () => {
    const text = (id: string) => `Überschrift „zitiert“ 👍🏽 ${id}.`;
    const doc = (id: string) => line({ id, text: text(id), spans: [{ start: 0, end: 11, label: 'evaluative', annotator: 'anna' }] }) + '\r\n';
    const utf16 = (s: string, le: boolean) => {
      const out = new Uint8Array(2 + s.length * 2);
      out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out.set(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff], 2 + i * 2);
      }
      return out;
    };
    const bom8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(doc('b8'))]);
    for (const [body, id] of [[bom8, 'b8'], [utf16(doc('le'), true), 'le'], [utf16(doc('be'), false), 'be']] as const) {
      const r = await importFile(body);
      expect(r.status, id).toBe(201);
      expect(r.data.result).toMatchObject({ articles: 1, spans: 1 });
    }
    const list = await articles();
    expect(list.map((a: { externalId: string }) => a.externalId)).toEqual(['b8', 'le', 'be']);
    for (const a of list) {
      const stored = (await wb.request('GET', `/api/articles/${a.id}`, { cookie: admin })).data.article;
      expect(stored.text).toBe(text(a.externalId));
    }

    const cp1252 = new Uint8Array([...new TextEncoder().encode(line({ id: 'ok', text: 'Fein.' }) + '\n{"id": "w", "text": "'), 0xdc, ...new TextEncoder().encode('berschrift"}\n')]);
    const r = await importFile(cp1252, '&onDuplicate=add');
    expect(r.status).toBe(400);
    expect(r.data.error.message).toMatch(/^Line 2: the file is not UTF-8/);
    expect(r.data.error.details.errors).toEqual([{ line: 2, message: expect.stringContaining('0xdc') }]);
    expect(await articles()).toHaveLength(3);
  });

  it('refuses a lone surrogate, naming line and field', async () => {
    const file = `${line({ id: 'ok', text: 'Fein.' })}\n{"id": "s", "text": "Halb \\ud800 kaputt."}\n{"id": "t", "text": "Gut.", "spans": [{"start": 0, "end": 3, "label": "evaluative", "annotator": "an\\udc00na"}]}`;
    const r = await importFile(file);
    expect(r.status).toBe(400);
    expect(r.data.error.message).toMatch(/^Nothing was imported\. Line 2: text: is not well-formed Unicode/);
    expect(r.data.error.details.errors).toEqual([
      { line: 2, message: expect.stringMatching(/^text: /) },
      { line: 3, message: expect.stringMatching(/^spans\.0\.annotator: /) },
    ]);
    expect(await articles()).toEqual([]);
  });

  it('answers a dry run with what would happen and writes nothing', async () => {
    await wb.userWithSession('anna');
    await importFile(line({ id: 'a1', text: 'Böse Worte fallen.' }));
    const before = { users: await usernames(), articles: await articles() };
    const r = await importFile(FILE, '&dryRun=true');
    expect(r.status).toBe(200);
    expect(r.data.result).toMatchObject({
      dryRun: true,
      articles: 1,
      spans: 2,
      skipped: 1,
      createdAnnotators: ['anna-import', 'ben'],
      duplicates: [{ line: 1, externalId: 'a1', action: 'skipped' }],
    });
    expect(r.data.result.annotators.map((a: { name: string; existing: boolean; account: string }) => [a.name, a.existing, a.account])).toEqual([
      ['anna', true, 'anna-import'],
      ['ben', false, 'ben'],
    ]);
    expect(await usernames()).toEqual(before.users);
    expect(await articles()).toEqual(before.articles);
    // A name that must be mapped is listed (the page asks for the mapping); the import itself refuses it.
    const unsafe = await importFile(line({ id: 'z', text: 'Zett.', spans: [span('<script>')] }), '&dryRun=true');
    expect(unsafe.status).toBe(200);
    expect(unsafe.data.result.annotators).toEqual([expect.objectContaining({ name: '<script>', account: null, problem: expect.stringContaining('map it') })]);
    expect(unsafe.data.result.createdAnnotators).toEqual([]);
    expect((await importFile(line({ id: 'z', text: 'Zett.', spans: [span('<script>')] }))).status).toBe(400);
    expect(await articles()).toEqual(before.articles);
  });

  it('POST /articles skips duplicates too, and takes onDuplicate in its body; nothing half-written', async () => {
    const post = (json: object) => wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json });
    const first = await post({ articles: [{ text: 'Eins.', externalId: 'e1' }, { text: 'Zwei.' }] });
    expect(first.status).toBe(201);
    const second = await post({ articles: [{ text: 'Eins, neu.', externalId: 'e1' }, { text: 'Zwei.' }, { text: 'Drei.' }] });
    expect(second.data).toMatchObject({ skipped: 2, replaced: 0 });
    expect(second.data.articles.map((a: { title: string }) => a.title)).toEqual(['Drei.']);
    expect(second.data.duplicates.map((d: { index: number; reason: string }) => `${d.index}:${d.reason}`)).toEqual(['0:externalId', '1:text']);
    const added = await post({ articles: [{ text: 'Zwei.' }], onDuplicate: 'add' });
    expect(added.data.articles).toHaveLength(1);
    const bad = await post({ articles: [{ text: 'Vier.' }], onDuplicate: 'merge' });
    expect(bad.status).toBe(400);
    expect(bad.data.error.details.issues[0].path).toBe('onDuplicate');
    const replaced = await post({ articles: [{ text: 'Eins, ersetzt.', externalId: 'e1' }, { text: '   ' }], onDuplicate: 'replace' });
    expect(replaced.status).toBe(400);
    expect((await articles()).map((a: { title: string }) => a.title)).toEqual(['Eins.', 'Zwei.', 'Drei.', 'Zwei.']);
  });
});
