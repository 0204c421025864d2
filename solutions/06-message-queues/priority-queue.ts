/**
 * A priority queue of messages: the message with the highest priority is served first, and
 * messages of equal priority come out in the order they arrived (the queue is stable).
 *
 * `enqueue`, `dequeue` and `peek` cost O(log n) or better, so the queue stays fast with a
 * backlog of millions of requests.
 *
 * @typeParam T - the message type.
 * @example
 * const queue = new PriorityQueue<string>();
 * queue.enqueue('batch job', 0);
 * queue.enqueue('interactive chat', 10);
 * queue.enqueue('another batch job', 0);
 * queue.dequeue(); // 'interactive chat'
 * queue.dequeue(); // 'batch job' (arrived before 'another batch job')
 */
export class PriorityQueue<T> {
  // A binary max-heap in an array: the children of slot i are 2i+1 and 2i+2. Each entry carries
  // an arrival number so that equal priorities compare by arrival, which makes the heap stable.
  #heap: Entry<T>[] = [];
  #arrivals = 0;

  /**
   * Adds a message with a priority. Higher numbers are served first; any finite number is
   * allowed, negative and fractional included. O(log n).
   *
   * @throws {RangeError} when `priority` is not a finite number (NaN, ±Infinity); the queue is
   *   left unchanged.
   * @example
   * queue.enqueue({ prompt: 'summarise' }, 5);
   * queue.enqueue({ prompt: 'translate' }, -1.5);
   */
  enqueue(message: T, priority: number): void {
    if (typeof priority !== 'number' || !Number.isFinite(priority)) {
      throw new RangeError(`Expected \`priority\` to be a finite number, got ${String(priority)} (${typeof priority})`);
    }
    this.#heap.push({ message, priority, arrival: this.#arrivals++ });
    this.#siftUp(this.#heap.length - 1);
  }

  /**
   * Removes and returns the message with the highest priority (the oldest among equals), or
   * `undefined` when the queue is empty. O(log n).
   *
   * @example
   * queue.dequeue(); // the most urgent message, or undefined
   */
  dequeue(): T | undefined {
    const top = this.#heap[0];
    if (top === undefined) return undefined;
    const last = this.#heap.pop()!;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#siftDown(0);
    }
    return top.message;
  }

  /**
   * Returns the message `dequeue` would return, without removing it, or `undefined`. O(1).
   *
   * @example
   * queue.peek();
   */
  peek(): T | undefined {
    return this.#heap[0]?.message;
  }

  /**
   * The number of queued messages. O(1).
   *
   * @example
   * new PriorityQueue().size; // 0
   */
  get size(): number {
    return this.#heap.length;
  }

  // True when entry a must be served before entry b.
  #before(a: Entry<T>, b: Entry<T>): boolean {
    return a.priority > b.priority || (a.priority === b.priority && a.arrival < b.arrival);
  }

  #siftUp(index: number): void {
    const heap = this.#heap;
    const entry = heap[index]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#before(entry, heap[parent]!)) break;
      heap[index] = heap[parent]!; // move the parent down instead of swapping: half the writes
      index = parent;
    }
    heap[index] = entry;
  }

  #siftDown(index: number): void {
    const heap = this.#heap;
    const entry = heap[index]!;
    const half = heap.length >> 1; // slots from here on are leaves
    while (index < half) {
      let child = 2 * index + 1;
      const right = child + 1;
      if (right < heap.length && this.#before(heap[right]!, heap[child]!)) child = right;
      if (!this.#before(heap[child]!, entry)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = entry;
  }
}

interface Entry<T> {
  message: T;
  priority: number;
  arrival: number;
}
