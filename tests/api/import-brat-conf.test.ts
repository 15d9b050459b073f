import { beforeEach, describe, expect, it } from 'vitest';
import { importScene, read, zip, type ImportScene } from './importScene.js';

type Wb = ImportScene['wb'];

describe('a brat zip with annotation.conf', () => {
  let wb: Wb;
  let admin: string;
  let projectId: number;
  let scene: ImportScene;

  beforeEach(async () => {
    scene = await importScene('brat conf');
    ({ wb, admin, projectId } = scene);
  });

  const post = (body: Uint8Array, query: string) => scene.post(body, query, 'application/zip');
  const scheme = async () => (await wb.request('GET', `/api/projects/${projectId}/scheme`, { cookie: admin })).data.scheme as {
    labels: Array<{ key: string; name: string; attributes: Array<{ key: string; values: Array<{ value: string }> }> }>;
    relationTypes: Array<{ key: string; name: string; from: string[]; to: string[] }>;
  };
  const attributesOf = (s: Awaited<ReturnType<typeof scheme>>, key: string) => s.labels.find((l) => l.key === key)?.attributes.map((a) => `${a.key}: ${a.values.map((v) => v.value).join('|')}`);

  const intro = () => ({ 'news/000-introduction.txt': read('brat/000-introduction.txt'), 'news/000-introduction.ann': read('brat/000-introduction.ann') });

  it('previews, then creates labels with the declared attributes and the declared relation types the links use', async () => {
    const body = zip({ ...intro(), 'news/annotation.conf': read('brat/news-annotation.conf') });
    const dry = await post(body, 'format=brat&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.data.result.conf).toMatchObject({ where: 'news/annotation.conf', relationTypes: ['family', 'origin'], conflicts: [] });
    expect(dry.data.result.conf.declaredUnused).toContain('Be-born');
    expect(dry.data.result.conf.declaredUnused).not.toContain('Person');
    expect((await scheme()).labels.map((l) => l.name)).not.toContain('Person');

    const done = await post(body, 'format=brat');
    expect(done.status).toBe(201);
    expect(done.data.result).toMatchObject({ articles: 1, spans: 7, relations: 2 });
    const s = await scheme();
    // Declared values, not only those the spans use (Other is used by none; a flag is true/false).
    expect(attributesOf(s, 'person')).toEqual(['Individual: true|false', 'Mention: Name|Nominal|Other']);
    expect(attributesOf(s, 'money')).toEqual(['Individual: true|false', 'Mention: Name|Nominal|Other']);
    expect(attributesOf(s, 'transfer_money')).toEqual([]);
    // Declared types no span uses are not created.
    expect(s.labels.map((l) => l.key)).not.toContain('be_born');
    expect(s.relationTypes.filter((t) => t.key !== 'fragment')).toEqual(
      expect.arrayContaining([
        { key: 'origin', name: 'Origin', from: ['organization'], to: ['gpe'] },
        { key: 'family', name: 'Family', from: ['person'], to: ['person'] },
      ]),
    );
    const exported = (await (await wb.app.request(`/api/projects/${projectId}/export?format=jsonl&status=all`, { headers: { cookie: admin } })).text()).trim();
    expect(JSON.parse(exported).relations.map((r: { type: string }) => r.type).sort()).toEqual(['family', 'origin']);

    // Again into the labels made, with a conf letting Family join any entity: the project's own type is not widened.
    const wider = read('brat/news-annotation.conf').replace(/^Family .*$/m, 'Family Arg1:<ENTITY>, Arg2:<ENTITY>');
    const labelMap = { Person: 'person', Organization: 'organization', GPE: 'gpe', Money: 'money', 'Transfer-money': 'transfer_money' };
    const again = await post(zip({ ...intro(), 'news/annotation.conf': wider }), `format=brat&onDuplicate=add&labelMap=${encodeURIComponent(JSON.stringify(labelMap))}`);
    expect(again.status).toBe(201);
    expect(again.data.result.conf.relationTypes).toEqual([]);
    expect((await scheme()).relationTypes).toEqual(s.relationTypes);
  });

  it('keeps a span the conf contradicts and reports it; the value joins the label', async () => {
    const body = zip({ 'd.txt': 'Anna and Rex', 'd.ann': 'T1\tPerson 0 4\tAnna\nA1\tMention T1 Nickname\n', 'annotation.conf': read('brat/news-annotation.conf') });
    const dry = await post(body, 'format=brat&dryRun=true');
    expect(dry.data.result.conf.conflicts).toEqual([
      { line: 1, where: 'd.ann T1', reason: 'value "Nickname" of attribute Mention (Person) is not declared in annotation.conf (Name|Nominal|Other; kept, added to the attribute)' },
    ]);
    expect((await post(body, 'format=brat')).status).toBe(201);
    expect(attributesOf(await scheme(), 'person')).toEqual(['Individual: true|false', 'Mention: Name|Nominal|Other|Nickname']);
  });

  it('skips a conf it cannot read, with the reason, and imports as without one', async () => {
    const body = zip({ ...intro(), 'annotation.conf': '[relations]\nLocated Arg1:<PG>, Arg2:GPE\n' });
    const dry = await post(body, 'format=brat&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.data.result.conf).toBeUndefined();
    expect(dry.data.result.skippedItems).toContainEqual({ line: 0, where: 'annotation.conf', reason: 'annotation.conf not read (line 2: undefined macro <PG>): labels and attributes come from the spans alone' });
    expect((await post(body, 'format=brat')).status).toBe(201);
    expect(attributesOf(await scheme(), 'person')).toEqual(['Mention: Name|Nominal', 'Individual: true']);
  });
});
