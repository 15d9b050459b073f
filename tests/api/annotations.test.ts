import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;
type Res = Awaited<ReturnType<Workbench['request']>>;
type Session = { user: { id: number; username: string }; cookie: string };

function expectError(res: Res, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.data)).toBe(status);
  expect(typeof res.data?.error?.code).toBe('string');
  expect(typeof res.data?.error?.message).toBe('string');
  if (code) expect(res.data.error.code).toBe(code);
}

/** A 400 that names `field` in its message and in `details.issues[].path`. */
function expectFieldError(res: Res, field: string) {
  expectError(res, 400, 'invalid_input');
  expect(res.data.error.message).toContain(field);
  const paths = ((res.data.error.details?.issues ?? []) as Array<{ path: string }>).map((i) => i.path);
  expect(paths.some((p) => p === field || p.startsWith(`${field}.`) || p.endsWith(`.${field}`)), `paths ${JSON.stringify(paths)}`).toBe(
    true,
  );
}

/** Code-point offset of the first occurrence of `needle` (computed independently of the server). */
function cpIndexOf(text: string, needle: string): number {
  const u16 = text.indexOf(needle);
  if (u16 < 0) throw new Error(`${needle} not in text`);
  return Array.from(text.slice(0, u16)).length;
}

const cpLength = (s: string) => Array.from(s).length;
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

/** A workbench with one project (default scheme) and one imported article assigned to the given annotators. */
async function setup(wb: Workbench, supCookie: string, texts: string[], annotatorIds: number[]) {
  const p = await wb.request('POST', '/api/projects', { cookie: supCookie, json: { name: 'Spans' } });
  expect(p.status).toBe(201);
  const projectId: number = p.data.project.id;
  const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, {
    cookie: supCookie,
    json: { articles: texts.map((text, i) => ({ text, title: `Article ${i}` })) },
  });
  expect(imp.status).toBe(201);
  const articleIds: number[] = imp.data.articles.map((a: { id: number }) => a.id);
  const asg = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
    cookie: supCookie,
    json: { annotatorIds, articleIds },
  });
  expect(asg.status).toBe(201);
  return { projectId, articleIds };
}

const PLAIN =
  'Brüsseler Quellen zufolge könnte eine Integration Chinas die Akzeptanz Russlands erhöhen. ' +
  'Das politische Überleben des Machthabers hängt von der Fortsetzung des Krieges ab.';

describe('blind annotation', () => {
  let wb: Workbench;
  let sup: Session;
  let anna: Session;
  let ben: Session;
  let articleId: number;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    [sup, anna, ben] = await Promise.all([
      wb.userWithSession('sup', 'supervisor'),
      wb.userWithSession('anna'),
      wb.userWithSession('ben'),
    ]);
    articleId = (await setup(wb, sup.cookie, [PLAIN], [anna.user.id, ben.user.id])).articleIds[0]!;
    const post = (s: Session, json: unknown) => wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: s.cookie, json });
    expect((await post(anna, { label: 'attribution', start: 0, end: 25, attributes: { sourceType: 'anonymous' } })).status).toBe(201);
    expect((await post(anna, { label: 'evaluative', start: 120, end: 130 })).status).toBe(201);
    expect((await post(ben, { label: 'attribution', start: 0, end: 17 })).status).toBe(201);
  });

  it("shows each annotator only their own spans", async () => {
    const a = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: anna.cookie });
    expect(a.status).toBe(200);
    expect(a.data.annotations).toHaveLength(2);
    expect(a.data.annotations.map((s: { annotator: string }) => s.annotator)).toEqual(['anna', 'anna']);
    const b = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ben.cookie });
    expect(b.data.annotations).toHaveLength(1);
    expect(b.data.annotations[0]).toMatchObject({ annotator: 'ben', start: 0, end: 17, label: 'attribution' });
  });

  it("refuses an annotator who asks for another annotator's spans with 403", async () => {
    const res = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=ben`, { cookie: anna.cookie });
    expectError(res, 403, 'forbidden');
    expect(JSON.stringify(res.data)).not.toMatch(/"start"/);
    // Asking for one's own spans by name is fine.
    const own = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=anna`, { cookie: anna.cookie });
    expect(own.status).toBe(200);
    expect(own.data.annotations).toHaveLength(2);
  });

  it("does not let an annotator see another's spans through the project's progress list", async () => {
    const res = await wb.request('GET', `/api/projects/${(await wb.request('GET', `/api/articles/${articleId}`, { cookie: anna.cookie })).data.article.projectId}/articles`, {
      cookie: anna.cookie,
    });
    expect(res.status).toBe(200);
    const progress = res.data.articles[0].progress;
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ username: 'anna', spans: 2 });
  });

  it('shows the supervisor every span, and filters by ?annotator=username', async () => {
    const all = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: sup.cookie });
    expect(all.status).toBe(200);
    expect(all.data.annotations).toHaveLength(3);
    expect(new Set(all.data.annotations.map((s: { annotator: string }) => s.annotator))).toEqual(new Set(['anna', 'ben']));
    const a = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=anna`, { cookie: sup.cookie });
    expect(a.data.annotations).toHaveLength(2);
    expect(a.data.annotations.every((s: { annotator: string }) => s.annotator === 'anna')).toBe(true);
    const b = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=ben`, { cookie: sup.cookie });
    expect(b.data.annotations).toHaveLength(1);
    expect(b.data.annotations[0].annotator).toBe('ben');
    const nobody = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=nobody`, { cookie: sup.cookie });
    expect(nobody.status).toBe(200);
    expect(nobody.data.annotations).toEqual([]);
  });

  it("does not let an annotator change or delete another annotator's span", async () => {
    const all = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=ben`, { cookie: sup.cookie });
    const bens = all.data.annotations[0];
    // Another annotator's span is unknown to anna (404: she learns nothing of it), as in issue 10.
    expectError(await wb.request('PATCH', `/api/annotations/${bens.id}`, { cookie: anna.cookie, json: { version: 1, end: 20 } }), 404, 'not_found');
    expectError(await wb.request('DELETE', `/api/annotations/${bens.id}`, { cookie: anna.cookie }), 404, 'not_found');
    // A supervisor does not edit annotators' spans either.
    expectError(await wb.request('PATCH', `/api/annotations/${bens.id}`, { cookie: sup.cookie, json: { version: 1, end: 20 } }), 403, 'forbidden');
    const after = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=ben`, { cookie: sup.cookie });
    expect(after.data.annotations).toEqual([bens]);
  });

  it('does not let a supervisor who is not assigned create spans', async () => {
    expectError(
      await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: sup.cookie, json: { label: 'evaluative', start: 0, end: 3 } }),
      403,
      'forbidden',
    );
  });
});

describe('span rules', () => {
  let wb: Workbench;
  let ann: Session;
  let articleId: number;
  const post = (json: unknown) => wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json });
  const count = async () => (await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie })).data.annotations.length;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    const sup = await wb.userWithSession('sup', 'supervisor');
    ann = await wb.userWithSession('ann');
    articleId = (await setup(wb, sup.cookie, [PLAIN], [ann.user.id])).articleIds[0]!;
  });

  it('refuses start < 0 naming start', async () => {
    expectFieldError(await post({ label: 'evaluative', start: -1, end: 5 }), 'start');
  });

  it('refuses an empty or reversed span', async () => {
    for (const [start, end] of [
      [5, 5],
      [10, 4],
      [0, 0],
    ]) {
      const res = await post({ label: 'evaluative', start, end });
      expectError(res, 400, 'invalid_input');
      expect(res.data.error.message).toMatch(/start|end/);
    }
  });

  it('refuses end beyond the text length in code points, naming end', async () => {
    const len = cpLength(PLAIN);
    expectFieldError(await post({ label: 'evaluative', start: 0, end: len + 1 }), 'end');
    expectFieldError(await post({ label: 'evaluative', start: len, end: len + 5 }), 'end');
  });

  it('refuses an unknown label naming label', async () => {
    const res = await post({ label: 'propaganda', start: 0, end: 5 });
    expectFieldError(res, 'label');
    expect(res.data.error.message).toContain('propaganda');
  });

  it("refuses attributes that do not fit the label's definitions, naming the attribute", async () => {
    const unknownKey = await post({ label: 'attribution', start: 0, end: 5, attributes: { mood: 'grim' } });
    expectError(unknownKey, 400, 'invalid_input');
    expect(unknownKey.data.error.message).toContain('mood');

    const badValue = await post({ label: 'attribution', start: 0, end: 5, attributes: { sourceType: 'martian' } });
    expectError(badValue, 400, 'invalid_input');
    expect(badValue.data.error.message).toContain('sourceType');

    // An attribute of another label is unknown to this one.
    const otherLabel = await post({ label: 'attribution', start: 0, end: 5, attributes: { polarity: 'negative' } });
    expectError(otherLabel, 400, 'invalid_input');
    expect(otherLabel.data.error.message).toContain('polarity');

    const okThenBad = await post({ label: 'evaluative', start: 0, end: 5, attributes: { polarity: 'negative', checkable: 'yes' } });
    expectError(okThenBad, 400, 'invalid_input');
    expect(okThenBad.data.error.message).toContain('checkable');
  });

  it('refuses a quote that does not match the text, naming quote', async () => {
    const res = await post({ label: 'attribution', start: 0, end: 9, quote: 'Pariser' });
    expectFieldError(res, 'quote');
    // Off by one is a mismatch too.
    expectFieldError(await post({ label: 'attribution', start: 1, end: 9, quote: 'Brüsseler' }), 'quote');
  });

  it('stored nothing for the refused spans', async () => {
    expect(await count()).toBe(0);
  });

  it('creates a valid span: 201 with id, label, start, end, quote, annotator, version 1', async () => {
    const res = await post({
      label: 'attribution',
      start: 0,
      end: 25,
      quote: 'Brüsseler Quellen zufolge',
      attributes: { sourceType: 'anonymous' },
      note: 'vage Quelle',
    });
    expect(res.status).toBe(201);
    const a = res.data.annotation;
    expect(typeof a.id).toBe('string');
    expect(a.id.length).toBeGreaterThan(0);
    expect(a).toMatchObject({
      articleId,
      label: 'attribution',
      start: 0,
      end: 25,
      quote: 'Brüsseler Quellen zufolge',
      annotator: 'ann',
      annotatorId: ann.user.id,
      version: 1,
      attributes: { sourceType: 'anonymous' },
      note: 'vage Quelle',
    });
    // Without a quote in the request the server fills it in from the text.
    const noQuote = await post({ label: 'evaluative', start: 26, end: 33 });
    expect(noQuote.status).toBe(201);
    expect(noQuote.data.annotation.quote).toBe(cpSlice(PLAIN, 26, 33));
    expect(noQuote.data.annotation.attributes).toEqual({});
    expect(await count()).toBe(2);
  });

  it('accepts overlapping and nested spans, within and across labels', async () => {
    expect((await post({ label: 'attribution', start: 10, end: 17 })).status).toBe(201);
    expect((await post({ label: 'attribution', start: 5, end: 30 })).status).toBe(201);
    expect((await post({ label: 'unsupported_claim', start: 0, end: 89, attributes: { checkable: 'yes' } })).status).toBe(201);
  });
});

describe('required attributes', () => {
  it('are enforced somewhere: a span without one is refused on create, or the article cannot be submitted', async () => {
    const wb = await freshWorkbench({ seed: false });
    const [sup, ann] = await Promise.all([wb.userWithSession('sup', 'supervisor'), wb.userWithSession('ann')]);
    const p = await wb.request('POST', '/api/projects', {
      cookie: sup.cookie,
      json: {
        name: 'Required',
        labels: [
          {
            key: 'claim',
            name: 'Claim',
            color: '#112233',
            attributes: [
              { key: 'checkable', name: 'Checkable', required: true, values: [{ value: 'yes', name: 'Yes' }, { value: 'no', name: 'No' }] },
            ],
          },
        ],
      },
    });
    expect(p.status).toBe(201);
    const projectId = p.data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sup.cookie, json: { articles: [{ text: PLAIN }] } });
    const articleId = imp.data.articles[0].id;
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup.cookie, json: { annotatorIds: [ann.user.id] } });
    const create = await wb.request('POST', `/api/articles/${articleId}/annotations`, {
      cookie: ann.cookie,
      json: { label: 'claim', start: 0, end: 10 },
    });
    // Accepted as a draft (attributes are often set after marking) ...
    expect(create.status).toBe(201);
    // ... but submitting with the required attribute missing is refused, naming the span.
    const submit = await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: ann.cookie });
    expect(submit.status).toBe(409);
    expect(submit.data.error.code).toBe('incomplete');
    expect(submit.data.error.message).toContain('checkable');
    expect(submit.data.error.details.spans).toEqual([expect.objectContaining({ id: create.data.annotation.id, missing: ['checkable'] })]);
    const set = await wb.request('PATCH', `/api/annotations/${create.data.annotation.id}`, {
      cookie: ann.cookie,
      json: { version: 1, attributes: { checkable: 'yes' } },
    });
    expect(set.status).toBe(200);
    const again = await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: ann.cookie });
    expect(again.status).toBe(200);
    expect(again.data.status).toBe('submitted');
  });
});

describe('offsets in code points: emoji, combining marks, German quotes', () => {
  // Emoji with a skin-tone modifier and a flag (2 code points, 4 UTF-16 units each),
  // an "e" with a combining acute accent (becomes "é" on import), German quotes,
  // and Windows line ends (become "\n").
  const RAW =
    'Laut „Quelle“ 👍🏽 sagte er: ‚Cafe\u0301 in 🇩🇪‘ sei teuer.\r\n' + 'Das ist ein Skandal 😡 – so die Zeitung.';
  let wb: Workbench;
  let ann: Session;
  let sup: Session;
  let articleId: number;
  let text: string;
  const post = (json: unknown) => wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json });

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = await wb.userWithSession('sup', 'supervisor');
    ann = await wb.userWithSession('ann');
    const admin = await wb.admin();
    // Imported by the admin, as the brief of the contract says supervisors (and admins) import.
    const p = await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Unicode' } });
    const imp = await wb.request('POST', `/api/projects/${p.data.project.id}/articles`, { cookie: admin, json: { articles: [{ text: RAW }] } });
    expect(imp.status).toBe(201);
    // A supervisor sees a project they created or are a member of (issue 10).
    const member = await wb.request('POST', `/api/projects/${p.data.project.id}/members`, { cookie: admin, json: { userId: sup.user.id, role: 'supervisor' } });
    expect(member.status).toBe(201);
    articleId = imp.data.articles[0].id;
    await wb.request('POST', `/api/projects/${p.data.project.id}/assignments`, { cookie: admin, json: { annotatorIds: [ann.user.id] } });
    const art = await wb.request('GET', `/api/articles/${articleId}`, { cookie: ann.cookie });
    expect(art.status).toBe(200);
    text = art.data.article.text;
  });

  it('stored the text normalised: NFC, \\n line ends, German quotes untouched', async () => {
    expect(text).toBe(RAW.replace(/\r\n/g, '\n').normalize('NFC'));
    expect(text).toContain('Café');
    expect(text).not.toContain('\u0301');
    expect(text).not.toContain('\r');
    for (const q of ['„', '“', '‚', '‘']) expect(text).toContain(q);
    const art = await wb.request('GET', `/api/articles/${articleId}`, { cookie: ann.cookie });
    // The stored length counts code points, not UTF-16 units.
    expect(art.data.article.length).toBe(cpLength(text));
    expect(art.data.article.length).toBeLessThan(text.length);
  });

  const cases: Array<[string, string]> = [
    ['an emoji with a skin-tone modifier', '👍🏽'],
    ['a flag', '🇩🇪'],
    ['a composed é', 'Café'],
    ['German low-high double quotes', '„Quelle“'],
    ['German single quotes around an emoji', '‚Café in 🇩🇪‘'],
    ['text after several emoji', 'Skandal 😡 – so'],
  ];
  for (const [what, needle] of cases) {
    it(`stores the quote of ${what} at code-point offsets`, async () => {
      const start = cpIndexOf(text, needle);
      const end = start + cpLength(needle);
      const res = await post({ label: 'evaluative', start, end, quote: needle });
      expect(res.status, JSON.stringify(res.data)).toBe(201);
      expect(res.data.annotation).toMatchObject({ start, end, quote: needle });
      expect(res.data.annotation.quote).toBe(cpSlice(text, start, end));
      // The same span read back.
      const list = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie });
      const stored = list.data.annotations.find((a: { id: string }) => a.id === res.data.annotation.id);
      expect(stored.quote).toBe(Array.from(text).slice(start, end).join(''));
    });
  }

  it('refuses UTF-16 offsets where they differ from code points (quote check)', async () => {
    const u16Start = text.indexOf('🇩🇪');
    const res = await post({ label: 'evaluative', start: u16Start, end: u16Start + 4, quote: '🇩🇪' });
    expectFieldError(res, 'quote');
  });

  it('allows a span over one code point of a grapheme cluster (offsets are code points)', async () => {
    const start = cpIndexOf(text, '👍🏽');
    const res = await post({ label: 'evaluative', start, end: start + 1 });
    expect(res.status).toBe(201);
    expect(res.data.annotation.quote).toBe('👍');
  });

  it('accepts end equal to the code-point length and refuses the (larger) UTF-16 length', async () => {
    const len = cpLength(text);
    expect(text.length).toBeGreaterThan(len);
    const ok = await post({ label: 'attribution', start: len - 8, end: len });
    expect(ok.status, JSON.stringify(ok.data)).toBe(201);
    expect(ok.data.annotation.quote).toBe('Zeitung.');
    expect(ok.data.annotation.quote).toBe(cpSlice(text, len - 8, len));
    expectFieldError(await post({ label: 'attribution', start: len - 8, end: text.length }), 'end');
    expectFieldError(await post({ label: 'attribution', start: len - 8, end: len + 1 }), 'end');
  });

  it('refuses a quote in decomposed form (NFD) for composed text', async () => {
    const start = cpIndexOf(text, 'Café');
    const res = await post({ label: 'evaluative', start, end: start + 4, quote: 'Cafe\u0301' });
    expectFieldError(res, 'quote');
  });

  it('moves a span over emoji with PATCH and recomputes the quote in code points', async () => {
    const start = cpIndexOf(text, 'Laut');
    const created = await post({ label: 'attribution', start, end: start + 4 });
    expect(created.status).toBe(201);
    const newEnd = cpIndexOf(text, 'sagte') - 1; // "Laut „Quelle“ 👍🏽"
    const res = await wb.request('PATCH', `/api/annotations/${created.data.annotation.id}`, {
      cookie: ann.cookie,
      json: { version: 1, end: newEnd },
    });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.annotation.quote).toBe('Laut „Quelle“ 👍🏽');
    expect(res.data.annotation.quote).toBe(cpSlice(text, start, newEnd));
  });

  it('shows the supervisor the same offsets and quotes', async () => {
    const mine = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie });
    const theirs = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: sup.cookie });
    expect(theirs.data.annotations).toEqual(mine.data.annotations);
    for (const a of theirs.data.annotations) expect(a.quote).toBe(cpSlice(text, a.start, a.end));
  });
});

describe('editing, deleting, retrying and submitting', () => {
  let wb: Workbench;
  let sup: Session;
  let ann: Session;
  let other: Session;
  let projectId: number;
  let articleId: number;
  let article2: number;
  const post = (art: number, json: unknown, s: Session = ann) =>
    wb.request('POST', `/api/articles/${art}/annotations`, { cookie: s.cookie, json });
  const list = async (art: number, s: Session = ann) =>
    (await wb.request('GET', `/api/articles/${art}/annotations`, { cookie: s.cookie })).data.annotations as Array<{
      id: string;
      start: number;
      end: number;
      version: number;
      label: string;
    }>;
  const progressOf = async (art: number, username: string) => {
    const res = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: sup.cookie });
    expect(res.status).toBe(200);
    const a = res.data.articles.find((x: { id: number }) => x.id === art);
    return a.progress.find((p: { username: string }) => p.username === username) as { status: string; spans: number };
  };

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    [sup, ann, other] = await Promise.all([
      wb.userWithSession('sup', 'supervisor'),
      wb.userWithSession('ann'),
      wb.userWithSession('other'),
    ]);
    ({ projectId, articleIds: [articleId, article2] } = (await setup(wb, sup.cookie, [PLAIN, PLAIN + ' Zweiter Text.'], [
      ann.user.id,
      other.user.id,
    ])) as { projectId: number; articleIds: [number, number] });
  });

  it('PATCH with the current version answers 200 with version 2 and the new range', async () => {
    const c = await post(articleId, { label: 'attribution', start: 0, end: 9, attributes: { sourceType: 'anonymous' } });
    const id = c.data.annotation.id;
    const res = await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, end: 17 } });
    expect(res.status).toBe(200);
    expect(res.data.annotation).toMatchObject({ id, version: 2, start: 0, end: 17, quote: 'Brüsseler Quellen', label: 'attribution' });
    expect(res.data.annotation.attributes).toEqual({ sourceType: 'anonymous' });

    // A stale version is refused with 409 conflict and changes nothing.
    const stale = await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, end: 25 } });
    expectError(stale, 409, 'conflict');
    const now = (await list(articleId)).find((a) => a.id === id)!;
    expect(now).toMatchObject({ version: 2, end: 17 });

    // A version from the future is stale too.
    expectError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 3, end: 25 } }), 409, 'conflict');

    // The next edit with version 2 works and gives version 3.
    const next = await wb.request('PATCH', `/api/annotations/${id}`, {
      cookie: ann.cookie,
      json: { version: 2, label: 'evaluative', attributes: { polarity: 'negative' } },
    });
    expect(next.status).toBe(200);
    expect(next.data.annotation).toMatchObject({ version: 3, label: 'evaluative', attributes: { polarity: 'negative' } });
  });

  it('PATCH applies the span rules and leaves the span unchanged when refused', async () => {
    const c = await post(articleId, { label: 'evaluative', start: 30, end: 40 });
    const id = c.data.annotation.id;
    expectFieldError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, end: 10_000 } }), 'end');
    expectError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, start: 40 } }), 400);
    expectFieldError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, label: 'nope' } }), 'label');
    expectError(
      await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, attributes: { polarity: 'sarcastic' } } }),
      400,
    );
    expectFieldError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, quote: 'falsch' } }), 'quote');
    const now = (await list(articleId)).find((a) => a.id === id)!;
    expect(now).toMatchObject({ version: 1, start: 30, end: 40, label: 'evaluative' });
  });

  it('PATCH by another annotator is 404 (as for an unknown span), and an unknown span is 404', async () => {
    const c = await post(articleId, { label: 'evaluative', start: 50, end: 60 });
    const id = c.data.annotation.id;
    expectError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: other.cookie, json: { version: 1, end: 61 } }), 404, 'not_found');
    expectError(await wb.request('PATCH', '/api/annotations/no-such-span', { cookie: ann.cookie, json: { version: 1, end: 61 } }), 404, 'not_found');
    expect((await list(articleId)).find((a) => a.id === id)).toMatchObject({ version: 1, end: 60 });
  });

  it('DELETE answers 204, then the span is gone (and a second DELETE is 404)', async () => {
    const c = await post(articleId, { label: 'evaluative', start: 70, end: 80 });
    const id = c.data.annotation.id;
    const before = (await list(articleId)).length;
    const res = await wb.request('DELETE', `/api/annotations/${id}`, { cookie: ann.cookie });
    expect(res.status).toBe(204);
    expect(res.data).toBeNull();
    const after = await list(articleId);
    expect(after).toHaveLength(before - 1);
    expect(after.some((a) => a.id === id)).toBe(false);
    expect((await list(articleId, sup)).some((a) => a.id === id)).toBe(false);
    expectError(await wb.request('DELETE', `/api/annotations/${id}`, { cookie: ann.cookie }), 404, 'not_found');
    expectError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json: { version: 1, end: 81 } }), 404, 'not_found');
  });

  it('answers a retried create (same client id, same span) with 200 and no duplicate; same id, other span, is 409', async () => {
    const body = { id: 'client-span-1', label: 'evaluative', start: 100, end: 110 };
    const first = await post(articleId, body);
    expect(first.status).toBe(201);
    expect(first.data.annotation.id).toBe('client-span-1');
    const retry = await post(articleId, body);
    expect(retry.status).toBe(200);
    expect(retry.data.annotation).toEqual(first.data.annotation);
    expect((await list(articleId)).filter((a) => a.id === 'client-span-1')).toHaveLength(1);

    expectError(await post(articleId, { ...body, end: 111 }), 409, 'conflict');
    expectError(await post(articleId, { ...body, label: 'attribution' }), 409, 'conflict');
    // A retry is the same request: other attributes or note are not the same span.
    expectError(await post(articleId, { ...body, attributes: { polarity: 'negative' } }), 409, 'conflict');
    expectError(await post(articleId, { ...body, note: 'anders' }), 409, 'conflict');
    // Another annotator cannot take over (or overwrite) the id.
    expectError(await post(articleId, body, other), 409, 'conflict');
    // ...nor can the same annotator reuse it on another article.
    expectError(await post(article2, body), 409, 'conflict');
    const mine = (await list(articleId)).filter((a) => a.id === 'client-span-1');
    expect(mine).toEqual([expect.objectContaining({ start: 100, end: 110, label: 'evaluative', version: 1 })]);
    expect((await list(articleId, other)).some((a) => a.id === 'client-span-1')).toBe(false);
  });

  it('moves the assignment from assigned to in_progress to submitted, with span counts, and then makes the spans read-only', async () => {
    // Fresh state on article2 for "other".
    expect(await progressOf(article2, 'other')).toEqual(expect.objectContaining({ status: 'assigned', spans: 0 }));
    expect((await wb.request('GET', `/api/articles/${article2}`, { cookie: other.cookie })).data.article.myStatus).toBe('assigned');

    const s1 = await post(article2, { label: 'evaluative', start: 0, end: 9 }, other);
    expect(s1.status).toBe(201);
    expect(await progressOf(article2, 'other')).toEqual(expect.objectContaining({ status: 'in_progress', spans: 1 }));
    const s2 = await post(article2, { label: 'attribution', start: 10, end: 25 }, other);
    expect(s2.status).toBe(201);
    expect(await progressOf(article2, 'other')).toEqual(expect.objectContaining({ status: 'in_progress', spans: 2 }));
    expect((await wb.request('GET', `/api/articles/${article2}`, { cookie: other.cookie })).data.article.myStatus).toBe('in_progress');
    // ann has not started on article2: still assigned, counts are per annotator.
    expect(await progressOf(article2, 'ann')).toEqual(expect.objectContaining({ status: 'assigned', spans: 0 }));

    const sub = await wb.request('POST', `/api/articles/${article2}/submit`, { cookie: other.cookie });
    expect(sub.status).toBe(200);
    expect(sub.data).toMatchObject({ articleId: article2, status: 'submitted' });
    expect(await progressOf(article2, 'other')).toEqual(expect.objectContaining({ status: 'submitted', spans: 2 }));
    expect((await wb.request('GET', `/api/articles/${article2}`, { cookie: other.cookie })).data.article.myStatus).toBe('submitted');

    // Read-only now: create, patch, delete (and a second submit) are 409.
    const id = s1.data.annotation.id;
    expectError(await post(article2, { label: 'evaluative', start: 30, end: 40 }, other), 409);
    expectError(await wb.request('PATCH', `/api/annotations/${id}`, { cookie: other.cookie, json: { version: 1, end: 12 } }), 409);
    expectError(await wb.request('DELETE', `/api/annotations/${id}`, { cookie: other.cookie }), 409);
    expectError(await wb.request('POST', `/api/articles/${article2}/submit`, { cookie: other.cookie }), 409);
    const after = await list(article2, other);
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.id === id)).toMatchObject({ version: 1, start: 0, end: 9 });
    expect(await progressOf(article2, 'other')).toEqual(expect.objectContaining({ status: 'submitted', spans: 2 }));

    // Another annotator's work on the same article is unaffected by this submission.
    expect((await post(article2, { label: 'evaluative', start: 30, end: 40 })).status).toBe(201);
    expect(await progressOf(article2, 'ann')).toEqual(expect.objectContaining({ status: 'in_progress', spans: 1 }));
  });

  it('lets a supervisor submit nothing they are not assigned to', async () => {
    expectError(await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: sup.cookie }), 403, 'forbidden');
  });
});
