import { normalizeText } from './text.js';

export interface ParsedArticle {
  title: string;
  text: string;
}

const TITLE_MAX = 120;

/**
 * A plain-text article: its first line is the title when a blank line follows
 * it, and the body is what comes after. Otherwise the whole file is the body
 * and the title is the start of its first line (or `fallbackTitle`).
 */
export function parseTxtArticle(raw: string, fallbackTitle?: string): ParsedArticle {
  const text = normalizeText(raw);
  const m = /^([^\n]+)\n(?:[ \t]*\n)+/.exec(text);
  if (m && m[1]!.trim().length > 0 && m[1]!.length <= 300) {
    return { title: m[1]!.trim(), text: text.slice(m[0].length).replace(/\s+$/, '') };
  }
  const body = text.replace(/^\s+/, '').replace(/\s+$/, '');
  return { title: fallbackTitle ?? shortTitle(body), text: body };
}

/** The first line, cut at a word boundary to a readable length. */
export function shortTitle(text: string): string {
  const line = (text.split('\n', 1)[0] ?? '').trim();
  if (line.length <= TITLE_MAX) return line || 'Untitled';
  const cut = line.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return (space > 40 ? cut.slice(0, space) : cut) + '…';
}
