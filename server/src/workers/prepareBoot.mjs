// The entry of an import's preparing thread (prepare.ts; see import-parallel.ts):
// loads it through tsx as boot.mjs does, and, should that fail, says so in the
// shared slots, since the writer waits on them without running its event loop.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

try {
  await tsImport(workerData.entry, import.meta.url);
} catch (e) {
  const sync = new Int32Array(workerData.sync);
  Atomics.store(sync, 3, 2);
  Atomics.notify(sync, 0);
  throw e;
}
