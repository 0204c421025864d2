// stub-hash: e4a99da6dc440495
// Exercise 05-callbacks/promise: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 05-callbacks/promise

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
    // TODO: implement MyPromise.constructor.
    throw new Error('TODO: implement MyPromise.constructor');
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
    // TODO: implement MyPromise.then.
    throw new Error('TODO: implement MyPromise.then');
  }

  /**
   * Registers a rejection handler only: `p.catch(f)` is `p.then(undefined, f)`.
   *
   * @param onRejected - called with the reason once the promise rejects.
   * @example
   * MyPromise.reject(new Error('overloaded')).catch((error) => 'fallback'); // fulfils with 'fallback'
   */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): MyPromise<T | R> {
    // TODO: implement MyPromise.catch.
    throw new Error('TODO: implement MyPromise.catch');
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
    // TODO: implement MyPromise.finally.
    throw new Error('TODO: implement MyPromise.finally');
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
    // TODO: implement MyPromise.resolve.
    throw new Error('TODO: implement MyPromise.resolve');
  }

  /**
   * Returns a promise already rejected with `reason` (a thenable reason is not adopted).
   *
   * @example
   * MyPromise.reject(new Error('rate limited')).catch((error) => error.message); // 'rate limited'
   */
  static reject<U = never>(reason?: unknown): MyPromise<U> {
    // TODO: implement MyPromise.reject.
    throw new Error('TODO: implement MyPromise.reject');
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
    // TODO: implement MyPromise.all.
    throw new Error('TODO: implement MyPromise.all');
  }

  /**
   * Settles like the first of `values` to settle (a plain value counts as already fulfilled, so
   * the earliest one in input order wins among those). An empty input never settles.
   *
   * @example
   * MyPromise.race([completion, timeout(5_000)]); // whichever settles first
   */
  static race<U>(values: Iterable<U | PromiseLike<U>>): MyPromise<U> {
    // TODO: implement MyPromise.race.
    throw new Error('TODO: implement MyPromise.race');
  }
}
