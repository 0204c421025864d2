// stub-hash: 4bd1eca9441bb928
// Exercise 07-producer-consumer/channel: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 07-producer-consumer/channel

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
    // TODO: implement Channel.constructor.
    throw new Error('TODO: implement Channel.constructor');
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
    // TODO: implement Channel.send.
    throw new Error('TODO: implement Channel.send');
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
    // TODO: implement Channel.receive.
    throw new Error('TODO: implement Channel.receive');
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
    // TODO: implement Channel.close.
    throw new Error('TODO: implement Channel.close');
  }

  /**
   * The number of buffered values: never more than the capacity (and always 0 when unbuffered).
   *
   * @example
   * new Channel<number>(4).size; // 0
   */
  get size(): number {
    // TODO: implement Channel.size.
    throw new Error('TODO: implement Channel.size');
  }

  /**
   * Receives values until the channel is closed and drained. Leaving the loop early (`break`)
   * does not close the channel: other consumers may still be reading it.
   *
   * @example
   * for await (const message of channel) handle(message);
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    // TODO: implement Channel[Symbol.asyncIterator].
    throw new Error('TODO: implement Channel[Symbol.asyncIterator]');
  }
}
