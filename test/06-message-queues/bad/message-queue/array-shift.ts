/**
 * Bug: the naive list-backed queue. `Array#shift` moves every remaining message, so each dequeue
 * is O(n) once the backlog is large, and draining n messages is O(n²).
 */
export class MessageQueue<T> {
  #messages: T[] = [];
  enqueue(message: T): void {
    this.#messages.push(message);
  }
  dequeue(): T | undefined {
    return this.#messages.shift();
  }
  peek(): T | undefined {
    return this.#messages[0];
  }
  get size(): number {
    return this.#messages.length;
  }
  *[Symbol.iterator](): IterableIterator<T> {
    yield* this.#messages;
  }
}
