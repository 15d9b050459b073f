import { describe, expect, it } from 'vitest';
import type { ImportResult } from '@mbw/shared';
import { describeImport } from '../../client/src/features/projects/importText.js';

const result = (extra: Partial<ImportResult>): ImportResult =>
  ({ dryRun: true, articles: 1, spans: 3, relations: 1, skipped: 0, replaced: 0, duplicates: [], createdAnnotators: [], mapped: {}, ...extra }) as ImportResult;

/** Issue 12: the import page says how a brat file's annotation.conf was used, as the API answers it. */
describe('the import preview in words', () => {
  it('names the conf, the link types it gives, the declared types no span uses and the spans not as declared', () => {
    const text = describeImport(
      result({
        conf: {
          where: 'news/annotation.conf',
          relationTypes: ['family', 'origin'],
          declaredUnused: ['Be-born', 'Money'],
          conflicts: [{ line: 1, where: 'd.ann T1', reason: 'value "Nickname" is not declared' }],
        },
      }),
    );
    expect(text).toBe(
      'would import 1 article, 3 spans, 1 link; read news/annotation.conf: would take link types family, origin, 2 declared types no span uses (not created): Be-born, Money, 1 span not as declared (kept)',
    );
  });

  it('says only that it read a conf that changed nothing, and nothing of a file without one', () => {
    expect(describeImport(result({ dryRun: false, conf: { where: 'annotation.conf', relationTypes: [], declaredUnused: [], conflicts: [] } }))).toBe(
      'imported 1 article, 3 spans, 1 link; read annotation.conf',
    );
    expect(describeImport(result({}))).toBe('would import 1 article, 3 spans, 1 link');
  });
});
