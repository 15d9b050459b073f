import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTxtArticle, type ArticleInput } from '@mbw/shared';

export { defaultScheme } from './scheme.js';

export const SAMPLE_PROJECT = {
  name: 'Friedenstruppen für die Ukraine (Beispiel)',
  description: 'Five German news articles on plans for a peace-keeping force in Ukraine, for trying the workbench.',
};

/** The five sample articles cover one story across outlets: the bias profile groups them by it. */
export const SAMPLE_STORY = 'Friedenstruppen für die Ukraine';

const articlesDir = join(fileURLToPath(new URL('.', import.meta.url)), 'articles');

/** The sample articles, parsed like any imported .txt file. */
export function sampleArticles(): ArticleInput[] {
  return readdirSync(articlesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const { title, text } = parseTxtArticle(readFileSync(join(articlesDir, file), 'utf8'));
      return { title, text, externalId: basename(file, '.txt'), source: 'sample', story: SAMPLE_STORY };
    });
}
