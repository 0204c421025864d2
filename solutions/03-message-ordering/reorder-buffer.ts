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
  // Invariants: a message with sequence number s (next < s < next + window) sits in slot
  // s % window with `#present[slot]` set; `#present[next % window]` is always false (the next
  // message is delivered at once, never stored); `#highest` is the largest buffered sequence
  // number, or next - 1 when nothing is buffered.
  readonly #window: number;
  readonly #slots: (T | undefined)[];
  readonly #present: boolean[];
  #next: number;
  #count = 0;
  #highest: number;

  /**
   * Creates an empty buffer expecting sequence number `first` (default 0) next.
   *
   * @example
   * new ReorderBuffer<string>({ window: 64 });
   * new ReorderBuffer<string>({ window: 64, first: 1 }); // sequence numbers start at 1
   */
  constructor(options: ReorderBufferOptions) {
    const { window, first = 0 } = options;
    if (!Number.isInteger(window) || window < 1) {
      throw new RangeError(`Expected \`window\` to be a positive integer, got ${String(window)} (${typeof window})`);
    }
    if (!Number.isSafeInteger(first) || first < 0) {
      throw new RangeError(`Expected \`first\` to be a non-negative integer, got ${String(first)} (${typeof first})`);
    }
    this.#window = window;
    this.#slots = new Array<T | undefined>(window).fill(undefined);
    this.#present = new Array<boolean>(window).fill(false);
    this.#next = first;
    this.#highest = first - 1;
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
    if (!Number.isSafeInteger(seq) || seq < 0) {
      throw new RangeError(`Expected \`seq\` to be a non-negative integer, got ${String(seq)} (${typeof seq})`);
    }
    // Everything below `#next` has been delivered already: no memory is needed to spot it again.
    if (seq < this.#next) return { kind: 'duplicate' };
    if (seq >= this.#next + this.#window) throw new WindowExceededError(seq, this.#next, this.#window);
    if (seq > this.#next) {
      const slot = seq % this.#window;
      if (this.#present[slot]) return { kind: 'duplicate' };
      this.#slots[slot] = message;
      this.#present[slot] = true;
      this.#count++;
      if (seq > this.#highest) this.#highest = seq;
      return { kind: 'buffered' };
    }
    // `seq` is the next one: deliver it, then every buffered message that now follows without a gap.
    const messages = [message];
    this.#next++;
    let slot = this.#next % this.#window;
    while (this.#present[slot]) {
      messages.push(this.#slots[slot] as T);
      this.#slots[slot] = undefined; // let the garbage collector reclaim the delivered message
      this.#present[slot] = false;
      this.#count--;
      this.#next++;
      slot = this.#next % this.#window;
    }
    if (this.#highest < this.#next) this.#highest = this.#next - 1;
    return { kind: 'delivered', messages };
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
    const missing: number[] = [];
    for (let seq = this.#next; seq < this.#highest; seq++) {
      if (!this.#present[seq % this.#window]) missing.push(seq);
    }
    return missing;
  }

  /**
   * The sequence number the buffer delivers next. O(1).
   *
   * @example
   * new ReorderBuffer({ window: 4 }).next; // 0
   */
  get next(): number {
    return this.#next;
  }

  /**
   * How many messages wait in the buffer (never more than `window - 1`). O(1).
   *
   * @example
   * buffer.accept(3, 'd');
   * buffer.size; // 1
   */
  get size(): number {
    return this.#count;
  }
}
