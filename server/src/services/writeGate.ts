/**
 * One writer at a time between the request thread and an import's worker
 * (issue 13), in shared memory, so that neither waits inside SQLite: the
 * request thread's wait there is synchronous (better-sqlite3), freezing the
 * event loop, and ends in "database is locked" after busy_timeout.
 *
 * `[0]`: the number of requests that may write in flight on the request
 * thread, or -1 while an import writes; `[1]`: 1 while an import waits for
 * its turn (no new request enters then, so an import is not starved).
 */
export const writeGate = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

/** Request thread: enters at once when no import writes or waits to (the common case: no promise, no tick). */
export function tryEnterWrite(): boolean {
  const s = Atomics.load(writeGate, 0);
  return s >= 0 && Atomics.load(writeGate, 1) === 0 && Atomics.compareExchange(writeGate, 0, s, s + 1) === s;
}

/** Request thread: enters when no import writes or waits to, else waits (asynchronously: `until` gives the import's end). */
export async function enterWrite(until: () => Promise<void> | null): Promise<void> {
  while (!tryEnterWrite()) await (until() ?? new Promise((r) => setTimeout(r, 5)));
}

export function leaveWrite(): void {
  Atomics.sub(writeGate, 0, 1);
  Atomics.notify(writeGate, 0);
}

/** Import worker: waits (blocking its own thread only) until no request writes, then holds the gate. */
export function acquireForImport(gate: Int32Array): void {
  Atomics.store(gate, 1, 1);
  for (;;) {
    if (Atomics.compareExchange(gate, 0, 0, -1) === 0) break;
    Atomics.wait(gate, 0, Atomics.load(gate, 0), 20);
  }
  Atomics.store(gate, 1, 0);
}

/** Import worker, when its transaction ends; the request thread too when an import job ends (a worker that died holding it). */
export function releaseForImport(gate: Int32Array): void {
  if (Atomics.load(gate, 0) === -1) Atomics.store(gate, 0, 0);
  Atomics.store(gate, 1, 0);
  Atomics.notify(gate, 0);
}
