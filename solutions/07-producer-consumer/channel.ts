/**
 * Thrown by {@link Channel.send} once the channel is closed, including to senders that were
 * still waiting for room when it closed: their values were never delivered.
 *
 * @provided
 * @example
 * try {
 *   await channel.send(job);
 * } catch (error) {
 *   if (error instanceof ChannelClosedError) return; // shutting down: stop producing
 *   throw error;
 * }
 */
export class ChannelClosedError extends Error {
  constructor(message = 'Cannot send on a closed channel') {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

/**
 * A bounded channel between producers and consumers, in the style of Go's channels: the buffer
 * holds at most `capacity` values, so a fast producer is slowed down to the pace of its consumers
 * (backpressure) instead of filling memory.
 *
 * - `send` waits while the buffer is full; `receive` waits while it is empty. Neither polls.
 * - Waiting senders are served in the order they arrived; so are waiting receivers. Each value
 *   goes to exactly one receiver.
 * - `close` marks the end of the stream: values already buffered are still delivered, then every
 *   `receive` gives `{ done: true, value: undefined }`; senders get {@link ChannelClosedError}.
 * - Capacity 0 makes an unbuffered channel: a send completes only when a receiver takes its value
 *   (a rendezvous).
 *
 * Every operation is O(1) (amortized), however many values or waiters are queued.
 *
 * @typeParam T - the message type.
 * @example
 * const channel = new Channel<string>(2);
 * const consumer = (async () => {
 *   for await (const message of channel) console.log('Consumed:', message);
 * })();
 * await channel.send('Message 1'); // waits whenever 2 messages are already buffered
 * await channel.send('Message 2');
 * channel.close();                 // the consumer's loop ends after the last message
 * await consumer;
 */
export class Channel<T> implements AsyncIterable<T> {
  // Invariants: values wait in `#buffer` only while no receiver waits, and receivers wait only
  // while the buffer is empty and no sender waits. Senders wait only while the buffer is full.
  readonly #capacity: number;
  readonly #buffer = new Fifo<T>();
  readonly #senders = new Fifo<{ value: T; resolve: () => void; reject: (error: Error) => void }>();
  readonly #receivers = new Fifo<(result: IteratorResult<T, undefined>) => void>();
  #closed = false;

  /**
   * Creates an empty, open channel.
   *
   * @param capacity - how many values the buffer holds: an integer >= 0; 0 means unbuffered.
   * @throws RangeError when `capacity` is not an integer >= 0.
   * @example
   * new Channel<number>(0);  // unbuffered: every send waits for a receiver
   * new Channel<number>(64); // up to 64 values in flight
   */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`Expected \`capacity\` to be an integer >= 0, got ${String(capacity)} (${typeof capacity})`);
    }
    this.#capacity = capacity;
  }

  /**
   * Sends a value. Resolves at once if a receiver is waiting or the buffer has room; otherwise
   * waits, in arrival order, until a receiver makes room.
   *
   * @throws ChannelClosedError (as a rejection) if the channel is closed, or closes while waiting.
   * @example
   * await channel.send({ id: 7, prompt: 'hello' });
   */
  send(value: T): Promise<void> {
    if (this.#closed) return Promise.reject(new ChannelClosedError());
    const receiver = this.#receivers.shift();
    if (receiver !== undefined) {
      // A waiting receiver means the buffer is empty: hand the value over directly.
      receiver({ done: false, value });
      return RESOLVED;
    }
    if (this.#buffer.size < this.#capacity) {
      this.#buffer.push(value);
      return RESOLVED;
    }
    return new Promise((resolve, reject) => this.#senders.push({ value, resolve, reject }));
  }

  /**
   * Receives the oldest value. Waits, in arrival order, while the channel is empty and open.
   * Gives `{ done: true, value: undefined }` once the channel is closed and drained.
   *
   * @example
   * const result = await channel.receive();
   * if (!result.done) handle(result.value);
   */
  receive(): Promise<IteratorResult<T, undefined>> {
    if (this.#buffer.size > 0) {
      const value = this.#buffer.shift() as T;
      // Room has just been made: the oldest waiting sender moves its value into the buffer.
      const sender = this.#senders.shift();
      if (sender !== undefined) {
        this.#buffer.push(sender.value);
        sender.resolve();
      }
      return Promise.resolve({ done: false, value });
    }
    const sender = this.#senders.shift();
    if (sender !== undefined) {
      // Unbuffered rendezvous: take the value straight from the waiting sender.
      sender.resolve();
      return Promise.resolve({ done: false, value: sender.value });
    }
    if (this.#closed) return Promise.resolve(DONE);
    return new Promise((resolve) => this.#receivers.push(resolve));
  }

  /**
   * Closes the channel. Idempotent. Buffered values are still delivered; waiting receivers (the
   * buffer is empty if any wait) get `done`; waiting senders are rejected with
   * {@link ChannelClosedError}.
   *
   * @example
   * channel.close();
   * channel.close(); // no effect
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (let sender = this.#senders.shift(); sender !== undefined; sender = this.#senders.shift()) {
      sender.reject(new ChannelClosedError('The channel was closed while this send was waiting for room'));
    }
    for (let receiver = this.#receivers.shift(); receiver !== undefined; receiver = this.#receivers.shift()) receiver(DONE);
  }

  /**
   * The number of buffered values: never more than the capacity (and always 0 when unbuffered).
   *
   * @example
   * new Channel<number>(4).size; // 0
   */
  get size(): number {
    return this.#buffer.size;
  }

  /**
   * Receives values until the channel is closed and drained. Leaving the loop early (`break`)
   * does not close the channel: other consumers may still be reading it.
   *
   * @example
   * for await (const message of channel) handle(message);
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return {
      next: () => this.receive(),
      return: () => Promise.resolve(DONE),
    };
  }
}

const RESOLVED: Promise<void> = Promise.resolve();
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A first-in, first-out queue on a growable ring buffer: O(1) amortized push and shift, where
 * `Array#shift` would move every element. Emptied slots are cleared so the GC can reclaim them.
 */
class Fifo<T> {
  #items: (T | undefined)[] = new Array(8).fill(undefined);
  #head = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    if (this.#size === this.#items.length) this.#grow();
    this.#items[(this.#head + this.#size) & (this.#items.length - 1)] = item;
    this.#size++;
  }

  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.#size--;
    return item;
  }

  #grow(): void {
    const next: (T | undefined)[] = new Array(this.#items.length * 2).fill(undefined);
    for (let i = 0; i < this.#size; i++) next[i] = this.#items[(this.#head + i) & (this.#items.length - 1)];
    this.#items = next;
    this.#head = 0;
  }
}
