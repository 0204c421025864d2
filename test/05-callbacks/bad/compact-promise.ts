/**
 * A compact, correct MyPromise that several known-bad implementations are small edits of (see
 * `mutant` in test/support/mutant.ts). It is not graded itself, and it is not the reference.
 */
export class MyPromise<T> implements PromiseLike<T> {
  #state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  #result: unknown = undefined;
  #reactions: Array<() => void> = [];

  constructor(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void) {
    let done = false;
    const resolve = (value: unknown): void => {
      if (done) return;
      done = true;
      this.#resolveWith(value);
    };
    const reject = (reason: unknown): void => {
      if (done) return;
      done = true;
      this.#settle('rejected', reason);
    };
    try {
      executor(resolve, reject);
    } catch (error) {
      reject(error);
    }
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): MyPromise<R1 | R2> {
    return new MyPromise<R1 | R2>((resolve, reject) => {
      const react = (): void => {
        const handler = this.#state === 'fulfilled' ? onFulfilled : onRejected;
        if (typeof handler !== 'function') {
          if (this.#state === 'fulfilled') resolve(this.#result as R1);
          else reject(this.#result);
          return;
        }
        try {
          resolve((handler as (argument: unknown) => R1 | R2)(this.#result));
        } catch (error) {
          reject(error);
        }
      };
      if (this.#state === 'pending') this.#reactions.push(() => queueMicrotask(react));
      else queueMicrotask(react);
    });
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): MyPromise<T | R> {
    return this.then(undefined, onRejected);
  }

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

  static resolve<U>(value: U | PromiseLike<U>): MyPromise<U>;
  static resolve(): MyPromise<void>;
  static resolve<U>(value?: U | PromiseLike<U>): MyPromise<U> {
    if (value instanceof MyPromise) return value as MyPromise<U>;
    return new MyPromise<U>((resolve) => resolve(value as U));
  }

  static reject<U = never>(reason?: unknown): MyPromise<U> {
    return new MyPromise<U>((_resolve, reject) => reject(reason));
  }

  static all<U>(values: Iterable<U | PromiseLike<U>>): MyPromise<U[]> {
    return new MyPromise<U[]>((resolve, reject) => {
      const results: U[] = [];
      let remaining = 0;
      let index = 0;
      for (const value of values) {
        const at = index++;
        remaining++;
        MyPromise.resolve(value).then((result) => {
          results[at] = result;
          if (--remaining === 0) resolve(results);
        }, reject);
      }
      if (remaining === 0) resolve(results);
    });
  }

  static race<U>(values: Iterable<U | PromiseLike<U>>): MyPromise<U> {
    return new MyPromise<U>((resolve, reject) => {
      for (const value of values) MyPromise.resolve(value).then(resolve, reject);
    });
  }

  #resolveWith(value: unknown): void {
    if (value === this) {
      this.#settle('rejected', new TypeError('A promise cannot be resolved with itself'));
      return;
    }
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      let then: unknown;
      try {
        then = (value as { then?: unknown }).then;
      } catch (error) {
        this.#settle('rejected', error);
        return;
      }
      if (typeof then === 'function') {
        let called = false;
        try {
          then.call(
            value,
            (next: unknown) => {
              if (called) return;
              called = true;
              this.#resolveWith(next);
            },
            (reason: unknown) => {
              if (called) return;
              called = true;
              this.#settle('rejected', reason);
            },
          );
        } catch (error) {
          if (!called) {
            called = true;
            this.#settle('rejected', error);
          }
        }
        return;
      }
    }
    this.#settle('fulfilled', value);
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
