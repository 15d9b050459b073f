// The entry of a worker thread of pool.ts: loads worker.ts through tsx's
// tsImport, which (unlike tsx's --import loader on Node 20) works inside a
// worker thread, under tsx and under vitest alike.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
