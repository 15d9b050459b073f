import { describe, expect, it } from 'vitest';
import { parseArticlesJsonl, parseTxtArticle, shortTitle } from '@mbw/shared';

describe('parseArticlesJsonl', () => {
  it('reads flat lines and lines in the interchange format, skipping blank lines', () => {
    const raw = [
      JSON.stringify({ text: 'Erster Text.', title: 'Eins', source: 'dpa' }),
      '',
      JSON.stringify({ id: 'a2', text: 'Zweiter Text.', meta: { title: 'Zwei', source: 'Reuters' }, spans: [] }),
    ].join('\n');
    const { articles, problems } = parseArticlesJsonl(raw);
    expect(problems).toEqual([]);
    expect(articles).toEqual([
      { text: 'Erster Text.', title: 'Eins', source: 'dpa' },
      { text: 'Zweiter Text.', title: 'Zwei', source: 'Reuters', externalId: 'a2' },
    ]);
  });

  it('reports every bad line by its 1-based number', () => {
    const raw = ['{"text": "gut"}', '{not json', '{"title": "ohne Text"}', '{"text": ""}', '{"text": "auch gut"}'].join('\r\n');
    const { articles, problems } = parseArticlesJsonl(raw);
    expect(articles).toHaveLength(2);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(problems[0]!.message).toBe('not valid JSON');
    expect(problems[1]!.message).toMatch(/^text:/);
  });
});

describe('shortTitle', () => {
  it('keeps a short first line and cuts a long one at a word boundary', () => {
    expect(shortTitle('Kurz.\nMehr')).toBe('Kurz.');
    const long = 'Wort '.repeat(60);
    const t = shortTitle(long);
    expect(t.endsWith('…')).toBe(true);
    expect(t.length).toBeLessThanOrEqual(121);
    expect(t).not.toMatch(/\s…$/);
  });
  it('names an empty text Untitled', () => {
    expect(shortTitle('')).toBe('Untitled');
  });
});

describe('parseTxtArticle with whitespace-only lines after the title', () => {
  it('drops every blank or whitespace-only line between title and body', () => {
    expect(parseTxtArticle('Titel\n\n  \n\t\nKörper.')).toEqual({ title: 'Titel', text: 'Körper.' });
  });
});
