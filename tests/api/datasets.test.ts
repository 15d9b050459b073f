import { execFileSync } from 'node:child_process';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidBio, parseBratAnn, parseConll, parseJsonl, parseWebAnnoTsv, type ExportDoc } from '@mbw/shared';
import { and, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import { annotations, articles, assignments } from '../../server/src/db/tables.js';
import { freshWorkbench, ON_POSTGRES } from './harness.js';

const TEXT = 'Laut „Quelle“ 👍🏽 sagte er: ‚Café in 🇩🇪‘ sei teuer.\nDas ist ein Skandal 😡 – so die Zeitung q\u0307.';

describe('datasets: export and import', () => {
  let wb: Awaited<ReturnType<typeof freshWorkbench>>;
  let admin: string;
  let projectId: number;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    admin = await wb.admin();
    projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Export' } })).data.project.id;
    const imported = await wb.request('POST', `/api/projects/${projectId}/articles`, {
      cookie: admin,
      json: { articles: [{ text: TEXT, title: 'Unicode', externalId: 'u1', source: 'test' }, { text: 'Zweiter Artikel ohne Spans.' }] },
    });
    const articleId = imported.data.articles[0].id;
    const [anna, ben] = await Promise.all([wb.userWithSession('anna'), wb.userWithSession('ben')]);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [anna.user.id, ben.user.id], articleIds: [articleId] } });
    const cpIndex = (needle: string) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
    const span = async (cookie: string, label: string, needle: string, extra: object = {}) => {
      const start = cpIndex(needle);
      const r = await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie, json: { label, start, end: start + Array.from(needle).length, ...extra } });
      expect(r.status).toBe(201);
      return r.data.annotation.id as string;
    };
    const src = await span(anna.cookie, 'attribution', 'Laut „Quelle“', { attributes: { sourceType: 'anonymous' }, note: 'vage, „so“' });
    const claim = await span(anna.cookie, 'unsupported_claim', '‚Café in 🇩🇪‘ sei teuer.', { attributes: { checkable: 'yes' } });
    await span(anna.cookie, 'evaluative', 'Skandal 😡', { attributes: { polarity: 'negative' } });
    await span(ben.cookie, 'evaluative', 'Café in 🇩🇪‘ sei teuer');
    await span(ben.cookie, 'evaluative', 'q\u0307');
    await wb.request('POST', `/api/articles/${articleId}/relations`, { cookie: anna.cookie, json: { from: src, to: claim, type: 'attributes' } });
    // anna submits; ben's work stays a draft (exported with status=all only)
    expect((await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: anna.cookie })).status).toBe(200);
  });

  const exportText = async (query: string, project = projectId) => {
    const res = await wb.app.request(`/api/projects/${project}/export?${query}`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    return { res, text: await res.text() };
  };
  const exportZip = async (query: string) => {
    const res = await wb.app.request(`/api/projects/${projectId}/export?${query}`, { headers: { cookie: admin } });
    expect(res.headers.get('content-type')).toBe('application/zip');
    return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await res.arrayBuffer()))).map(([k, v]) => [k, strFromU8(v)]));
  };
  const docsOf = (jsonl: string): ExportDoc[] => {
    const parsed = parseJsonl(jsonl);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.docs;
  };

  it('exports JSONL whose offsets select each quote in Python', async () => {
    const { res, text } = await exportText('format=jsonl&source=all&status=all');
    expect(res.headers.get('content-disposition')).toContain(`project-${projectId}-all.jsonl`);
    const docs = docsOf(text);
    expect(docs.map((d) => d.id)).toEqual(['u1', expect.any(String)]);
    expect(docs[0]!.spans).toHaveLength(5);
    expect(docs[0]!.relations).toHaveLength(1);
    const script = 'import sys, json\nn = 0\nfor line in sys.stdin:\n  d = json.loads(line)\n  for s in d["spans"]:\n    assert d["text"][s["start"]:s["end"]] == s["quote"], (s, d["text"][s["start"]:s["end"]])\n    n += 1\nprint(n)';
    expect(execFileSync('python3', ['-c', script], { input: text }).toString().trim()).toBe('5');
  });

  it('exports one annotator, or answers clearly that there is no gold yet', async () => {
    const docs = docsOf((await exportText('format=jsonl&source=ben&status=all')).text);
    expect(docs[0]!.spans.map((s) => s.annotator)).toEqual(['ben', 'ben']);
    expect(docsOf((await exportText('format=jsonl&source=ben')).text)[0]!.spans).toEqual([]); // drafts only with status=all
    const gold = await wb.request('GET', `/api/projects/${projectId}/export?source=gold`, { cookie: admin });
    expect(gold.status).toBe(409);
    expect(gold.data.error.message).toContain('gold');
    const nobody = await wb.request('GET', `/api/projects/${projectId}/export?source=zoe`, { cookie: admin });
    expect(nobody.status).toBe(400);
    expect(nobody.data.error.message).toContain('source');
    const badFormat = await wb.request('GET', `/api/projects/${projectId}/export?format=docx`, { cookie: admin });
    expect(badFormat.status).toBe(400);
    expect(badFormat.data.error.message).toContain('format');
  });

  it('round-trips exactly: export, import into another project, export again', async () => {
    const first = (await exportText('format=jsonl&source=all&status=all')).text;
    const target = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Copy' } })).data.project.id;
    // The file's annotators go to the existing accounts only because they are mapped explicitly.
    const map = encodeURIComponent(JSON.stringify({ anna: 'anna', ben: 'ben' }));
    const imp = await wb.request('POST', `/api/projects/${target}/import?format=jsonl&annotatorMap=${map}`, { cookie: admin, body: first, headers: { 'content-type': 'application/x-ndjson' } });
    expect(imp.status).toBe(201);
    expect(imp.data.result).toMatchObject({ articles: 2, spans: 5, relations: 1, createdAnnotators: [], mapped: { anna: 'anna', ben: 'ben' } });
    const second = (await exportText('format=jsonl&source=all&status=all', target)).text;
    // Span ids are new (they are unique across the database); everything else is identical.
    const normalise = (docs: ExportDoc[]) =>
      docs.map((d) => {
        const ids = new Map(d.spans.map((s, i) => [s.id, `#${i}`]));
        return { ...d, spans: d.spans.map((s) => ({ ...s, id: ids.get(s.id) })), relations: d.relations.map((r) => ({ ...r, from: ids.get(r.from), to: ids.get(r.to) })) };
      });
    expect(normalise(docsOf(second))).toEqual(normalise(docsOf(first)));
    // The imported work keeps its status: anna's submitted, ben's a draft.
    const list = await wb.request('GET', `/api/projects/${target}/articles`, { cookie: admin });
    expect(list.data.articles[0].progress.map((p: { status: string }) => p.status).sort()).toEqual(['in_progress', 'submitted']);
  });

  it('refuses a file with a bad line, naming the line, and imports nothing', async () => {
    const target = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Refused' } })).data.project.id;
    const lines = [
      JSON.stringify({ id: 'a', text: 'Gut.', spans: [{ start: 0, end: 3, label: 'evaluative', annotator: 'neu' }] }),
      JSON.stringify({ id: 'b', text: 'Auch gut.' }),
      JSON.stringify({ id: 'c', text: 'Schlecht.', spans: [{ start: 0, end: 4, label: 'meinung', annotator: 'neu' }] }),
      '{"id": "d", "text": ',
    ];
    const r = await wb.request('POST', `/api/projects/${target}/import?format=jsonl`, { cookie: admin, body: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.status).toBe(400);
    expect(r.data.error.message).toMatch(/^Nothing was imported\. Line 3: spans\.0\.label: "meinung"/);
    expect(r.data.error.details.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    const after = await wb.request('GET', `/api/projects/${target}/articles`, { cookie: admin });
    expect(after.data.articles).toEqual([]);
    const users = await wb.request('GET', '/api/users', { cookie: admin });
    expect(users.data.users.map((u: { username: string }) => u.username)).not.toContain('neu');
  });

  it('imports a plain-text file as one article with its title', async () => {
    const r = await wb.request('POST', `/api/projects/${projectId}/import?format=txt`, { cookie: admin, body: 'Titel der Meldung\r\n\r\nErster Absatz.' });
    expect(r.status).toBe(201);
    const list = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin });
    expect(list.data.articles.at(-1).title).toBe('Titel der Meldung');
  });

  it('exports CoNLL with valid BIO in every label column, and Hugging Face rows with their label list', async () => {
    const conll = parseConll((await exportText('format=conll&conllShape=columns&articles=u1&status=all')).text);
    expect(conll.map((b) => b.annotator)).toEqual(['anna', 'ben']); // one block per annotator
    const tokens = conll[0]!.sentences.flatMap((s) => s.tokens);
    expect(tokens.length).toBeGreaterThan(10);
    for (const block of conll)
      for (const s of block.sentences) {
        expect(s.tags).toHaveLength(4); // one column per label of the default scheme (four since issue 10)
        for (const column of s.tags) expect(isValidBio(column)).toBe(true);
      }
    expect(conll.map((b) => b.sentences.flatMap((s) => s.tags[1]!).filter((t) => t.startsWith('B-')).length)).toEqual([1, 2]);
    const rows = (await exportText('format=hf&articles=u1&status=all')).text.trim().split('\n').map((l) => JSON.parse(l));
    const names = JSON.parse((await exportText('format=hf-labels')).text);
    expect(rows[0].tokens).toContain('👍🏽');
    expect(rows[0].ner_tags_evaluative.length).toBe(rows[0].tokens.length);
    expect(names.ner_tags_evaluative).toEqual(['O', 'B-evaluative', 'I-evaluative']);
  });

  it('exports brat and WebAnno TSV zips that parse back to the same spans', async () => {
    const jsonSpans = docsOf((await exportText('format=jsonl&articles=u1&status=all')).text)[0]!.spans;
    const key = (s: { start: number; end: number; label: string; annotator: string }) => `${s.start}-${s.end}-${s.label}-${s.annotator}`;
    const brat = await exportZip('format=brat&articles=u1&status=all');
    expect(Object.keys(brat).sort()).toEqual(['annotation.conf', 'manifest.json', 'u1.ann', 'u1.txt']);
    expect(brat['u1.txt']).toBe(TEXT);
    expect(parseBratAnn(brat['u1.ann']!, brat['u1.txt']!).spans.map(key).sort()).toEqual(jsonSpans.map(key).sort());
    const webanno = await exportZip('format=webanno&articles=u1&status=all');
    const name = Object.keys(webanno).find((n) => n.endsWith('.tsv'));
    const parsed = parseWebAnnoTsv(webanno[name!]!);
    expect(parsed.text).toBe(TEXT);
    expect(parsed.spans.map(key).sort()).toEqual(jsonSpans.map(key).sort());
  });

  it('exports W3C Web Annotation JSON-LD and CSV', async () => {
    const w3c = JSON.parse((await exportText('format=w3c&articles=u1')).text);
    expect(w3c.type).toBe('AnnotationCollection');
    const csv = (await exportText('format=csv&articles=u1')).text;
    expect(csv.split('\r\n')[0]).toBe('article_id,span_id,annotator,label,start,end,quote,attributes,note,status');
    expect(csv).toContain('"vage, „so“"');
  });

  it('exports a reproducible split by article', async () => {
    const all = docsOf((await exportText('format=jsonl')).text).map((d) => d.id);
    const parts = await Promise.all(['train', 'dev', 'test'].map(async (p) => docsOf((await exportText(`format=jsonl&split=${p}&seed=3&ratios=1,1,1`)).text).map((d) => d.id)));
    expect(parts.flat().sort()).toEqual([...all].sort());
    const again = docsOf((await exportText('format=jsonl&split=train&seed=3&ratios=1,1,1')).text).map((d) => d.id);
    expect(again).toEqual(parts[0]);
  });
});

describe('a large export streams', () => {
  // PostgreSQL needs longer: its INSERT … SELECT checks two foreign keys a row (≈ 16 s at load average 16), and its export reads every document first
  it('sends 200,000 spans article by article (on SQLite reading each article only when the client asks)', { timeout: ON_POSTGRES ? 90_000 : 30_000 }, async () => {
    const wb = await freshWorkbench({ seed: false });
    const admin = await wb.admin();
    const projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Big' } })).data.project.id;
    const text = 'Wort '.repeat(2000);
    const arts = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json: { articles: Array.from({ length: 200 }, (_, i) => ({ text, externalId: `a${i}` })), onDuplicate: 'add' } });
    const ids: number[] = arts.data.articles.map((a: { id: number }) => a.id);
    const { user } = await wb.userWithSession('bulk');
    // submitted work (exports count submitted work only by default)
    await wb.db.insert(assignments).values(ids.map((articleId) => ({ articleId, annotatorId: user.id, status: 'submitted' as const })));
    const span = (articleId: number, k: number, id = `${articleId}-${k}`) =>
      ({ id, articleId, annotatorId: user.id, labelKey: 'evaluative', start: k * 5, end: k * 5 + 4, quote: 'Wort', attributes: {}, version: 1, updatedAt: '2026-01-01T00:00:00Z' });
    // the first article's 1000 spans, then the same spans on every other article in one INSERT … SELECT (ids `article-k`)
    await wb.db.insert(annotations).values(Array.from({ length: 1000 }, (_, k) => span(ids[0]!, k)));
    const { id: _id, articleId: _articleId, ...rest } = getTableColumns(annotations);
    await wb.db.insert(annotations).select(
      wb.db
        .select({ id: sql<string>`${articles.id} || '-' || (${annotations.start} / 5)`.as('id'), articleId: sql<number>`${articles.id}`.as('article_id'), ...rest })
        .from(articles)
        .innerJoin(annotations, eq(annotations.articleId, ids[0]!))
        .where(and(eq(articles.projectId, projectId), ne(articles.id, ids[0]!))),
    );

    const res = await wb.app.request(`/api/projects/${projectId}/export?format=jsonl`, { headers: { cookie: admin } });
    const reader = res.body!.getReader();
    const first = await reader.read();
    // The last article is read only later: a span added now still appears in the export (on SQLite; PostgreSQL's
    // export reads every document before its first byte, docs/postgres.md, so there the span comes too late).
    await wb.db.insert(annotations).values(span(ids.at(-1)!, 0, 'late-span'));
    let chunks = 1;
    let bytes = first.value!.length;
    let largest = bytes;
    let tail = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      bytes += value.length;
      largest = Math.max(largest, value.length);
      tail = decoder.decode(value);
    }
    expect(chunks).toBe(200); // one chunk an article, never the whole export at once
    expect(largest).toBeLessThan(bytes / 100);
    expect(bytes).toBeGreaterThan(200_000 * 100);
    expect(tail.includes('late-span'), 'the span written after the first chunk').toBe(!ON_POSTGRES);
  });
});
