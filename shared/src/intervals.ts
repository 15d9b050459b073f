/**
 * An index of `[start, end)` intervals for "which spans cover this point" and
 * "which spans touch this range": the text is cut into fixed buckets and each
 * interval is listed in the buckets it touches. Build is linear in the total
 * covered length / bucket size; a query reads one bucket (or a few).
 */
export class IntervalIndex<T extends { start: number; end: number }> {
  private readonly buckets = new Map<number, T[]>();

  constructor(
    items: Iterable<T>,
    private readonly bucketSize = 256,
  ) {
    for (const item of items) {
      if (item.end <= item.start) continue;
      const last = Math.floor((item.end - 1) / bucketSize);
      for (let b = Math.floor(item.start / bucketSize); b <= last; b++) {
        let list = this.buckets.get(b);
        if (!list) this.buckets.set(b, (list = []));
        list.push(item);
      }
    }
  }

  /** Intervals with `start <= point < end`. */
  at(point: number): T[] {
    return (this.buckets.get(Math.floor(point / this.bucketSize)) ?? []).filter((i) => i.start <= point && point < i.end);
  }

  /** Intervals sharing at least one position with `[start, end)`, each once, in index order. */
  overlapping(start: number, end: number): T[] {
    if (end <= start) return [];
    const seen = new Set<T>();
    const out: T[] = [];
    const last = Math.floor((end - 1) / this.bucketSize);
    for (let b = Math.floor(start / this.bucketSize); b <= last; b++)
      for (const i of this.buckets.get(b) ?? [])
        if (i.start < end && start < i.end && !seen.has(i)) {
          seen.add(i);
          out.push(i);
        }
    return out;
  }
}
