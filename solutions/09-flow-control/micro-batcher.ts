/**
 * Thrown by {@link MicroBatcher.load} once {@link MicroBatcher.close} has been called.
 *
 * @provided
 * @example
 * await batcher.close();
 * await batcher.load('late'); // rejects with BatcherClosedError
 */
export class BatcherClosedError extends Error {
  constructor(message = 'The batcher is closed: it accepts no new items') {
    super(message);
    this.name = 'BatcherClosedError';
  }
}

/**
 * The batch function broke its contract: it must return exactly one result per item, in the
 * items' order. Every caller of that batch gets this error, since no result can be matched to
 * its caller with certainty.
 *
 * @provided
 * @example
 * // batchFn returned 2 results for 3 items:
 * // BatchLengthError: The batch function returned 2 results for 3 items; it must return one per item, in order
 */
export class BatchLengthError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(
      actual === undefined
        ? `The batch function returned something that is not an array for ${expected} items; it must return one result per item, in order`
        : `The batch function returned ${actual} results for ${expected} items; it must return one per item, in order`,
    );
    this.name = 'BatchLengthError';
  }
}

/** The timers a {@link MicroBatcher} uses. Default: the real ones; tests pass a virtual clock. */
export interface Timers {
  /** Runs `callback` once, `ms` milliseconds from now; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of a {@link MicroBatcher}. */
export interface MicroBatcherOptions {
  /** A batch is sent as soon as it holds this many items. An integer >= 1. */
  maxBatchSize: number;
  /** A batch is sent at the latest this many ms after its first item arrived. A finite number >= 0. */
  maxWaitMs: number;
  /**
   * The most items accepted and not yet answered (waiting in a batch or in a batch being
   * processed). Beyond it, `load` waits for room. An integer >= 1.
   */
  maxPending: number;
  /** Default: the real `setTimeout` and `clearTimeout`. */
  timers?: Timers;
}

/** Options of one {@link MicroBatcher.load}. */
export interface LoadOptions {
  /** Aborting it before the item is sent removes the item; the load rejects with its reason. */
  signal?: AbortSignal;
}

/**
 * Turns many single requests into a few batched ones: embeddings for 64 texts in one call
 * instead of 64, or a GPU running one forward pass for a whole batch. Items coalesce into one
 * `batchFn` call when the batch is full, or `maxWaitMs` after its first item, whichever comes
 * first; one timer per batch, never one per item.
 *
 * - `batchFn` receives the items in arrival order and must return one result per item, in the
 *   same order. Each caller gets its own result; a result that is an `Error` rejects only its
 *   caller. A result array of the wrong length rejects the whole batch with
 *   {@link BatchLengthError}; a `batchFn` that throws rejects the whole batch with its error.
 * - Aborting a load's `signal` before its batch is sent removes the item. After that, the item
 *   is in flight and the load settles with its result.
 * - At most `maxPending` items are accepted at a time; further loads wait, first come first
 *   served, until answers free room. Memory stays bounded however fast callers arrive.
 * - `close()` sends the open batch at once and refuses new loads; loads already made, waiting
 *   ones included, are still answered.
 *
 * O(1) amortized per item, plus the `batchFn` call.
 *
 * @typeParam I - one item (an input text).
 * @typeParam O - one result (its embedding).
 * @example
 * const embedder = new MicroBatcher<string, number[]>(
 *   (texts) => openai.embeddings.create({ model, input: texts }).then((r) => r.data.map((d) => d.embedding)),
 *   { maxBatchSize: 64, maxWaitMs: 5, maxPending: 1024 },
 * );
 * const vector = await embedder.load('How do I reset my password?');
 */
export class MicroBatcher<I, O> {
  readonly #batchFn: (items: I[]) => ReadonlyArray<O | Error> | Promise<ReadonlyArray<O | Error>>;
  readonly #maxBatchSize: number;
  readonly #maxWaitMs: number;
  readonly #maxPending: number;
  readonly #timers: Timers;
  // The open batch, not yet sent, and the one timer that will send it.
  #batch: Entry<I, O>[] = [];
  #timer: unknown;
  // Accepted and unanswered: in the open batch or in a batch being processed.
  #pending = 0;
  // Loads waiting for room, oldest first. Aborted ones are skipped when they reach the front.
  #waiting: (Waiter<I, O> | undefined)[] = [];
  #waitingHead = 0;
  #closed = false;
  #drained: (() => void) | undefined;
  #closing: Promise<void> | undefined;

  /**
   * @param batchFn - processes one batch: receives the items in arrival order and returns (or
   *   resolves to) one result per item, in the same order; an `Error` result fails that item only.
   * @throws TypeError when `batchFn` is not a function; RangeError for an out-of-range option.
   * @example
   * new MicroBatcher((ids: string[]) => db.documents.findMany(ids), { maxBatchSize: 100, maxWaitMs: 2, maxPending: 10_000 });
   */
  constructor(batchFn: (items: I[]) => ReadonlyArray<O | Error> | Promise<ReadonlyArray<O | Error>>, options: MicroBatcherOptions) {
    if (typeof batchFn !== 'function') throw new TypeError(`Expected \`batchFn\` to be a function, got ${String(batchFn)} (${typeof batchFn})`);
    const { maxBatchSize, maxWaitMs, maxPending, timers = realTimers } = options;
    integerFrom(maxBatchSize, 'maxBatchSize');
    integerFrom(maxPending, 'maxPending');
    if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0) {
      throw new RangeError(`Expected \`maxWaitMs\` to be a finite number >= 0, got ${String(maxWaitMs)} (${typeof maxWaitMs})`);
    }
    this.#batchFn = batchFn;
    this.#maxBatchSize = maxBatchSize;
    this.#maxWaitMs = maxWaitMs;
    this.#maxPending = maxPending;
    this.#timers = timers;
  }

  /**
   * Adds `item` to the open batch and resolves with its result once the batch has been
   * processed. Waits first, without adding the item, while `maxPending` items are unanswered.
   *
   * @throws BatcherClosedError (as a rejection) after `close()`; the signal's reason if it is
   *   aborted before the item is sent; the item's `Error` result; the batch's error.
   * @example
   * const [a, b] = await Promise.all([batcher.load('first'), batcher.load('second')]); // one batchFn call
   */
  load(item: I, options: LoadOptions = {}): Promise<O> {
    const { signal } = options;
    if (this.#closed) return Promise.reject(new BatcherClosedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<O>((resolve, reject) => {
      const entry: Entry<I, O> = { item, resolve, reject, signal, onAbort: undefined };
      if (this.#pending < this.#maxPending && this.#waitingHead === this.#waiting.length) {
        this.#admit(entry);
        return;
      }
      const waiter: Waiter<I, O> = { entry, index: this.#waiting.length };
      this.#waiting.push(waiter);
      if (signal) {
        entry.onAbort = () => {
          this.#waiting[waiter.index] = undefined;
          reject(signal.reason);
          this.#settleClose();
        };
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
    });
  }

  /**
   * How many items are accepted and unanswered (in the open batch or being processed).
   *
   * @example
   * metrics.gauge('embedder_pending', batcher.pending);
   */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Sends the open batch now, refuses new loads, and resolves once every load made before has
   * been answered. Calling it again returns the same promise.
   *
   * @example
   * process.on('SIGTERM', async () => { await batcher.close(); server.close(); });
   */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closed = true;
    this.#closing = new Promise<void>((resolve) => {
      this.#drained = resolve;
    });
    this.#dispatch();
    this.#settleClose();
    return this.#closing;
  }

  #admit(entry: Entry<I, O>): void {
    this.#pending++;
    const batch = this.#batch;
    batch.push(entry);
    const { signal } = entry;
    if (signal) {
      if (entry.onAbort) signal.removeEventListener('abort', entry.onAbort);
      entry.onAbort = () => {
        // Still in the open batch (a sent batch's entries have no listener any more).
        batch.splice(batch.indexOf(entry), 1);
        this.#pending--;
        if (batch.length === 0) this.#clearTimer();
        entry.reject(signal.reason);
        this.#admitWaiting();
      };
      signal.addEventListener('abort', entry.onAbort, { once: true });
    }
    if (batch.length >= this.#maxBatchSize) this.#dispatch();
    else if (batch.length === 1) this.#timer = this.#timers.setTimeout(() => this.#dispatch(), this.#maxWaitMs);
  }

  #dispatch(): void {
    this.#clearTimer();
    const entries = this.#batch;
    this.#batch = [];
    if (entries.length === 0) return; // close() and a closing #admitWaiting() call this with nothing open
    for (const entry of entries) {
      if (entry.onAbort) entry.signal!.removeEventListener('abort', entry.onAbort);
    }
    const answered = (): void => {
      this.#pending -= entries.length;
      this.#admitWaiting();
    };
    new Promise<ReadonlyArray<O | Error>>((run) => run(this.#batchFn(entries.map((entry) => entry.item)))).then(
      (results) => {
        if (!Array.isArray(results) || results.length !== entries.length) {
          const error = new BatchLengthError(entries.length, Array.isArray(results) ? results.length : undefined);
          for (const entry of entries) entry.reject(error);
          return answered();
        }
        // Result i belongs to item i: that index is the only link between a result and its caller.
        entries.forEach((entry, i) => {
          const result = results[i] as O | Error;
          if (result instanceof Error) entry.reject(result);
          else entry.resolve(result);
        });
        answered();
      },
      (error: unknown) => {
        for (const entry of entries) entry.reject(error);
        answered();
      },
    );
  }

  #admitWaiting(): void {
    while (this.#pending < this.#maxPending && this.#waitingHead < this.#waiting.length) {
      const waiter = this.#waiting[this.#waitingHead];
      this.#waiting[this.#waitingHead++] = undefined;
      if (waiter) this.#admit(waiter.entry);
    }
    if (this.#waitingHead === this.#waiting.length) {
      this.#waiting = [];
      this.#waitingHead = 0;
    }
    // Closing: whatever was just admitted is sent now rather than after `maxWaitMs`.
    if (this.#closed) this.#dispatch();
    this.#settleClose();
  }

  #settleClose(): void {
    // No load waits for room while fewer than maxPending are pending: none is waiting at 0.
    if (!this.#drained || this.#pending > 0) return;
    this.#drained();
    this.#drained = undefined;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

interface Entry<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface Waiter<I, O> {
  entry: Entry<I, O>;
  index: number;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function integerFrom(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Expected \`${name}\` to be an integer >= 1, got ${String(value)} (${typeof value})`);
  }
}
