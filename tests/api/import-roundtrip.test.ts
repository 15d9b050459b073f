import { unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Wb = Awaited<ReturnType<typeof freshWorkbench>>;

const TEXT = '„Das ist falsch“, sagte ein Sprecher in Berlin.\nDie Opposition 👍🏽 widersprach.';
const at = (quote: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(quote))].length;
  return { start, end: start + [...quote].length };
};
const DOC = {
  id: 'art 1/ä',
  text: TEXT,
  spans: [
    { id: 's1', ...at('sagte ein Sprecher'), label: 'attribution', annotator: 'anna', attributes: { sourceType: 'anonymous' } },
    { id: 's2', ...at('Das ist falsch'), label: 'statement', annotator: 'anna' },
    { id: 's3', ...at('Opposition 👍🏽'), label: 'evaluative', annotator: 'ben', status: 'draft' },
  ],
  relations: [{ from: 's1', to: 's2', type: 'attributes' }],
};

describe('our exports import back through the one import path', () => {
  let wb: Wb;
  let admin: string;
  const project = async (name: string) => (await wb.request('POST', '/api/projects', { cookie: admin, json: { name } })).data.project.id as number;
  const post = async (id: number, body: string | Uint8Array, query: string) => {
    const res = await wb.app.request(`/api/projects/${id}/import?${query}`, { method: 'POST', headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/octet-stream' }, body: body as BodyInit });
    return { status: res.status, data: await res.json() };
  };
  const exported = async (id: number, query: string) => new Uint8Array(await (await wb.app.request(`/api/projects/${id}/export?${query}`, { headers: { cookie: admin } })).arrayBuffer());
  /** The project's work as comparable lines: article, span (label, offsets, annotator, status, attributes), links. */
  const work = async (id: number) => {
    const text = new TextDecoder().decode(await exported(id, 'format=jsonl&status=all'));
    return text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .map((d) => ({
        id: d.id,
        text: d.text,
        spans: d.spans.map((s: Record<string, unknown>) => `${s.label} ${s.start}-${s.end} ${s.annotator} ${s.status} ${JSON.stringify(s.attributes)}`).sort(),
        links: d.relations.length,
      }));
  };

  beforeEach(async () => {
    wb = await freshWorkbench({ seed: false });
    admin = await wb.admin();
  });

  it.each(['brat', 'webanno'])('%s export → import keeps text, spans, annotators, status, attributes and links', async (format) => {
    const source = await project('Source');
    expect((await post(source, JSON.stringify(DOC), 'format=jsonl')).status).toBe(201);
    const zip = await exported(source, `format=${format}&status=all`);
    expect(Object.keys(unzipSync(zip)).length).toBeGreaterThan(1);
    const target = await project('Target');
    const map = encodeURIComponent(JSON.stringify({ anna: 'anna', ben: 'ben' }));
    const r = await post(target, zip, `format=${format}&annotatorMap=${map}`);
    expect(r.status).toBe(201);
    expect(r.data.result.labels.every((l: { action: string }) => l.action === 'existing')).toBe(true);
    expect(await work(target)).toEqual(await work(source));
  });

  it('a zip holding only an export manifest is refused with its reason, nothing imported', async () => {
    const target = await project('Empty');
    const r = await post(target, zipSync({ 'manifest.json': new TextEncoder().encode('{}') }), 'format=brat');
    expect(r.status).toBe(400);
    expect(r.data.error.message).toContain('no .ann file');
  });
});
