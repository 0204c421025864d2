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
  /**
   * Cancels the task: a queued task never starts; a running task's own signal is aborted. The
   * pool stops listening to this signal when the run ends (its task settles, or it is cancelled),
   * so one long-lived signal can be shared by any number of runs.
   */
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
  // Queued tasks form a singly linked list from `#head` to `#tail`: appending and taking the
  // oldest are O(1). A cancelled entry stays in the list, marked, and is skipped when it reaches
  // the head: unlinking it from the middle would cost O(n). `#waiting` counts only the entries
  // not cancelled.
  readonly #concurrency: number;
  #head: QueuedTask | undefined;
  #tail: QueuedTask | undefined;
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
      const entry: QueuedTask = {
        start: () => this.#start(task, signal, resolve, reject),
        cancelled: false,
        detach: () => signal?.removeEventListener('abort', onAbort),
        next: undefined,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (this.#tail === undefined) this.#head = entry;
      else this.#tail.next = entry;
      this.#tail = entry;
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
    // Cancelling rejects run at once; the task's own result, when it comes, then changes nothing,
    // because a promise settles only once.
    const onAbort = (): void => {
      controller.abort(signal!.reason);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let result: Promise<R>;
    try {
      result = Promise.resolve(task(controller.signal));
    } catch (error) {
      result = Promise.reject(error);
    }
    result
      .then(resolve, reject)
      .finally(() => {
        signal?.removeEventListener('abort', onAbort);
        // The slot is freed only now, when the task has really stopped, even if it was cancelled.
        this.#running--;
        this.#next();
      });
  }

  #next(): void {
    while (this.#running < this.#concurrency && this.#head !== undefined) {
      const entry = this.#head;
      this.#head = entry.next;
      if (this.#head === undefined) this.#tail = undefined;
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

/** A task waiting for a slot, and the link to the one queued after it. */
interface QueuedTask {
  start: () => void;
  cancelled: boolean;
  detach: () => void;
  next: QueuedTask | undefined;
}
