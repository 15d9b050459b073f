import { strToU8, zipSync } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliWorkbench } from './run.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

describe('the import command on other tools’ files', () => {
  let dir: string;
  let env: Record<string, string>;
  let done: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, env, done } = await cliWorkbench({ demo: false }));
  });
  afterAll(() => done());

  it('detects the format when --format is left out, maps labels with --label-map, and says what it left out', async () => {
    const zip = join(dir, 'corpus.zip');
    writeFileSync(zip, zipSync({ 'PMID-9119025.txt': strToU8(readFileSync(join(FIXTURES, 'brat/PMID-9119025.txt'), 'utf8')), 'PMID-9119025.ann': strToU8(readFileSync(join(FIXTURES, 'brat/PMID-9119025.ann'), 'utf8')) }));
    const brat = await cli(['import', '--project', '1', '--dry-run', zip], env);
    expect(brat.code).toBe(0);
    expect(brat.stderr).toContain('would import 1 articles, 6 spans');
    expect(brat.stderr).toContain('format brat');
    expect(brat.stderr).toContain('event E1 (Positive_regulation:T4)');

    const doccano = join(FIXTURES, 'doccano/sequence_labeling.jsonl');
    const mapped = await cli(['import', '--project', '1', '--label-map', '{"PERSON":"attribution"}', doccano], env);
    expect(mapped.code).toBe(0);
    expect(mapped.stderr).toContain('format doccano');
    expect(mapped.stderr).toContain('new labels: ORG (org), MISC (misc)');

    const conll = await cli(['import', '--project', '1', '--format', 'conll', '--columns', '4', '--dry-run', join(FIXTURES, 'conll/conll2003.txt')], env);
    expect(conll.stderr).toContain('would import 2 articles, 5 spans');
    const bad = await cli(['import', '--project', '1', '--columns', 'x', doccano], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--columns: must be column numbers');
  });

  it('reads INCEpTION’s example2.tsv with every layer or the one asked for, and the W3C model’s examples with their texts', async () => {
    const tsv = join(FIXTURES, 'webanno/example2.tsv');
    const all = await cli(['import', '--project', '1', '--dry-run', tsv], env);
    expect(all.stderr).toContain('would import 1 articles, 95 spans');
    const ne = await cli(['import', '--project', '1', '--dry-run', '--layer', 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity', tsv], env);
    expect(ne.stderr).toContain('would import 1 articles, 9 spans');
    const zip = join(dir, 'w3c.zip');
    const text = (p: string) => strToU8(readFileSync(join(FIXTURES, p), 'utf8'));
    writeFileSync(zip, zipSync({ 'page1.txt': text('w3c-examples/page1.txt'), 'ebook1.txt': text('w3c-examples/ebook1.txt'), 'collection1.json': text('w3c-examples/collection1.json') }));
    const w3c = await cli(['import', '--project', '1', '--dry-run', zip], env);
    expect(w3c.code).toBe(0);
    expect(w3c.stderr).toContain('format w3c');
    expect(w3c.stderr).toContain('would import 2 articles, 3 spans');
  });
});
