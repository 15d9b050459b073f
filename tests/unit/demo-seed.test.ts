import { describe, expect, it } from 'vitest';
import { OffsetMap, tokenize } from '@mbw/shared';
import { eq } from 'drizzle-orm';
import { DEMO_ANNOTATORS, DEMO_ARTICLES, type DemoArticle } from '../../seeds/demo/annotations.js';
import { resolveDemoArticle } from '../../seeds/demo/resolve.js';
import { sampleArticles } from '../../seeds/sample.js';
import { openDatabase } from '../../server/src/db/client.js';
import { annotations, articles, assignments, relations, users } from '../../server/src/db/schema.js';
import { projectAgreement } from '../../server/src/services/agreement.js';
import { seedSampleProjectIfEmpty } from '../../server/src/services/seed.js';
import { verifyPassword } from '../../server/src/services/passwords.js';

const sample = sampleArticles();
const textOf = (externalId: string) => sample.find((a) => a.externalId === externalId)!.text;

describe('demo annotations (seeds/demo)', () => {
  it('cover all five sample articles, each marked by all three demo annotators', () => {
    expect(DEMO_ARTICLES.map((d) => d.externalId).sort()).toEqual(sample.map((a) => a.externalId).sort());
    for (const demo of DEMO_ARTICLES) {
      const { spans } = resolveDemoArticle(textOf(demo.externalId), demo);
      expect(new Set(spans.map((s) => s.annotator))).toEqual(new Set(DEMO_ANNOTATORS.map((a) => a.key)));
    }
  });

  it("finds every quote, and each span's offsets select exactly its quote, on whole tokens", () => {
    let n = 0;
    for (const demo of DEMO_ARTICLES) {
      const text = textOf(demo.externalId);
      const map = new OffsetMap(text);
      const tokens = tokenize(text);
      const starts = new Set(tokens.map((t) => t.start));
      const ends = new Set(tokens.map((t) => t.end));
      const { spans } = resolveDemoArticle(text, demo);
      for (const s of spans) {
        const mark = demo.marks[s.mark]!;
        const take = mark[s.annotator]!;
        const wanted = take === true ? mark.quote : typeof take === 'string' ? take : (take.quote ?? mark.quote);
        const where = `${demo.externalId} ${s.annotator} ${JSON.stringify(wanted)}`;
        expect(s.quote, where).toBe(wanted);
        expect(map.slice(s.start, s.end), where).toBe(wanted);
        expect(starts.has(s.start) && ends.has(s.end), `${where} should start and end on token boundaries`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(150);
  });

  it('throws, naming the article and the quote, when a quote is not in the text', () => {
    const text = textOf(DEMO_ARTICLES[0]!.externalId);
    const missing: DemoArticle = {
      externalId: 'x',
      marks: [{ label: 'evaluative', quote: 'steht nicht im Text', attributes: {}, anna: true }],
    };
    expect(() => resolveDemoArticle(text, missing)).toThrow(/demo article x: evaluative "steht nicht im Text": quote not found/);
    const wrongOccurrence: DemoArticle = {
      externalId: 'x',
      marks: [{ label: 'evaluative', quote: 'torpediert', occurrence: 3, attributes: {}, anna: true }],
    };
    expect(() => resolveDemoArticle(text, wrongOccurrence)).toThrow(/quote not found/);
    const farAway: DemoArticle = {
      externalId: 'x',
      marks: [{ label: 'evaluative', quote: 'torpediert', attributes: {}, anna: true, ben: 'Brüsseler Quellen' }],
    };
    expect(() => resolveDemoArticle(text, farAway)).toThrow(/ben's quote "Brüsseler Quellen" not found overlapping it/);
  });

  it('are seeded with the sample project: submitted, offsets selecting the stored text, links kept, passwords unknown', async () => {
    const { db, sqlite } = openDatabase(':memory:');
    try {
      const result = await seedSampleProjectIfEmpty(db);
      expect(result).toMatchObject({ seeded: true, demoAnnotators: DEMO_ANNOTATORS.map((a) => a.username) });
      const stored = db.select().from(annotations).all();
      const expected = DEMO_ARTICLES.reduce((n, d) => n + resolveDemoArticle(textOf(d.externalId), d).spans.length, 0);
      expect(stored).toHaveLength(expected);
      const texts = new Map(db.select().from(articles).all().map((a) => [a.id, new OffsetMap(a.text)]));
      for (const a of stored) expect(texts.get(a.articleId)!.slice(a.start, a.end)).toBe(a.quote);
      const demoUsers = db.select().from(users).where(eq(users.role, 'annotator')).all();
      expect(demoUsers.map((u) => [u.username, u.displayName])).toEqual(DEMO_ANNOTATORS.map((a) => [a.username, a.displayName]));
      for (const u of demoUsers) {
        expect(u.displayName).toMatch(/Demo/);
        expect(await verifyPassword(u.username, u.passwordHash)).toBe(false);
      }
      const work = db.select().from(assignments).all();
      expect(work).toHaveLength(DEMO_ARTICLES.length * DEMO_ANNOTATORS.length);
      expect(work.every((w) => w.status === 'submitted' && w.submittedAt)).toBe(true);
      const links = db.select().from(relations).all();
      expect(links.length).toBeGreaterThanOrEqual(2);
      const byId = new Map(stored.map((a) => [a.id, a]));
      for (const l of links) {
        expect(byId.get(l.fromId)!.labelKey).toBe('attribution');
        expect(byId.get(l.fromId)!.annotatorId).toBe(byId.get(l.toId)!.annotatorId);
      }

      // Agreement is neither perfect nor absent, for every label.
      const report = await projectAgreement(db, result.projectId!, { drafts: false, seed: 1, iterations: 100 });
      expect(report.annotators).toEqual(DEMO_ANNOTATORS.map((a) => a.username));
      expect(report.counts.articles).toBe(5);
      for (const figure of [report.overall, ...report.byLabel]) {
        expect(figure.alpha.value, figure.label ?? 'overall').toBeGreaterThan(0.2);
        expect(figure.alpha.value, figure.label ?? 'overall').toBeLessThan(0.95);
      }

      // A second call finds the project and leaves everything as it is.
      expect(await seedSampleProjectIfEmpty(db)).toEqual({ seeded: false });
      expect(db.select().from(annotations).all()).toHaveLength(expected);
    } finally {
      sqlite.close();
    }
  });

  it('can be left out (tests that count the sample project exactly)', async () => {
    const { db, sqlite } = openDatabase(':memory:');
    try {
      expect(await seedSampleProjectIfEmpty(db, { demo: false })).toMatchObject({ seeded: true });
      expect(db.select().from(annotations).all()).toEqual([]);
      expect(db.select().from(users).all()).toEqual([]);
    } finally {
      sqlite.close();
    }
  });
});
