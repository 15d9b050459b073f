/**
 * An import's preparing thread (issue 13; import-parallel.ts starts it and
 * describes the shared slots). Its messages: the port to answer on; then
 * `summarise` (first pass: it checks the ranges of lines it claims and posts
 * each one's summary); then `prepare` (second pass: it prepares every line,
 * import-prepared.ts, and posts them in batches). At most `AHEAD` batches
 * wait unread (back-pressure), so memory does not grow with the upload.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ApiError } from '../http/errors.js';
import { BatchWriter, prepareLines, type PreparePlan } from '../services/import-prepared.js';
import type { ByteRange, ByteSource } from '../services/import-source.js';
import { summariseRange } from '../services/import-summary.js';

const AHEAD = 4;
/** Lines per batch, and the text a batch holds at most. */
const BATCH_LINES = 100;
const BATCH_CHARS = 1 << 20;
const SLOTS = { posted: 0, read: 1, stop: 2, failed: 3, claim: 4 } as const;

const sync = new Int32Array(workerData.sync as SharedArrayBuffer);
const stopped = () => Atomics.load(sync, SLOTS.stop) === 1;
let port: MessagePort;

class Stopped extends Error {}

/** Posts a message; `wait`: first wait while the writer has AHEAD unread (the first pass's few summaries do not wait). */
function post(message: unknown, transfer: ArrayBuffer[] = [], wait = true) {
  for (let read = Atomics.load(sync, SLOTS.read); wait && Atomics.load(sync, SLOTS.posted) - read >= AHEAD && !stopped(); read = Atomics.load(sync, SLOTS.read))
    Atomics.wait(sync, SLOTS.read, read, 200);
  if (stopped()) throw new Stopped();
  port.postMessage(message, transfer);
  Atomics.add(sync, SLOTS.posted, 1);
  Atomics.notify(sync, SLOTS.posted);
}

function summarise(src: ByteSource, ranges: ByteRange[]) {
  for (let k = Atomics.add(sync, SLOTS.claim, 1); k < ranges.length; k = Atomics.add(sync, SLOTS.claim, 1)) {
    const part = summariseRange(src, ranges[k]!, () => {
      if (stopped()) throw new Stopped();
    });
    post({ part, index: k }, [], false);
  }
}

function prepare(src: ByteSource, plan: PreparePlan) {
  const batch = new BatchWriter();
  let chars = 0;
  const flush = () => {
    const b = batch.take();
    chars = 0;
    post({ batch: b }, [b.nums.buffer as ArrayBuffer, b.tokens.buffer as ArrayBuffer]);
  };
  // token bounds while the writer has a batch in hand and another waiting; else it computes them itself
  const writerBusy = () => Atomics.load(sync, SLOTS.posted) - Atomics.load(sync, SLOTS.read) >= 2;
  for (const { line, problem, l, tokens } of prepareLines(src, plan, writerBusy)) {
    batch.add(line, problem, l, tokens);
    chars += l ? l.doc.text.length : 0;
    if (batch.lines >= BATCH_LINES || chars >= BATCH_CHARS) flush();
  }
  if (batch.lines) flush();
  post({ done: true });
}

type Task = { port: MessagePort } | { summarise: { src: ByteSource; ranges: ByteRange[] } } | { prepare: { src: ByteSource; plan: PreparePlan } };

parentPort!.on('message', (m: Task) => {
  if ('port' in m) return void (port = m.port);
  try {
    if ('summarise' in m) summarise(m.summarise.src, m.summarise.ranges);
    else prepare(m.prepare.src, m.prepare.plan);
  } catch (e) {
    if (e instanceof Stopped || stopped()) return;
    // a refusal (a byte that is not UTF-8) is the writer's answer, as if it had read the line itself
    if (e instanceof ApiError) post({ refused: { status: e.status, code: e.code, message: e.message, details: e.details } }, [], false);
    else post({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, [], false);
  }
});
