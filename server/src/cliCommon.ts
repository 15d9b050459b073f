/**
 * What the command line's commands share: the usage error (printed with a
 * hint to --help, exit code 2) and progress on standard error, never on
 * standard output (which may carry the command's result).
 */
import { Presets, SingleBar } from 'cli-progress';

export class UsageError extends Error {}

export interface Progress {
  /** One more done (or exactly `done`, with the total when it is known only now). */
  tick: (done?: number, total?: number) => void;
  done: () => void;
}

/** Progress lines on a stream that is not a terminal (e.g. a log file): at most one a second, and the last. */
function lineProgress(stream: NodeJS.WriteStream, what: string, total: number): Progress {
  const t0 = Date.now();
  let value = 0;
  let shown = t0;
  let finished = false;
  const line = () => stream.write(`${what}: ${value}/${total}\n`);
  return {
    tick: (done, all) => {
      value = done ?? value + 1;
      if (all !== undefined) total = all;
      if (Date.now() - shown >= 1000) {
        shown = Date.now();
        line();
      }
    },
    done: () => {
      if (finished) return;
      finished = true;
      stream.write(`${what}: ${value}/${total} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    },
  };
}

/**
 * Progress of `total` steps of `what` on standard error: a bar when standard
 * error is a terminal, lines when `force` is set (--progress) and it is not,
 * else nothing. The bar redraws during synchronous work too (every 200 ms).
 */
export function progress(total: number, what: string, force = false): Progress {
  const stream = process.stderr;
  if (!stream.isTTY) return force ? lineProgress(stream, what, total) : { tick: () => {}, done: () => {} };
  const bar = new SingleBar(
    { format: `${what} [{bar}] {percentage}% {value}/{total}`, stream, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    tick: (done, all) => {
      if (all !== undefined && all !== bar.getTotal()) bar.setTotal(all);
      if (done === undefined) bar.increment();
      else bar.update(done);
    },
    done: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
