/**
 * Bug: a head index makes dequeue O(1), but the array is never compacted and slots are never
 * cleared, so every dequeued message stays referenced (a memory leak in a long-lived queue).
 */
export class MessageQueue<T> {
  #messages: T[] = [];
  #head = 0;
  enqueue(message: T): void {
    this.#messages.push(message);
  }
  dequeue(): T | undefined {
    if (this.#head === this.#messages.length) return undefined;
    return this.#messages[this.#head++];
  }
  peek(): T | undefined {
    return this.#messages[this.#head];
  }
  get size(): number {
    return this.#messages.length - this.#head;
  }
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.#head; i < this.#messages.length; i++) yield this.#messages[i] as T;
  }
}
