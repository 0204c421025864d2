/** Bug: one slot for a waiting receiver: a second receiver overwrites the first one's wake-up, so the first waits forever (a lost wake-up). */
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
  #receiver: ((r: IteratorResult<T, undefined>) => void) | undefined;
  #closed = false;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`Expected \`capacity\` to be an integer >= 0, got ${capacity}`);
    this.#capacity = capacity;
  }

  send(value: T): Promise<void> {
    if (this.#closed) return Promise.reject(new ChannelClosedError());
    const receiver = this.#receiver;
    if (receiver) {
      this.#receiver = undefined;
      receiver({ done: false, value });
      return Promise.resolve();
    }
    if (this.#buffer.length < this.#capacity) {
      this.#buffer.push(value);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.#senders.push({ value, resolve, reject }));
  }

  receive(): Promise<IteratorResult<T, undefined>> {
    if (this.#buffer.length > 0) {
      const value = this.#buffer.shift() as T;
      const sender = this.#senders.shift();
      if (sender) {
        this.#buffer.push(sender.value);
        sender.resolve();
      }
      return Promise.resolve({ done: false, value });
    }
    const sender = this.#senders.shift();
    if (sender) {
      sender.resolve();
      return Promise.resolve({ done: false, value: sender.value });
    }
    if (this.#closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => {
      this.#receiver = resolve;
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());
    this.#receiver?.({ done: true, value: undefined });
    this.#receiver = undefined;
  }

  get size(): number {
    return this.#buffer.length;
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return { next: () => this.receive() };
  }
}
