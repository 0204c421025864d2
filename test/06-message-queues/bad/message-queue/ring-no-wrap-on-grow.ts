/**
 * Bug: a ring buffer that grows by copying the backing array as it is (slot i to slot i), so
 * after a wrap-around the oldest messages are no longer at `head`: order breaks once it grows.
 */
export class MessageQueue<T> {
  #buffer: (T | undefined)[] = new Array(4);
  #head = 0;
  #size = 0;
  enqueue(message: T): void {
    if (this.#size === this.#buffer.length) {
      const next = new Array<T | undefined>(this.#buffer.length * 2);
      for (let i = 0; i < this.#buffer.length; i++) next[i] = this.#buffer[i];
      this.#buffer = next;
    }
    this.#buffer[(this.#head + this.#size) % this.#buffer.length] = message;
    this.#size++;
  }
  dequeue(): T | undefined {
    if (this.#size === 0) return undefined;
    const message = this.#buffer[this.#head];
    this.#buffer[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#buffer.length;
    this.#size--;
    return message;
  }
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#buffer[this.#head];
  }
  get size(): number {
    return this.#size;
  }
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.#size; i++) yield this.#buffer[(this.#head + i) % this.#buffer.length] as T;
  }
}
