/**
 * The function handed to a {@link MyPromise} executor that fulfils the promise (or, given a
 * thenable, makes the promise follow it).
 */
export type Resolve<T> = (value: T | PromiseLike<T>) => void;

/** The function handed to a {@link MyPromise} executor that rejects the promise. */
export type Reject = (reason?: unknown) => void;

/** The function a {@link MyPromise} is constructed with; it runs synchronously in the constructor. */
export type Executor<T> = (resolve: Resolve<T>, reject: Reject) => void;

/**
 * A promise written from scratch that follows the Promises/A+ specification
 * (https://promisesaplus.com) and offers the everyday parts of the ECMAScript `Promise` API:
 * `then`, `catch`, `finally`, and the statics `resolve`, `reject`, `all` and `race`.
 *
 * The rules that matter most:
 * - A promise settles at most once: the first `resolve` or `reject` wins; later calls, and an
 *   exception thrown by the executor after it settled, are ignored.
 * - Reaction callbacks never run synchronously. They run as microtasks (`queueMicrotask`), in the
 *   order they were registered, once the promise has settled, even if it settled long ago.
 * - Resolving with a thenable (anything with a callable `then`, including another `MyPromise` or a
 *   native `Promise`) makes this promise adopt the thenable's eventual state. Resolving a promise
 *   with itself rejects it with a `TypeError`.
 * - `then` returns a new promise, settled by what the callback returns or throws; a missing
 *   callback passes the value or reason through.
 *
 * An instance is a `PromiseLike`, so `await` and native `Promise.resolve` accept it.
 *
 * @typeParam T - the fulfilment value's type.
 * @example
 * const answer = new MyPromise<number>((resolve) => setTimeout(() => resolve(42), 10));
 * answer
 *   .then((n) => n + 1)
 *   .then((n) => console.log(n)) // 43
 *   .finally(() => console.log('done'));
 */
export class MyPromise<T> implements PromiseLike<T> {
  // 'pending' until the first settle; after that `#result` holds the value or the reason.
  #state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  #result: unknown = undefined;
  // Reactions registered while pending, in registration order. Cleared on settle so the closures
  // (and everything they capture) can be garbage-collected.
  #reactions: Array<() => void> = [];

  /**
   * Creates a promise and runs `executor(resolve, reject)` synchronously. If the executor throws
   * before settling the promise, the promise is rejected with the thrown value.
   *
   * @param executor - starts the asynchronous work and eventually calls `resolve` or `reject`.
   * @throws {TypeError} when `executor` is not a function.
   * @example
   * const ready = new MyPromise<string>((resolve, reject) => {
   *   socket.once('open', () => resolve('open'));
   *   socket.once('error', reject);
   * });
   */
  constructor(executor: Executor<T>) {
    if (typeof executor !== 'function') {
      throw new TypeError(`Expected \`executor\` to be a function, got ${String(executor)} (${typeof executor})`);
    }
    const { resolve, reject } = this.#resolvingFunctions();
    try {
      executor(resolve, reject);
    } catch (error) {
      reject(error);
    }
  }

  /**
   * Registers callbacks for the promise's fulfilment and rejection, and returns a new promise
   * resolved with whatever the called callback returns (adopting it if it is a thenable) or
   * rejected with whatever it throws. A callback that is not a function is ignored: the value or
   * reason passes through to the returned promise. Callbacks always run asynchronously, each at
   * most once.
   *
   * @param onFulfilled - called with the value once the promise fulfils.
   * @param onRejected - called with the reason once the promise rejects.
   * @returns a new promise for the callback's result.
   * @example
   * MyPromise.resolve(2)
   *   .then((n) => n * 21)
   *   .then((n) => console.log(n)); // 42
   */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): MyPromise<R1 | R2> {
    return new MyPromise<R1 | R2>((resolve, reject) => {
      const react = (): void => {
        const fulfilled = this.#state === 'fulfilled';
        const handler = fulfilled ? onFulfilled : onRejected;
        if (typeof handler !== 'function') {
          // No handler for this outcome: pass it through unchanged (2.2.7.3 and 2.2.7.4).
          if (fulfilled) resolve(this.#result as R1);
          else reject(this.#result);
          return;
        }
        try {
          resolve((handler as (argument: unknown) => R1 | R2 | PromiseLike<R1 | R2>)(this.#result));
        } catch (error) {
          reject(error);
        }
      };
      // Every reaction is a fresh microtask, so a callback never runs in the same turn as the code
      // that registered it ("onFulfilled must not be called until the execution context stack
      // contains only platform code", 2.2.4).
      const schedule = (): void => queueMicrotask(react);
      if (this.#state === 'pending') this.#reactions.push(schedule);
      else schedule();
    });
  }

  /**
   * Registers a rejection handler only: `p.catch(f)` is `p.then(undefined, f)`.
   *
   * @param onRejected - called with the reason once the promise rejects.
   * @example
   * MyPromise.reject(new Error('overloaded')).catch((error) => 'fallback'); // fulfils with 'fallback'
   */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): MyPromise<T | R> {
    return this.then(undefined, onRejected);
  }

  /**
   * Runs `onFinally` once the promise settles, whichever way, without changing the outcome: the
   * returned promise settles with the original value or reason. Two exceptions: if `onFinally`
   * throws, or returns a promise that rejects, the returned promise rejects with that error
   * instead. If `onFinally` returns a promise, the outcome waits for it.
   *
   * @param onFinally - called with no arguments once the promise settles.
   * @example
   * fetchCompletion()
   *   .finally(() => releaseSlot()) // runs on success and on failure
   *   .then((text) => render(text)); // still receives the completion, not releaseSlot's result
   */
  finally(onFinally?: (() => unknown) | null): MyPromise<T> {
    if (typeof onFinally !== 'function') return this.then();
    return this.then(
      (value) => MyPromise.resolve(onFinally()).then(() => value),
      (reason) =>
        MyPromise.resolve(onFinally()).then(() => {
          throw reason;
        }),
    );
  }

  /**
   * Returns a promise resolved with `value`. A `MyPromise` is returned as it is; any other
   * thenable is adopted; a plain value gives an already-fulfilled promise.
   *
   * @example
   * const p = MyPromise.resolve(1);
   * MyPromise.resolve(p) === p; // true
   */
  static resolve<U = void>(value?: U | PromiseLike<U>): MyPromise<U> {
    if (value instanceof MyPromise) return value as MyPromise<U>;
    return new MyPromise<U>((resolve) => resolve(value as U | PromiseLike<U>));
  }

  /**
   * Returns a promise already rejected with `reason` (a thenable reason is not adopted).
   *
   * @example
   * MyPromise.reject(new Error('rate limited')).catch((error) => error.message); // 'rate limited'
   */
  static reject<U = never>(reason?: unknown): MyPromise<U> {
    return new MyPromise<U>((_resolve, reject) => reject(reason));
  }

  /**
   * Waits for every value (promises, thenables or plain values) and fulfils with their results
   * in input order, or rejects with the first rejection. An empty input fulfils with `[]`.
   * O(n) for n inputs.
   *
   * @example
   * MyPromise.all([MyPromise.resolve(1), 2, slowly(3)]).then((all) => console.log(all)); // [1, 2, 3]
   */
  static all<U>(values: Iterable<U | PromiseLike<U>>): MyPromise<U[]> {
    return new MyPromise<U[]>((resolve, reject) => {
      const results: U[] = [];
      let remaining = 0;
      let index = 0;
      for (const value of values) {
        const at = index++;
        remaining++;
        MyPromise.resolve(value).then((result) => {
          // Store by input position: completion order is not input order.
          results[at] = result;
          if (--remaining === 0) resolve(results);
        }, reject);
      }
      if (remaining === 0) resolve(results);
    });
  }

  /**
   * Settles like the first of `values` to settle (a plain value counts as already fulfilled, so
   * the earliest one in input order wins among those). An empty input never settles.
   *
   * @example
   * MyPromise.race([completion, timeout(5_000)]); // whichever settles first
   */
  static race<U>(values: Iterable<U | PromiseLike<U>>): MyPromise<U> {
    return new MyPromise<U>((resolve, reject) => {
      for (const value of values) MyPromise.resolve(value).then(resolve, reject);
    });
  }

  // A fresh pair of resolving functions sharing one "already resolved" flag: once either has been
  // called, both do nothing, even while the promise is still pending because it follows a thenable.
  #resolvingFunctions(): { resolve: Resolve<T>; reject: Reject } {
    let alreadyResolved = false;
    return {
      resolve: (value) => {
        if (alreadyResolved) return;
        alreadyResolved = true;
        this.#resolveWith(value);
      },
      reject: (reason) => {
        if (alreadyResolved) return;
        alreadyResolved = true;
        this.#settle('rejected', reason);
      },
    };
  }

  // The Promise Resolution Procedure, [[Resolve]](promise, x), section 2.3 of Promises/A+.
  #resolveWith(value: unknown): void {
    if (value === this) {
      this.#settle('rejected', new TypeError('A promise cannot be resolved with itself'));
      return;
    }
    if ((typeof value !== 'object' || value === null) && typeof value !== 'function') {
      this.#settle('fulfilled', value);
      return;
    }
    let then: unknown;
    try {
      // Read `then` exactly once: a getter may return a different value, or throw, each time.
      then = (value as { then?: unknown }).then;
    } catch (error) {
      this.#settle('rejected', error);
      return;
    }
    if (typeof then !== 'function') {
      this.#settle('fulfilled', value);
      return;
    }
    // Follow the thenable. Its callbacks get their own "called once" guard, because a hostile
    // thenable may call both, or call one several times, or throw after calling one.
    const { resolve, reject } = this.#resolvingFunctions();
    try {
      then.call(value, resolve, reject);
    } catch (error) {
      reject(error);
    }
  }

  #settle(state: 'fulfilled' | 'rejected', result: unknown): void {
    if (this.#state !== 'pending') return;
    this.#state = state;
    this.#result = result;
    const reactions = this.#reactions;
    this.#reactions = [];
    for (const reaction of reactions) reaction();
  }
}
