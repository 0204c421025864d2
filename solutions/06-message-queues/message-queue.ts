/**
 * A first-in, first-out message queue with O(1) amortized `enqueue` and `dequeue`.
 *
 * The naive queue (`array.push` + `array.shift()`, or Python's `list.pop(0)`) moves every
 * remaining element on each dequeue, so draining a backlog of n messages costs O(n²). This queue
 * must cost the same per operation whether it holds ten messages or ten million.
 *
 * @typeParam T - the message type.
 * @example
 * const queue = new MessageQueue<string>();
 * queue.enqueue('Message 1');
 * queue.enqueue('Message 2');
 * queue.dequeue(); // 'Message 1'
 * queue.size;      // 1
 */
export class MessageQueue<T> {
  // Invariants: `#buffer.length` is a power of two and `#mask` is that length minus one, so
  // `& #mask` wraps an index around. The queued messages are the slots from `#head` up to (not
  // including) `#tail`, wrapping; every other slot holds `undefined`, so a dequeued message is
  // never kept alive by the queue. The buffer is never full between calls: enqueue grows it as
  // soon as `#tail` catches up with `#head`, so `#head === #tail` always means empty.
  #buffer: (T | undefined)[] = new Array(16).fill(undefined);
  #mask = 15;
  #head = 0;
  #tail = 0;

  /**
   * Adds a message at the back of the queue. O(1) amortized: the buffer doubles when full.
   *
   * @param message - any value, including `undefined`.
   * @example
   * queue.enqueue({ id: 1, prompt: 'hello' });
   */
  enqueue(message: T): void {
    this.#buffer[this.#tail] = message;
    this.#tail = (this.#tail + 1) & this.#mask;
    if (this.#tail === this.#head) this.#grow();
  }

  /**
   * Removes and returns the oldest message, or `undefined` when the queue is empty. O(1).
   * The queue drops its reference to the message.
   *
   * @example
   * queue.dequeue(); // the oldest message, or undefined
   */
  dequeue(): T | undefined {
    const head = this.#head;
    if (head === this.#tail) return undefined;
    const message = this.#buffer[head];
    this.#buffer[head] = undefined; // let the garbage collector reclaim the message
    this.#head = (head + 1) & this.#mask;
    return message;
  }

  /**
   * Returns the oldest message without removing it, or `undefined` when empty. O(1).
   *
   * @example
   * queue.peek(); // the message dequeue() would return next
   */
  peek(): T | undefined {
    return this.#head === this.#tail ? undefined : this.#buffer[this.#head];
  }

  /**
   * The number of queued messages. O(1).
   *
   * @example
   * new MessageQueue().size; // 0
   */
  get size(): number {
    return (this.#tail - this.#head) & this.#mask;
  }

  /**
   * Yields the queued messages oldest first, without removing them.
   *
   * @example
   * [...queue]; // every queued message, oldest first
   */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.#head; i !== this.#tail; i = (i + 1) & this.#mask) yield this.#buffer[i] as T;
  }

  // Called when the buffer has just filled up (tail caught up with head): doubles it, copying
  // the messages so the oldest lands at index 0.
  #grow(): void {
    const old = this.#buffer;
    const next: (T | undefined)[] = new Array(old.length * 2).fill(undefined);
    for (let i = 0; i < old.length; i++) next[i] = old[(this.#head + i) & this.#mask];
    this.#buffer = next;
    this.#head = 0;
    this.#tail = old.length;
    this.#mask = next.length - 1;
  }
}
