/**
 * Thrown (as a rejection) by {@link WorkerPool.run} once {@link WorkerPool.close} has been called:
 * a pool that is shutting down accepts no new work.
 *
 * @provided
 * @example
 * pool.close();
 * await pool.run(task); // rejects with PoolClosedError
 */
export class PoolClosedError extends Error {
  constructor(message = 'The worker pool is closed and accepts no new tasks') {
    super(message);
    this.name = 'PoolClosedError';
  }
}

/** A unit of work. It receives a signal that aborts when its caller cancels it. */
export type Task<R> = (signal: AbortSignal) => Promise<R> | R;

/** Options for one {@link WorkerPool.run} call. */
export interface RunOptions {
  /** Cancels the task: a queued task never starts; a running task's own signal is aborted. */
  signal?: AbortSignal;
}

/**
 * Runs async tasks with at most `concurrency` of them in progress at once; the rest wait in a
 * first-in, first-out queue. This is the shape of a pool of workers in front of a model server:
 * the limit protects the server, the queue absorbs bursts.
 *
 * - A task that throws rejects its own `run` call and frees its slot for the next task.
 * - Cancellation: if `options.signal` aborts while the task is queued, the task is removed and
 *   never starts; if it aborts while the task runs, the task's signal is aborted and `run`
 *   rejects at once with the abort reason. The slot stays taken until the task actually settles,
 *   so the limit holds even for tasks that ignore their signal.
 * - Graceful shutdown: after `close()`, `run` rejects with {@link PoolClosedError}; tasks already
 *   accepted (running or queued) still run, and `close()` resolves when all of them have settled.
 *
 * `run` and the bookkeeping around each task are O(1).
 *
 * @example
 * const pool = new WorkerPool(4);
 * const answers = await Promise.all(prompts.map((p) => pool.run((signal) => callModel(p, { signal }))));
 * await pool.close();
 */
export class WorkerPool {
  // A cancelled entry stays in `#queue`, marked, and is skipped when it reaches the head: removing
  // it from the middle would cost O(n). `#waiting` counts only the entries not cancelled.
  readonly #concurrency: number;
  readonly #queue = new Fifo<{ start: () => void; cancelled: boolean; detach: () => void }>();
  #running = 0;
  #waiting = 0;
  #closed = false;
  #idle: Promise<void> | undefined;
  #resolveIdle: (() => void) | undefined;

  /**
   * Creates an open pool.
   *
   * @param concurrency - the most tasks in progress at once: an integer >= 1.
   * @throws RangeError when `concurrency` is not an integer >= 1.
   * @example
   * const pool = new WorkerPool(8);
   */
  constructor(concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`Expected \`concurrency\` to be an integer >= 1, got ${String(concurrency)} (${typeof concurrency})`);
    }
    this.#concurrency = concurrency;
  }

  /**
   * Runs `task` as soon as a slot is free, and settles like it: with its result, or its error.
   *
   * @throws PoolClosedError (as a rejection) after `close()`.
   * @throws the signal's reason (as a rejection) when `options.signal` aborts first.
   * @example
   * const reply = await pool.run((signal) => fetch(url, { signal }).then((r) => r.json()));
   */
  run<R>(task: Task<R>, options: RunOptions = {}): Promise<R> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<R>((resolve, reject) => {
      if (this.#running < this.#concurrency) {
        this.#start(task, signal, resolve, reject);
        return;
      }
      const onAbort = (): void => {
        entry.cancelled = true;
        this.#waiting--;
        reject(signal!.reason);
        this.#checkIdle();
      };
      const entry = {
        start: () => this.#start(task, signal, resolve, reject),
        cancelled: false,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(entry);
      this.#waiting++;
    });
  }

  /**
   * Tasks in progress now (including cancelled ones that have not settled yet).
   *
   * @example
   * pool.running; // 0 to concurrency
   */
  get running(): number {
    return this.#running;
  }

  /**
   * Tasks accepted but not started yet.
   *
   * @example
   * pool.waiting; // 0 when there is a free slot
   */
  get waiting(): number {
    return this.#waiting;
  }

  /**
   * Stops accepting tasks and resolves once every accepted task has settled. Idempotent: every
   * call returns a promise for the same moment.
   *
   * @example
   * process.on('SIGTERM', async () => {
   *   await pool.close(); // finish what was accepted, refuse the rest
   *   process.exit(0);
   * });
   */
  close(): Promise<void> {
    this.#closed = true;
    this.#idle ??= new Promise((resolve) => {
      this.#resolveIdle = resolve;
    });
    this.#checkIdle();
    return this.#idle;
  }

  #start<R>(task: Task<R>, signal: AbortSignal | undefined, resolve: (value: R) => void, reject: (error: unknown) => void): void {
    this.#running++;
    const controller = new AbortController();
    let settled = false;
    const onAbort = (): void => {
      controller.abort(signal!.reason);
      if (!settled) {
        settled = true;
        reject(signal!.reason);
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let result: Promise<R>;
    try {
      result = Promise.resolve(task(controller.signal));
    } catch (error) {
      result = Promise.reject(error);
    }
    result
      .then(
        (value) => {
          if (!settled) resolve(value);
        },
        (error: unknown) => {
          if (!settled) reject(error);
        },
      )
      .finally(() => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        // The slot is freed only now, when the task has really stopped, even if it was cancelled.
        this.#running--;
        this.#next();
      });
  }

  #next(): void {
    while (this.#running < this.#concurrency && this.#queue.size > 0) {
      const entry = this.#queue.shift()!;
      if (entry.cancelled) continue;
      this.#waiting--;
      entry.detach(); // from now on, aborting reaches the task through its own signal
      entry.start();
    }
    this.#checkIdle();
  }

  #checkIdle(): void {
    if (this.#closed && this.#running === 0 && this.#waiting === 0) this.#resolveIdle?.();
  }
}

/** A first-in, first-out queue on a growable ring buffer: O(1) amortized push and shift. */
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
