/**
 * Bug: a correct binary heap that compares priorities only. Heaps are not stable, so messages
 * of equal priority come out in an order that depends on the heap's shape, not on arrival.
 */
export class PriorityQueue<T> {
  #heap: { message: T; priority: number }[] = [];
  enqueue(message: T, priority: number): void {
    if (!Number.isFinite(priority)) throw new RangeError(`Expected \`priority\` to be a finite number, got ${priority}`);
    const heap = this.#heap;
    heap.push({ message, priority });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.priority >= heap[i]!.priority) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }
  dequeue(): T | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.priority > heap[m]!.priority) m = l;
        if (r < heap.length && heap[r]!.priority > heap[m]!.priority) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top.message;
  }
  peek(): T | undefined {
    return this.#heap[0]?.message;
  }
  get size(): number {
    return this.#heap.length;
  }
}
