// The walker pool's queue: the heaviest job first (no big layer is left for the end alone), the
// earliest among equals. A binary heap, hand-written (a dozen lines; no dependency for it): an
// image of 100,000 layers queues 100,000 jobs, and a scan of the queue per job was quadratic.

interface Queued<T> {
  item: T;
  weight: number;
  seq: number;
}

export class TaskQueue<T> {
  private readonly heap: Queued<T>[] = [];
  private seq = 0;

  get length(): number {
    return this.heap.length;
  }

  push(item: T, weight = 0): void {
    this.heap.push({ item, weight, seq: this.seq++ });
    this.up(this.heap.length - 1);
  }

  /** The heaviest (earliest among equals), removed. */
  pop(): T | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top && last && top !== last) {
      this.heap[0] = last;
      this.down(0);
    }
    return top?.item;
  }

  /** Remove `item`; false when it is not queued. */
  remove(item: T): boolean {
    const i = this.heap.findIndex((q) => q.item === item);
    if (i < 0) return false;
    const rest = this.heap.splice(i, 1);
    const all = this.heap.splice(0);
    for (const q of all) {
      this.heap.push(q);
      this.up(this.heap.length - 1);
    }
    return rest.length === 1;
  }

  /** Every queued item, the queue left empty. */
  drain(): T[] {
    return this.heap.splice(0).map((q) => q.item);
  }

  private before(a: Queued<T>, b: Queued<T>): boolean {
    return a.weight > b.weight || (a.weight === b.weight && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i] as Queued<T>, h[parent] as Queued<T>)) return;
      [h[i], h[parent]] = [h[parent] as Queued<T>, h[i] as Queued<T>];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < h.length && this.before(h[l] as Queued<T>, h[best] as Queued<T>)) best = l;
      if (r < h.length && this.before(h[r] as Queued<T>, h[best] as Queued<T>)) best = r;
      if (best === i) return;
      [h[i], h[best]] = [h[best] as Queued<T>, h[i] as Queued<T>];
      i = best;
    }
  }
}
