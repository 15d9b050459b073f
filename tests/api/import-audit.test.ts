/**
 * The import's synchronous path (SQLite: the worker's better-sqlite3
 * transaction) writes its audit entries inside that transaction
 * (db/sqlite/audit.ts's auditSync): they exist the moment importDataset
 * returns, with a replaced article's deletion and the import's two entries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/src/db/schema.js';
import { importDataset } from '../../server/src/services/imports.js';
import { freshWorkbench, ON_POSTGRES } from './harness.js';

describe.skipIf(ON_POSTGRES)('the import worker path (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-import-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has written its audit entries, in its transaction, when importDataset returns', async () => {
    const wb = await freshWorkbench({ demo: false });
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'x1', text: 'Eins zwei drei.' })}\n`);
    const source = { source: { name: 'a.jsonl', path: file }, format: 'jsonl' as const };
    const seeded = wb.db.select().from(auditLog).all().length;
    const first = importDataset(wb.db, null, wb.sampleProjectId!, source);
    // read at once, with no await in between: an entry still pending in a promise is not there yet
    const entries = () => wb.db.select().from(auditLog).all().slice(seeded);
    expect(first.articles).toBe(1);
    expect(entries().map((e) => e.action)).toEqual(['import', 'import']);
    const again = importDataset(wb.db, null, wb.sampleProjectId!, source, { onDuplicate: 'replace' });
    expect(again.replaced).toBe(1);
    expect(entries().map((e) => e.action)).toEqual(['import', 'import', 'delete', 'import', 'import']);
    wb.sqlite.close();
  });
});
