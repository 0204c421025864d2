/** Bug: receive treats an empty buffer as the end of the stream, like the source outline's `while not queue.empty()` consumer: a consumer that runs before the producer quits early. */
export class ChannelClosedError extends Error {
  constructor(message = 'Cannot send on a closed channel') {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

export class Channel<T> implements AsyncIterable<T> {
  #capacity: number;
  #buffer: T[] = [];
  #senders: Array<{ value: T; resolve: () => void; reject: (e: Error) => void }> = [];
  #closed = false;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`Expected \`capacity\` to be an integer >= 0, got ${capacity}`);
    this.#capacity = capacity;
  }

  send(value: T): Promise<void> {
    if (this.#closed) return Promise.reject(new ChannelClosedError());
    if (this.#buffer.length < this.#capacity) {
      this.#buffer.push(value);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.#senders.push({ value, resolve, reject }));
  }

  async receive(): Promise<IteratorResult<T, undefined>> {
    // "Consume while the queue is not empty": nothing waits for a value that has not arrived yet.
    if (this.#buffer.length > 0) {
      const value = this.#buffer.shift() as T;
      const sender = this.#senders.shift();
      if (sender) {
        this.#buffer.push(sender.value);
        sender.resolve();
      }
      return { done: false, value };
    }
    const sender = this.#senders.shift();
    if (sender) {
      sender.resolve();
      return { done: false, value: sender.value };
    }
    return { done: true, value: undefined };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());
  }

  get size(): number {
    return this.#buffer.length;
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return { next: () => this.receive() };
  }
}
