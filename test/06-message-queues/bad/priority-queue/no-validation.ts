/**
 * Bug: accepts any priority. NaN compares false with everything, so one NaN silently corrupts
 * the heap order for every message after it.
 */
export class PriorityQueue<T> {
  #heap: { message: T; priority: number; arrival: number }[] = [];
  #arrivals = 0;
  #before(a: { priority: number; arrival: number }, b: { priority: number; arrival: number }): boolean {
    return a.priority > b.priority || (a.priority === b.priority && a.arrival < b.arrival);
  }
  enqueue(message: T, priority: number): void {
    const heap = this.#heap;
    heap.push({ message, priority, arrival: this.#arrivals++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) break;
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
        if (l < heap.length && this.#before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && this.#before(heap[r]!, heap[m]!)) m = r;
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
