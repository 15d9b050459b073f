/**
 * An import of a big JSONL file shares its work with a second thread (issue
 * 13): the preparing thread (workers/prepare.ts) is started as the import
 * begins and, once loaded, checks parts of the upload in the first pass as
 * the writer does (each takes the next range of lines; the parts' summaries
 * are merged in file order), then prepares every line for the second pass
 * (import-prepared.ts) while the writer, inside its transaction, inserts
 * the lines before. The writer never runs its event loop meanwhile (the
 * transaction is synchronous): it waits on shared slots (Atomics.wait) and
 * takes each message with receiveMessageOnPort. The slots: [0] messages
 * posted, [1] messages read, [2] stop, [3] 2 when the thread failed to
 * load, [4] the next range to check.
 */
import { statSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ApiError, badRequest } from '../http/errors.js';
import { checkCancelled, setProgress, type Control } from './import-pass.js';
import { readBatch, type PreparedBatch, type PreparedLine, type PreparePlan } from './import-prepared.js';
import { lineRanges, type ByteSource } from './import-source.js';
import { emptySummary, mergeSummary, summariseRange, type FileSummary, type SummaryPart } from './import-summary.js';

const BOOT_URL = new URL('../workers/prepareBoot.mjs', import.meta.url);
const ENTRY_URL = new URL('../workers/prepare.ts', import.meta.url).href;
/** How long the writer waits for a message before it gives the preparing thread up. */
const STALL_MS = 120_000;
/** Ranges of the first pass (each thread takes the next one until none is left). */
const RANGES = 32;
export const SLOTS = { posted: 0, read: 1, stop: 2, failed: 3, claim: 4 } as const;

type Message =
  | { batch: PreparedBatch }
  | { done: true }
  | { part: SummaryPart; index: number }
  | { error: string }
  | { refused: { status: number; code: string; message: string; details?: unknown } };

/** The last import's ranges (`theirs`: checked by the preparing thread), batches, articles whose tokens the writer computed, and how long it waited for the thread (ms). */
export const preparerStats = { ranges: 0, theirs: 0, batches: 0, waitedMs: 0, writerTokens: 0 };

export class Preparer {
  private readonly sync = new Int32Array(new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  private readonly channel = new MessageChannel();
  private read = 0;

  /** Starts the thread now: it loads while the first pass begins. */
  constructor() {
    this.worker = new Worker(BOOT_URL, { workerData: { entry: ENTRY_URL, sync: this.sync.buffer } });
    this.worker.unref();
    // seen only once the writer's thread is free again: the writer itself learns of a failure from the slots
    this.worker.on('error', () => {});
    this.worker.postMessage({ port: this.channel.port2 }, [this.channel.port2 as MessagePort]);
    Object.assign(preparerStats, { ranges: 0, theirs: 0, batches: 0, waitedMs: 0, writerTokens: 0 });
  }

  /**
   * The first pass over a JSONL file, shared range by range with the
   * preparing thread: the same summary as reading it line by line.
   * `shared` false: the writer leaves every range to the thread (tests).
   */
  firstPass(src: ByteSource, control: Control, shared = true): FileSummary {
    const total = statSync(src.path!).size;
    const ranges = lineRanges(src, total, RANGES);
    this.worker.postMessage({ summarise: { src, ranges } });
    const parts: Array<SummaryPart | undefined> = [];
    let mine = 0;
    for (let k = shared ? Atomics.add(this.sync, SLOTS.claim, 1) : ranges.length; k < ranges.length; k = Atomics.add(this.sync, SLOTS.claim, 1)) {
      const { from } = ranges[k]!;
      parts[k] = summariseRange(src, ranges[k]!, (read) => {
        checkCancelled(control);
        setProgress(control, 0, from + read, total);
      });
      mine++;
    }
    for (let left = ranges.length - mine; left > 0; left--) {
      const m = this.next(control);
      if (!('part' in m)) throw new Error("The import's preparing thread sent no summary.");
      parts[m.index] = m.part;
    }
    Object.assign(preparerStats, { ranges: ranges.length, theirs: ranges.length - mine });
    const sum = emptySummary('jsonl');
    let offset = 0;
    for (const part of parts) {
      mergeSummary(sum, part!.sum, offset);
      offset += part!.lines;
    }
    if (!sum.infos.length && !sum.errors.length) throw badRequest('Invalid body: the file has no articles', { issues: [{ path: 'body', message: 'empty' }] });
    return sum;
  }

  /** The prepared lines of `src` for `plan`, in the upload's order. */
  *lines(src: ByteSource, plan: PreparePlan, control: Control): Generator<PreparedLine> {
    this.worker.postMessage({ prepare: { src, plan } }, [plan.write.buffer as ArrayBuffer]);
    for (;;) {
      const m = this.next(control);
      if ('done' in m) return;
      if (!('batch' in m)) throw new Error("The import's preparing thread sent no batch.");
      preparerStats.batches++;
      for (const l of readBatch(m.batch)) {
        if (l.article && !l.article.tokens) preparerStats.writerTokens++;
        yield l;
      }
    }
  }

  /** The thread's next message (its failures thrown). */
  private next(control: Control): Message {
    let waited = 0;
    for (;;) {
      const got = receiveMessageOnPort(this.channel.port1);
      if (got) {
        Atomics.store(this.sync, SLOTS.read, ++this.read);
        Atomics.notify(this.sync, SLOTS.read);
        const m = got.message as Message;
        if ('error' in m) throw new Error(`The import's preparing thread failed: ${m.error}`);
        if ('refused' in m) throw new ApiError(m.refused.status as ApiError['status'], m.refused.code, m.refused.message, m.refused.details);
        return m;
      }
      checkCancelled(control);
      if (Atomics.load(this.sync, SLOTS.failed) === 2) throw new Error("The import's preparing thread did not start.");
      const posted = Atomics.load(this.sync, SLOTS.posted);
      // posted but not yet in the port: look again at once
      if (posted > this.read) continue;
      const t0 = performance.now();
      const timedOut = Atomics.wait(this.sync, SLOTS.posted, posted, 100) === 'timed-out';
      preparerStats.waitedMs += performance.now() - t0;
      if (timedOut && (waited += 100) >= STALL_MS) throw new Error("The import's preparing thread stopped answering.");
    }
  }

  /** Stops the thread (whether it finished or not). */
  dispose() {
    Atomics.store(this.sync, SLOTS.stop, 1);
    Atomics.notify(this.sync, SLOTS.read);
    this.channel.port1.close();
    void this.worker.terminate().catch(() => {});
  }
}
