// stub-hash: f59ef3697deb2307
// Exercise 03-message-ordering/keyed-executor: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 03-message-ordering/keyed-executor

/** A unit of work for {@link KeyedExecutor.submit}: sync or async, it may throw or reject. */
export type Task<T> = () => T | PromiseLike<T>;

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
    // TODO: implement KeyedExecutor.submit.
    throw new Error('TODO: implement KeyedExecutor.submit');
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
    // TODO: implement KeyedExecutor.onIdle.
    throw new Error('TODO: implement KeyedExecutor.onIdle');
  }

  /**
   * How many submitted tasks have not settled yet: running plus waiting. O(1).
   *
   * @example
   * new KeyedExecutor().pending; // 0
   */
  get pending(): number {
    // TODO: implement KeyedExecutor.pending.
    throw new Error('TODO: implement KeyedExecutor.pending');
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
    // TODO: implement KeyedExecutor.activeKeys.
    throw new Error('TODO: implement KeyedExecutor.activeKeys');
  }
}
