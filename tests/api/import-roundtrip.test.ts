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

  it('the brat export passes the checks of brat’s verify_annotations.py: every type, attribute, value and relation declared', async () => {
    const source = await project('Verified');
    await post(source, JSON.stringify(DOC), 'format=jsonl');
    const files = unzipSync(await exported(source, 'format=brat&status=all'));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    const conf = text('annotation.conf');
    const section = (name: string) => conf.split(`[${name}]`)[1]!.split(/\n\[/)[0]!.split('\n').filter((l) => l.trim() && !l.startsWith('<'));
    const entities = new Set(section('entities'));
    const relations = new Map(section('relations').map((l) => [l.split('\t')[0]!, l]));
    const attributes = new Map(
      section('attributes').map((l) => {
        const [name, spec] = l.split('\t') as [string, string];
        const args = /Arg:([^,]+)/.exec(spec)![1]!.split('|');
        return [name, { args, values: /Value:(.*)$/.exec(spec)![1]!.split('|') }];
      }),
    );
    const problems: string[] = [];
    for (const name of Object.keys(files).filter((n) => n.endsWith('.ann'))) {
      const types = new Map<string, string>();
      for (const line of text(name).trim().split('\n')) {
        const [id, data] = line.split('\t') as [string, string];
        const parts = data.split(' ');
        if (id.startsWith('T')) (entities.has(parts[0]!) ? types.set(id, parts[0]!) : problems.push(`${name}: undeclared entity ${parts[0]}`));
        else if (id.startsWith('A')) {
          const def = attributes.get(parts[0]!);
          if (!def) problems.push(`${name}: undeclared attribute ${parts[0]}`);
          else if (!def.args.includes('<ENTITY>') && !def.args.includes(types.get(parts[1]!)!)) problems.push(`${name}: ${parts[0]} not allowed on ${types.get(parts[1]!)}`);
          else if (parts[2] !== undefined && !def.values.includes(parts[2])) problems.push(`${name}: ${parts[0]} value ${parts[2]} undeclared`);
        } else if (id.startsWith('R') && !relations.has(parts[0]!)) problems.push(`${name}: undeclared relation ${parts[0]}`);
      }
    }
    expect(problems).toEqual([]);
    expect(text(Object.keys(files).find((n) => n.endsWith('.ann'))!)).toMatch(/^A\d+\tannotator T\d+ anna$/m);
  });

  it('w3c export → import (with each article’s text beside it) keeps spans, annotators, status, attributes and links', async () => {
    const source = await project('Source');
    expect((await post(source, JSON.stringify({ ...DOC, id: 'art1' }), 'format=jsonl')).status).toBe(201);
    // W3C annotations hold no text: the article's text goes in the zip, named like the target source's last segment.
    const body = zipSync({ 'export.jsonld': await exported(source, 'format=w3c&status=all'), 'art1.txt': new TextEncoder().encode(TEXT) });
    const target = await project('Target');
    const map = encodeURIComponent(JSON.stringify({ anna: 'anna', ben: 'ben' }));
    const r = await post(target, body, `format=w3c&annotatorMap=${map}`);
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
