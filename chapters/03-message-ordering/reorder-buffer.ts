// stub-hash: f1ea4a27f1e0f932
// Exercise 03-message-ordering/reorder-buffer: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 03-message-ordering/reorder-buffer

/**
 * What happened to one message handed to {@link ReorderBuffer.accept}.
 *
 * - `delivered`: the message was the next one expected; `messages` holds it followed by every
 *   buffered message that it unblocked, in sequence order.
 * - `buffered`: the message is ahead of the next expected one and waits in the buffer.
 * - `duplicate`: the sequence number was already delivered or is already buffered; the copy is
 *   dropped and the first copy wins.
 */
export type AcceptResult<T> =
  | { kind: 'delivered'; messages: T[] }
  | { kind: 'buffered' }
  | { kind: 'duplicate' };

/** Options for {@link ReorderBuffer}. */
export interface ReorderBufferOptions {
  /**
   * How many sequence numbers, counted from the next expected one, the buffer accepts:
   * `next` to `next + window - 1`. A positive integer.
   */
  window: number;
  /** The sequence number of the first message. A non-negative integer; defaults to 0. */
  first?: number;
}

/**
 * Thrown by {@link ReorderBuffer.accept} when a message is too far ahead: its sequence number is
 * `next + window` or more. The buffer keeps its state; the sender should slow down, or the
 * receiver should ask for the missing messages (see {@link ReorderBuffer.gaps}) before retrying.
 *
 * @provided
 * @example
 * try {
 *   buffer.accept(500, message);
 * } catch (error) {
 *   if (error instanceof WindowExceededError) console.log(error.seq, error.next, error.window);
 * }
 */
export class WindowExceededError extends Error {
  constructor(
    readonly seq: number,
    readonly next: number,
    readonly window: number,
  ) {
    super(
      `Expected a sequence number from ${next} to ${next + window - 1} (window of ${window}), got ${seq}: ` +
        'the message is too far ahead of the next one expected',
    );
    this.name = 'WindowExceededError';
  }
}

/**
 * A receiver-side reorder buffer: messages carry a sequence number (0, 1, 2, … from `first`) and
 * may arrive in any order, more than once, or not at all; the buffer hands them on in sequence
 * order, each exactly once, and never holds more than `window - 1` messages.
 *
 * `accept` is O(1) amortized per message (a message is stored once and delivered once);
 * `gaps` is O(window).
 *
 * @typeParam T - the message type (any value, including `undefined`).
 * @throws RangeError from the constructor when `window` is not a positive integer or `first` is
 *   not a non-negative integer.
 * @example
 * const buffer = new ReorderBuffer<string>({ window: 8 });
 * buffer.accept(1, 'world'); // { kind: 'buffered' }
 * buffer.gaps();             // [0]
 * buffer.accept(0, 'hello'); // { kind: 'delivered', messages: ['hello', 'world'] }
 * buffer.accept(0, 'hello'); // { kind: 'duplicate' }
 */
export class ReorderBuffer<T> {
  /**
   * Creates an empty buffer expecting sequence number `first` (default 0) next.
   *
   * @example
   * new ReorderBuffer<string>({ window: 64 });
   * new ReorderBuffer<string>({ window: 64, first: 1 }); // sequence numbers start at 1
   */
  constructor(options: ReorderBufferOptions) {
    // TODO: implement ReorderBuffer.constructor.
    throw new Error('TODO: implement ReorderBuffer.constructor');
  }

  /**
   * Takes one message with its sequence number and says what happened to it (see
   * {@link AcceptResult}). O(1) amortized.
   *
   * @param seq - the message's sequence number, a non-negative integer.
   * @param message - the message itself.
   * @throws WindowExceededError when `seq` is `next + window` or more; nothing changes.
   * @throws RangeError when `seq` is not a non-negative integer.
   * @example
   * buffer.accept(0, 'a'); // { kind: 'delivered', messages: ['a'] }
   * buffer.accept(2, 'c'); // { kind: 'buffered' }
   * buffer.accept(1, 'b'); // { kind: 'delivered', messages: ['b', 'c'] }
   */
  accept(seq: number, message: T): AcceptResult<T> {
    // TODO: implement ReorderBuffer.accept.
    throw new Error('TODO: implement ReorderBuffer.accept');
  }

  /**
   * The missing sequence numbers that hold back buffered messages: every number from `next` up
   * to the highest buffered one that is not buffered, in increasing order. Empty when nothing is
   * buffered. These are the messages a receiver would ask the sender to retransmit. O(window).
   *
   * @example
   * buffer.accept(2, 'c');
   * buffer.accept(5, 'f');
   * buffer.gaps(); // [0, 1, 3, 4]
   */
  gaps(): number[] {
    // TODO: implement ReorderBuffer.gaps.
    throw new Error('TODO: implement ReorderBuffer.gaps');
  }

  /**
   * The sequence number the buffer delivers next. O(1).
   *
   * @example
   * new ReorderBuffer({ window: 4 }).next; // 0
   */
  get next(): number {
    // TODO: implement ReorderBuffer.next.
    throw new Error('TODO: implement ReorderBuffer.next');
  }

  /**
   * How many messages wait in the buffer (never more than `window - 1`). O(1).
   *
   * @example
   * buffer.accept(3, 'd');
   * buffer.size; // 1
   */
  get size(): number {
    // TODO: implement ReorderBuffer.size.
    throw new Error('TODO: implement ReorderBuffer.size');
  }
}
