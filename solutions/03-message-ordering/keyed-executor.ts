/** A unit of work for {@link KeyedExecutor.submit}: sync or async, it may throw or reject. */
export type Task<T> = () => T | PromiseLike<T>;

// One submitted task and how to settle the promise `submit` returned for it.
interface Job {
  task: Task<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  next: Job | undefined;
}

// The tasks of one key, as a linked list: `head` is running, the rest wait behind it.
interface Lane {
  head: Job;
  tail: Job;
}

/**
 * A per-key serial executor: tasks submitted under the same key run one at a time, in the order
 * they were submitted; tasks under different keys run concurrently. This is how a consumer keeps
 * the order that matters (the turns of one conversation, the events of one Kafka key or SQS
 * message group) without serialising everything.
 *
 * A task that throws or rejects fails only its own promise: the next task of the same key starts
 * as usual, and other keys never notice. A task never starts inside the `submit` call; it starts
 * on a later microtask at the earliest.
 *
 * `submit` is O(1); the executor holds no memory for a key once its last task has settled.
 *
 * @typeParam K - the key type, compared with `SameValueZero` (like `Map` keys).
 * @example
 * const executor = new KeyedExecutor<string>();
 * executor.submit('conversation-1', () => handle(turn1));
 * executor.submit('conversation-2', () => handle(other)); // runs alongside conversation-1
 * executor.submit('conversation-1', () => handle(turn2)); // starts after turn1 has settled
 * await executor.onIdle();                                 // every task has settled
 */
export class KeyedExecutor<K = string> {
  // A key is in `#lanes` exactly while it has a task running or waiting; the lane's drain loop
  // removes it the moment its last task settles, so keys never accumulate.
  readonly #lanes = new Map<K, Lane>();
  #pending = 0;
  #idleWaiters: Array<() => void> = [];

  /**
   * Queues `task` under `key` and returns a promise for its result: it resolves with what the
   * task returns (or resolves to) and rejects with what it throws (or rejects with). The task
   * starts once every task submitted earlier under the same key has settled. O(1).
   *
   * @throws TypeError (synchronously) when `task` is not a function.
   * @example
   * const reply = await executor.submit(conversationId, () => callModel(turn));
   */
  submit<T>(key: K, task: Task<T>): Promise<T> {
    if (typeof task !== 'function') {
      throw new TypeError(`Expected \`task\` to be a function, got ${String(task)} (${typeof task})`);
    }
    return new Promise<T>((resolve, reject) => {
      const job: Job = { task, resolve: resolve as (value: unknown) => void, reject, next: undefined };
      this.#pending++;
      const lane = this.#lanes.get(key);
      if (lane) {
        // Another task of this key is running: wait behind the last one.
        lane.tail.next = job;
        lane.tail = job;
        return;
      }
      const fresh: Lane = { head: job, tail: job };
      this.#lanes.set(key, fresh);
      // Start on a microtask, never inside submit: callers can rely on submit returning first.
      queueMicrotask(() => void this.#drain(key, fresh));
    });
  }

  /**
   * Resolves once no task is running or waiting (at once if that is already so). It never
   * rejects, even when tasks failed; their own promises carry the errors.
   *
   * @example
   * executor.submit('a', work);
   * await executor.onIdle(); // work has settled
   */
  onIdle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * How many submitted tasks have not settled yet: running plus waiting. O(1).
   *
   * @example
   * new KeyedExecutor().pending; // 0
   */
  get pending(): number {
    return this.#pending;
  }

  /**
   * How many keys have a task running or waiting. It drops back to 0 when the executor is idle,
   * however many keys it has seen. O(1).
   *
   * @example
   * executor.submit('a', work);
   * executor.activeKeys; // 1
   */
  get activeKeys(): number {
    return this.#lanes.size;
  }

  // Runs the lane's tasks one after another until none is left, then retires the lane.
  async #drain(key: K, lane: Lane): Promise<void> {
    let job: Job | undefined = lane.head;
    while (job) {
      try {
        // `await` also catches a task that throws synchronously: it becomes a rejection here.
        job.resolve(await job.task());
      } catch (error) {
        job.reject(error);
      }
      this.#pending--;
      // `job.next` is read after the task settled, so tasks submitted meanwhile are seen.
      job = job.next;
      if (job) lane.head = job;
    }
    this.#lanes.delete(key);
    if (this.#pending === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }
}
