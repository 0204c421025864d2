/** Bug: `pop` instead of `shift`: a stack, so the newest message is served first. */
export class MessageQueue<T> {
  #messages: T[] = [];
  enqueue(message: T): void {
    this.#messages.push(message);
  }
  dequeue(): T | undefined {
    return this.#messages.pop();
  }
  peek(): T | undefined {
    return this.#messages[this.#messages.length - 1];
  }
  get size(): number {
    return this.#messages.length;
  }
  *[Symbol.iterator](): IterableIterator<T> {
    yield* [...this.#messages].reverse();
  }
}
