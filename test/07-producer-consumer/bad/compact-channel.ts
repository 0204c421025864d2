/**
 * A compact channel that several known-bad implementations are small edits of (see `mutant` in
 * test/support/mutant.ts). Its behaviour is correct, but its queues are arrays drained with
 * Array#shift, so it fails only the constant-time task: on its own it is the known-bad
 * `channel/array-shift-queues`. It is not the reference.
 */
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
  #receivers: Array<(r: IteratorResult<T, undefined>) => void> = [];
  #closed = false;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`Expected \`capacity\` to be an integer >= 0, got ${capacity}`);
    this.#capacity = capacity;
  }

  send(value: T): Promise<void> {
    if (this.#closed) return Promise.reject(new ChannelClosedError());
    const receiver = this.#receivers.shift();
    if (receiver) {
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
    return new Promise((resolve) => this.#receivers.push(resolve));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());
    for (const receiver of this.#receivers.splice(0)) receiver({ done: true, value: undefined });
  }

  get size(): number {
    return this.#buffer.length;
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return { next: () => this.receive() };
  }
}
