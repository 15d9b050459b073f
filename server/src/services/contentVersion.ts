/**
 * The database's content version: a string that changes with every committed
 * write, from any connection (db/sqlite/contentVersion.ts, db/pg/contentVersion.ts). The
 * caches of computed answers (agreement reports, span lists) key by it: any
 * write invalidates them, coarse but never stale.
 */
export { contentVersion } from '../db/dialect.js';
