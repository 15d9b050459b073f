/**
 * Link agreement as it was before issue 13's numbered triples
 * (shared/src/agreement/links.ts at commit 27bb371, comments trimmed): the
 * reference the fast path is held to.
 */
import { linkScores, type LinkAgreement, type LinkFigure, type LinkInput, type LinkPair, type MatchedArticle, type MatchMode } from '../../../shared/src/agreement/index.js';

function triples(a: MatchedArticle, links: readonly LinkInput[], mode: MatchMode) {
  const index = new Map<string, number>();
  a.spans.forEach((s, i) => s.id !== undefined && index.set(String(s.id), i));
  const unitOf = new Array<number>(a.spans.length);
  a.units[mode].forEach((unit, u) => unit.forEach((i) => (unitOf[i] = u)));
  const out = new Map<string, Set<string>>(a.annotators.map((x) => [x, new Set()]));
  const endpoints = new Set<number>();
  for (const l of links) {
    const f = index.get(String(l.from));
    const t = index.get(String(l.to));
    if (f === undefined || t === undefined || f === t) continue;
    const who = a.spans[f]!.annotator;
    if (a.spans[t]!.annotator !== who || !out.has(who)) continue;
    out.get(who)!.add(JSON.stringify([unitOf[f], unitOf[t], String(l.type)]));
    endpoints.add(f).add(t);
  }
  return { out, endpoints };
}

function linkFigure(articles: readonly MatchedArticle[], links: ReadonlyArray<readonly LinkInput[]>, coders: string[], mode: MatchMode): LinkFigure {
  const pairs = new Map<string, { tp: number; fp: number; fn: number; articles: number }>();
  for (let i = 0; i < coders.length; i++)
    for (let j = i + 1; j < coders.length; j++) pairs.set(`${coders[i]}\u0000${coders[j]}`, { tp: 0, fp: 0, fn: 0, articles: 0 });
  const byArticle: LinkFigure['byArticle'] = [];
  const who = new Set<string>();
  let used = 0;
  let compared = 0;
  let articleCount = 0;
  articles.forEach((a, k) => {
    if (a.annotators.length < 2) return;
    const { out, endpoints } = triples(a, links[k] ?? [], mode);
    const here = { id: a.id, tp: 0, fp: 0, fn: 0 };
    for (let i = 0; i < a.annotators.length; i++)
      for (let j = i + 1; j < a.annotators.length; j++) {
        const [x, y] = [a.annotators[i]!, a.annotators[j]!].sort();
        const A = out.get(x!)!;
        const B = out.get(y!)!;
        const p = pairs.get(`${x}\u0000${y}`)!;
        p.articles++;
        let tp = 0;
        for (const t of A) if (B.has(t)) tp++;
        p.tp += tp;
        p.fp += A.size - tp;
        p.fn += B.size - tp;
        here.tp += tp;
        here.fp += A.size - tp;
        here.fn += B.size - tp;
      }
    articleCount++;
    for (const [x, set] of out) if (set.size) who.add(x);
    compared += [...out.values()].reduce((s, set) => s + set.size, 0);
    used += endpoints.size;
    if (here.tp + here.fp + here.fn) byArticle.push(here);
  });
  const pairList: LinkPair[] = [...pairs].map(([key, p]) => {
    const [a, b] = key.split('\u0000') as [string, string];
    return { a, b, articles: p.articles, ...linkScores(p.tp, p.fp, p.fn) };
  });
  const sum = (f: 'tp' | 'fp' | 'fn') => pairList.reduce((s, p) => s + p[f], 0);
  byArticle.sort((x, y) => y.fp + y.fn - (x.fp + x.fn) || y.tp - x.tp);
  const figure: LinkFigure = {
    pooled: linkScores(sum('tp'), sum('fp'), sum('fn')),
    pairs: pairList,
    counts: { articles: articleCount, annotators: who.size, units: compared, spans: used },
    byArticle,
  };
  if (figure.pooled.f1 === null) figure.reason = articleCount ? 'no links on articles with two annotators' : 'no article has two annotators';
  return figure;
}

export function referenceLinkAgreement(articles: readonly MatchedArticle[], links: ReadonlyArray<readonly LinkInput[]>): LinkAgreement {
  const coders = [...new Set(articles.flatMap((a) => a.annotators))].sort();
  const types = [...new Set(links.flat().map((l) => String(l.type)))].sort();
  return { types, exact: linkFigure(articles, links, coders, 'exact'), overlap: linkFigure(articles, links, coders, 'overlap') };
}
