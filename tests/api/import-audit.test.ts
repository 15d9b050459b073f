/**
 * The import writes its audit entries inside its transaction, on both
 * engines: they exist the moment importDataset resolves, with a replaced
 * article's deletion and the import's two entries; a refused import leaves
 * none.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/src/db/tables.js';
import { importDataset } from '../../server/src/services/imports.js';
import { freshWorkbench } from './harness.js';

describe('the import path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-import-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has written its audit entries, in its transaction, when importDataset resolves', async () => {
    const wb = await freshWorkbench({ demo: false });
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'x1', text: 'Eins zwei drei.' })}\n`);
    const source = { source: { name: 'a.jsonl', path: file }, format: 'jsonl' as const };
    const seeded = (await wb.db.select().from(auditLog)).length;
    const entries = async () => (await wb.db.select().from(auditLog).orderBy(asc(auditLog.id))).slice(seeded).map((e) => e.action);
    expect((await importDataset(wb.db, null, wb.sampleProjectId!, source)).articles).toBe(1);
    expect(await entries()).toEqual(['import', 'import']);
    expect((await importDataset(wb.db, null, wb.sampleProjectId!, source, { onDuplicate: 'replace' })).replaced).toBe(1);
    expect(await entries()).toEqual(['import', 'import', 'delete', 'import', 'import']);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify({ id: 'x2', text: 'Vier fünf.', spans: [{ start: 0, end: 4, label: 'nope', annotator: 'neu' }] })}\n`);
    await expect(importDataset(wb.db, null, wb.sampleProjectId!, { source: { name: 'bad.jsonl', path: bad }, format: 'jsonl' })).rejects.toMatchObject({ status: 400 });
    expect(await entries()).toHaveLength(5);
    await wb.close();
  });
});
