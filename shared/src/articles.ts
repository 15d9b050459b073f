import { articleInputSchema, type ArticleInput } from './api.js';
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

export interface JsonlProblem {
  line: number;
  message: string;
}

/**
 * Articles from JSONL: one JSON object a line, either flat
 * (`{text, title?, source?, url?, publishedAt?, externalId?}`) or in the
 * interchange format (`{id, text, meta: {title, source, …}}`). Every bad line
 * is reported with its 1-based number, so nothing is imported half.
 */
export function parseArticlesJsonl(raw: string): { articles: ArticleInput[]; problems: JsonlProblem[] } {
  const articles: ArticleInput[] = [];
  const problems: JsonlProblem[] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, message: 'not valid JSON' });
      return;
    }
    const obj = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    const meta = (obj.meta && typeof obj.meta === 'object' ? obj.meta : {}) as Record<string, unknown>;
    const candidate = {
      text: obj.text,
      title: obj.title ?? meta.title,
      source: obj.source ?? meta.source,
      url: obj.url ?? meta.url,
      publishedAt: obj.publishedAt ?? meta.publishedAt,
      externalId: obj.externalId ?? (obj.id === undefined ? undefined : String(obj.id)),
    };
    const parsed = articleInputSchema.safeParse(
      Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined && v !== null)),
    );
    if (parsed.success) articles.push(parsed.data);
    else problems.push({ line: i + 1, message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
  });
  return { articles, problems };
}
