// stub-hash: edba260059bf476d
// Exercise 07-producer-consumer/worker-pool: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 07-producer-consumer/worker-pool

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
  /**
   * Creates an open pool.
   *
   * @param concurrency - the most tasks in progress at once: an integer >= 1.
   * @throws RangeError when `concurrency` is not an integer >= 1.
   * @example
   * const pool = new WorkerPool(8);
   */
  constructor(concurrency: number) {
    // TODO: implement WorkerPool.constructor.
    throw new Error('TODO: implement WorkerPool.constructor');
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
    // TODO: implement WorkerPool.run.
    throw new Error('TODO: implement WorkerPool.run');
  }

  /**
   * Tasks in progress now (including cancelled ones that have not settled yet).
   *
   * @example
   * pool.running; // 0 to concurrency
   */
  get running(): number {
    // TODO: implement WorkerPool.running.
    throw new Error('TODO: implement WorkerPool.running');
  }

  /**
   * Tasks accepted but not started yet.
   *
   * @example
   * pool.waiting; // 0 when there is a free slot
   */
  get waiting(): number {
    // TODO: implement WorkerPool.waiting.
    throw new Error('TODO: implement WorkerPool.waiting');
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
    // TODO: implement WorkerPool.close.
    throw new Error('TODO: implement WorkerPool.close');
  }
}
