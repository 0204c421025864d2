/**
 * A compact, correct worker-pool that several known-bad implementations are small edits of (see
 * `mutant` in test/support/mutant.ts). It is not graded itself, and it is not the reference.
 */
export class PoolClosedError extends Error {
  constructor(message = 'The worker pool is closed and accepts no new tasks') {
    super(message);
    this.name = 'PoolClosedError';
  }
}

export type Task<R> = (signal: AbortSignal) => Promise<R> | R;

export interface RunOptions {
  signal?: AbortSignal;
}

interface Entry {
  start: () => void;
  cancelled: boolean;
  detach: () => void;
}

export class WorkerPool {
  #concurrency: number;
  #queue: Entry[] = [];
  #running = 0;
  #closed = false;
  #idle: Promise<void> | undefined;
  #resolveIdle: (() => void) | undefined;

  constructor(concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`Expected \`concurrency\` to be an integer >= 1, got ${concurrency}`);
    this.#concurrency = concurrency;
  }

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
        this.#queue.splice(this.#queue.indexOf(entry), 1);
        reject(signal!.reason);
        this.#checkIdle();
      };
      const entry: Entry = {
        start: () => this.#start(task, signal, resolve, reject),
        cancelled: false,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(entry);
    });
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#queue.length;
  }

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
        this.#running--;
        this.#next();
      });
  }

  #next(): void {
    while (this.#running < this.#concurrency && this.#queue.length > 0) {
      const entry = this.#queue.shift()!;
      entry.detach();
      entry.start();
    }
    this.#checkIdle();
  }

  #checkIdle(): void {
    if (this.#closed && this.#running === 0 && this.#queue.length === 0) this.#resolveIdle?.();
  }
}
