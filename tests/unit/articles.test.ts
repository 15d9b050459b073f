import { describe, expect, it } from 'vitest';
import { parseTxtArticle, shortTitle } from '@mbw/shared';

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
