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
  // Invariants: `#buffer.length` is a power of two; the queued messages are the `#size` slots
  // starting at `#head`, wrapping around; every other slot holds `undefined`, so a dequeued
  // message is never kept alive by the queue.
  #buffer: (T | undefined)[] = new Array(16).fill(undefined);
  #head = 0;
  #size = 0;

  /**
   * Adds a message at the back of the queue. O(1) amortized: the buffer doubles when full.
   *
   * @param message - any value, including `undefined`.
   * @example
   * queue.enqueue({ id: 1, prompt: 'hello' });
   */
  enqueue(message: T): void {
    if (this.#size === this.#buffer.length) this.#grow();
    // The mask is `& (length - 1)`: cheaper than `%`, and valid because length is a power of two.
    this.#buffer[(this.#head + this.#size) & (this.#buffer.length - 1)] = message;
    this.#size++;
  }

  /**
   * Removes and returns the oldest message, or `undefined` when the queue is empty. O(1).
   * The queue drops its reference to the message.
   *
   * @example
   * queue.dequeue(); // the oldest message, or undefined
   */
  dequeue(): T | undefined {
    if (this.#size === 0) return undefined;
    const message = this.#buffer[this.#head];
    this.#buffer[this.#head] = undefined; // let the garbage collector reclaim the message
    this.#head = (this.#head + 1) & (this.#buffer.length - 1);
    this.#size--;
    return message;
  }

  /**
   * Returns the oldest message without removing it, or `undefined` when empty. O(1).
   *
   * @example
   * queue.peek(); // the message dequeue() would return next
   */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#buffer[this.#head];
  }

  /**
   * The number of queued messages. O(1).
   *
   * @example
   * new MessageQueue().size; // 0
   */
  get size(): number {
    return this.#size;
  }

  /**
   * Yields the queued messages oldest first, without removing them.
   *
   * @example
   * [...queue]; // every queued message, oldest first
   */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.#size; i++) {
      yield this.#buffer[(this.#head + i) & (this.#buffer.length - 1)] as T;
    }
  }

  // Doubles the buffer, copying the messages so the oldest lands at index 0.
  #grow(): void {
    const old = this.#buffer;
    const next: (T | undefined)[] = new Array(old.length * 2).fill(undefined);
    for (let i = 0; i < this.#size; i++) next[i] = old[(this.#head + i) & (old.length - 1)];
    this.#buffer = next;
    this.#head = 0;
  }
}
