import { describe, expect, it } from 'vitest';
import { MyPromise } from '@workbook/05-callbacks/promise';
import { flushMicrotasks } from '../support/async.ts';

type Seen = { status: 'pending' } | { status: 'fulfilled'; value: unknown } | { status: 'rejected'; reason: unknown };

/** Records how a promise settles, so a test can assert it after `flushMicrotasks()`. */
function observe(promise: PromiseLike<unknown>): { readonly now: Seen } {
  let now: Seen = { status: 'pending' };
  promise.then(
    (value) => {
      now = { status: 'fulfilled', value };
    },
    (reason: unknown) => {
      now = { status: 'rejected', reason };
    },
  );
  return {
    get now() {
      return now;
    },
  };
}

function deferred<T>(): { promise: MyPromise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void } {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new MyPromise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('settles exactly once', () => {
  it('runs the executor synchronously, inside the constructor', () => {
    let calls = 0;
    new MyPromise<void>(() => {
      calls++;
    });
    expect(calls, 'the executor should have run once before the constructor returned').toBe(1);
  });

  it('fulfils with the value passed to resolve', async () => {
    const seen = observe(new MyPromise<number>((resolve) => resolve(42)));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 42 });
  });

  it('rejects with the reason passed to reject', async () => {
    const reason = new Error('rate limited');
    const seen = observe(new MyPromise<number>((_resolve, reject) => reject(reason)));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('rejects with whatever the executor throws before settling', async () => {
    const reason = new Error('bad request');
    const seen = observe(
      new MyPromise<number>(() => {
        throw reason;
      }),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('ignores every resolve and reject after the first', async () => {
    const seen = observe(
      new MyPromise<number>((resolve, reject) => {
        resolve(1);
        resolve(2);
        reject(new Error('too late'));
      }),
    );
    await flushMicrotasks();
    expect(seen.now, 'the first call to resolve should decide the outcome').toEqual({ status: 'fulfilled', value: 1 });
  });

  it('ignores an exception the executor throws after resolving', async () => {
    const seen = observe(
      new MyPromise<number>((resolve) => {
        resolve(1);
        throw new Error('thrown after resolve');
      }),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 1 });
  });

  it('keeps its value when resolve or reject is called again later', async () => {
    const { promise, resolve, reject } = deferred<string>();
    resolve('first');
    await flushMicrotasks();
    resolve('second');
    reject(new Error('third'));
    const seen = observe(promise);
    await flushMicrotasks();
    expect(seen.now, 'a settled promise must never change its state or value').toEqual({ status: 'fulfilled', value: 'first' });
  });

  it('ignores a resolve with a thenable after a reject, without even reading its then', async () => {
    let reads = 0;
    const thenable = {
      get then() {
        reads++;
        return (onFulfilled: (value: string) => void) => onFulfilled('too late');
      },
    };
    const reason = new Error('first');
    const seen = observe(
      new MyPromise<string>((resolve, reject) => {
        reject(reason);
        resolve(thenable as unknown as PromiseLike<string>);
      }),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
    expect(reads, 'a resolve after reject must be ignored entirely').toBe(0);
  });

  it('the constructor throws a TypeError when the executor is not a function', () => {
    expect(() => new MyPromise<number>(42 as unknown as () => void)).toThrow(TypeError);
  });
});

describe('callbacks run asynchronously, in order', () => {
  it('then on an already-fulfilled promise calls back only after the current code finishes', async () => {
    const log: string[] = [];
    const promise = new MyPromise<string>((resolve) => resolve('value'));
    promise.then((value) => log.push(`callback ${value}`));
    log.push('after then');
    await flushMicrotasks();
    expect(log, 'a then callback must never run before then() returns').toEqual(['after then', 'callback value']);
  });

  it('resolve does not run the waiting callbacks inside itself', async () => {
    const log: string[] = [];
    const { promise, resolve } = deferred<number>();
    promise.then(() => log.push('callback'));
    resolve(1);
    log.push('after resolve');
    await flushMicrotasks();
    expect(log, 'callbacks waiting on a promise run in a later microtask, not during resolve()').toEqual(['after resolve', 'callback']);
  });

  it('calls the callbacks of one promise in the order they were registered', async () => {
    const log: number[] = [];
    const { promise, resolve } = deferred<void>();
    promise.then(() => log.push(1));
    promise.then(() => log.push(2));
    resolve();
    promise.then(() => log.push(3));
    await flushMicrotasks();
    expect(log).toEqual([1, 2, 3]);
  });

  it('interleaves two chains one step at a time, like native promises', async () => {
    const log: string[] = [];
    const promise = MyPromise.resolve();
    promise.then(() => log.push('a1')).then(() => log.push('a2'));
    promise.then(() => log.push('b1')).then(() => log.push('b2'));
    await flushMicrotasks();
    expect(log, 'each then step should take one microtask').toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('calls each callback exactly once', async () => {
    let calls = 0;
    const { promise, resolve } = deferred<number>();
    promise.then(() => {
      calls++;
    });
    resolve(1);
    resolve(2);
    await flushMicrotasks();
    expect(calls).toBe(1);
  });
});

describe('chaining and rejection propagation', () => {
  it('then returns a new promise', () => {
    const promise = MyPromise.resolve(1);
    expect(promise.then()).not.toBe(promise);
  });

  it('fulfils the next promise with the value a callback returns', async () => {
    const seen = observe(
      MyPromise.resolve(2)
        .then((n) => n * 10)
        .then((n) => `${n}!`),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: '20!' });
  });

  it('rejects the next promise with what a callback throws', async () => {
    const reason = new Error('parse failed');
    const seen = observe(
      MyPromise.resolve('{').then(() => {
        throw reason;
      }),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('passes a rejection past fulfilment handlers to the next rejection handler', async () => {
    const reason = new Error('upstream down');
    let fulfilmentCalls = 0;
    const seen = observe(
      MyPromise.reject<number>(reason)
        .then(() => {
          fulfilmentCalls++;
          return 1;
        })
        .then(() => {
          fulfilmentCalls++;
          return 2;
        })
        .catch((error: unknown) => error),
    );
    await flushMicrotasks();
    expect(fulfilmentCalls).toBe(0);
    expect(seen.now).toEqual({ status: 'fulfilled', value: reason });
  });

  it('passes a value through then() calls that have no fulfilment handler', async () => {
    const seen = observe(MyPromise.resolve('kept').then(null, () => 'not used').catch(() => 'not used either'));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'kept' });
  });

  it('ignores callbacks that are not functions', async () => {
    const notAFunction = 42 as unknown as null;
    const fulfilled = observe(MyPromise.resolve('value').then(notAFunction, notAFunction));
    const rejected = observe(MyPromise.reject('reason').then(notAFunction, notAFunction));
    await flushMicrotasks();
    expect(fulfilled.now).toEqual({ status: 'fulfilled', value: 'value' });
    expect(rejected.now).toEqual({ status: 'rejected', reason: 'reason' });
  });

  it('a rejection handler that returns a value recovers the chain', async () => {
    const seen = observe(MyPromise.reject(new Error('timeout')).then(undefined, () => 'fallback answer'));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'fallback answer' });
  });
});

describe('thenable assimilation', () => {
  it('resolving with a pending MyPromise waits for it and takes its value', async () => {
    const inner = deferred<string>();
    const seen = observe(new MyPromise<string>((resolve) => resolve(inner.promise)));
    await flushMicrotasks();
    expect(seen.now, 'the outer promise should stay pending while the inner one is').toEqual({ status: 'pending' });
    inner.resolve('inner value');
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'inner value' });
  });

  it('resolving with a rejected MyPromise rejects with its reason', async () => {
    const reason = new Error('inner failed');
    const seen = observe(new MyPromise<string>((resolve) => resolve(MyPromise.reject(reason))));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('adopts a native Promise', async () => {
    const seen = observe(new MyPromise<number>((resolve) => resolve(Promise.resolve(7))));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 7 });
  });

  it('adopts a plain thenable object', async () => {
    const thenable = {
      then(onFulfilled: (value: string) => void) {
        onFulfilled('from a thenable');
      },
    };
    const seen = observe(MyPromise.resolve(1).then((): unknown => thenable));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'from a thenable' });
  });

  it('adopts a thenable that resolves with another thenable, recursively', async () => {
    const innermost = { then: (onFulfilled: (value: string) => void) => onFulfilled('deep') };
    const outer = { then: (onFulfilled: (value: unknown) => void) => onFulfilled(innermost) };
    const seen = observe(MyPromise.resolve(outer));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'deep' });
  });

  it('a thenable that calls back twice, or throws after calling back, is settled by its first call', async () => {
    const slow = deferred<string>();
    const hostile = {
      then(onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void) {
        onFulfilled(slow.promise);
        onRejected(new Error('second call'));
        onFulfilled('third call');
        throw new Error('thrown after calling back');
      },
    };
    const seen = observe(MyPromise.resolve(hostile));
    slow.resolve('first call wins');
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'first call wins' });
  });

  it('rejects when reading then throws, and reads then only once', async () => {
    let reads = 0;
    const reason = new Error('getter failed');
    const tricky = {
      get then() {
        reads++;
        throw reason;
      },
    };
    const seen = observe(MyPromise.resolve(1).then(() => tricky));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
    expect(reads, 'then should be read exactly once').toBe(1);
  });

  it('fulfils with null, which has no then to read', async () => {
    const seen = observe(MyPromise.resolve(1).then(() => null));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: null });
  });

  it('adopts a function that has a then method, like a thenable object', async () => {
    const thenable = Object.assign(() => 'not called', { then: (onFulfilled: (value: string) => void) => onFulfilled('from a function') });
    const seen = observe(MyPromise.resolve(1).then((): unknown => thenable));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'from a function' });
  });

  it('rejects with what a thenable\'s then throws before calling back', async () => {
    const reason = new Error('then failed');
    const broken = {
      then() {
        throw reason;
      },
    };
    const seen = observe(MyPromise.resolve(1).then((): unknown => broken));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('fulfils with an object whose then is not a function', async () => {
    const message = { then: 'not callable', body: 'hello' };
    const seen = observe(MyPromise.resolve(message));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: message });
  });

  it('is adopted by native promises and await, like any thenable', async () => {
    const mine = new MyPromise<string>((resolve) => resolve(MyPromise.resolve('awaited')));
    const viaAwait = observe((async () => await mine)());
    const viaNative = observe(Promise.resolve(mine));
    await flushMicrotasks();
    expect(viaAwait.now).toEqual({ status: 'fulfilled', value: 'awaited' });
    expect(viaNative.now).toEqual({ status: 'fulfilled', value: 'awaited' });
  });
});

describe('resolving a promise with itself', () => {
  it('rejects with a TypeError when resolved with itself', async () => {
    const { promise, resolve } = deferred<unknown>();
    resolve(promise);
    const seen = observe(promise);
    await flushMicrotasks();
    expect(seen.now.status, 'a promise resolved with itself can never settle on its own, so it must reject').toBe('rejected');
    expect((seen.now as { reason: unknown }).reason).toBeInstanceOf(TypeError);
  });

  it('rejects with a TypeError when a then callback returns the promise then returned', async () => {
    const chained: MyPromise<unknown> = MyPromise.resolve(1).then(() => chained);
    const seen = observe(chained);
    await flushMicrotasks();
    expect(seen.now.status).toBe('rejected');
    expect((seen.now as { reason: unknown }).reason).toBeInstanceOf(TypeError);
  });
});

describe('finally', () => {
  it('runs once on fulfilment, with no arguments, and keeps the value', async () => {
    const calls: unknown[][] = [];
    const seen = observe(
      MyPromise.resolve('completion').finally((...args: unknown[]) => {
        calls.push(args);
        return 'ignored';
      }),
    );
    await flushMicrotasks();
    expect(calls).toEqual([[]]);
    expect(seen.now, "finally must pass the original value on, not its callback's result").toEqual({ status: 'fulfilled', value: 'completion' });
  });

  it('runs once on rejection and keeps the reason', async () => {
    const reason = new Error('stream aborted');
    let calls = 0;
    const seen = observe(
      MyPromise.reject(reason).finally(() => {
        calls++;
        return 'ignored';
      }),
    );
    await flushMicrotasks();
    expect(calls).toBe(1);
    expect(seen.now, 'finally must not swallow a rejection').toEqual({ status: 'rejected', reason });
  });

  it('waits for a promise the callback returns before settling', async () => {
    const cleanup = deferred<string>();
    const seen = observe(MyPromise.resolve('value').finally(() => cleanup.promise));
    await flushMicrotasks();
    expect(seen.now, 'the outcome should wait for the promise returned by the finally callback').toEqual({ status: 'pending' });
    cleanup.resolve('cleanup result');
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'value' });
  });

  it('rejects with what the callback throws, replacing the outcome', async () => {
    const reason = new Error('cleanup failed');
    const seen = observe(
      MyPromise.resolve('value').finally(() => {
        throw reason;
      }),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('rejects when the promise the callback returns rejects', async () => {
    const reason = new Error('async cleanup failed');
    const seen = observe(MyPromise.reject(new Error('original')).finally(() => MyPromise.reject(reason)));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('passes the outcome through unchanged when given no callback', async () => {
    const reason = new Error('kept');
    const fulfilled = observe(MyPromise.resolve('value').finally());
    const rejected = observe(MyPromise.reject(reason).finally(null));
    await flushMicrotasks();
    expect(fulfilled.now).toEqual({ status: 'fulfilled', value: 'value' });
    expect(rejected.now).toEqual({ status: 'rejected', reason });
  });
});

describe('MyPromise.resolve and MyPromise.reject', () => {
  it('resolve wraps a plain value in a fulfilled promise', async () => {
    const promise = MyPromise.resolve({ id: 1 });
    expect(promise).toBeInstanceOf(MyPromise);
    const seen = observe(promise);
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: { id: 1 } });
  });

  it('resolve returns a MyPromise unchanged', () => {
    const promise = MyPromise.resolve(1);
    expect(MyPromise.resolve(promise)).toBe(promise);
  });

  it('resolve adopts a thenable', async () => {
    const seen = observe(MyPromise.resolve<unknown>({ then: (onFulfilled: (value: number) => void) => onFulfilled(5) }));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 5 });
  });

  it('reject rejects with the reason as given, even a promise', async () => {
    const reason = MyPromise.resolve('not adopted');
    const seen = observe(MyPromise.reject(reason));
    await flushMicrotasks();
    expect(seen.now.status).toBe('rejected');
    expect((seen.now as { reason: unknown }).reason).toBe(reason);
  });
});

describe('MyPromise.all', () => {
  it('fulfils with the results in input order, not completion order', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const seen = observe(MyPromise.all([first.promise, second.promise]));
    second.resolve('second');
    await flushMicrotasks();
    first.resolve('first');
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: ['first', 'second'] });
  });

  it('stays pending until every input has fulfilled', async () => {
    const last = deferred<string>();
    const seen = observe(MyPromise.all([MyPromise.resolve('a'), 'b', last.promise]));
    await flushMicrotasks();
    expect(seen.now, 'one input is still pending').toEqual({ status: 'pending' });
    last.resolve('c');
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: ['a', 'b', 'c'] });
  });

  it('accepts plain values and thenables mixed with promises, from any iterable', async () => {
    const values = new Set<unknown>([1, MyPromise.resolve(2), { then: (f: (v: number) => void) => f(3) }]);
    const seen = observe(MyPromise.all(values));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: [1, 2, 3] });
  });

  it('fulfils with an empty array for an empty input', async () => {
    const seen = observe(MyPromise.all([]));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: [] });
  });

  it('rejects with the first rejection, without waiting for the rest', async () => {
    const never = deferred<string>();
    const reason = new Error('one tool call failed');
    const seen = observe(MyPromise.all([never.promise, MyPromise.reject(reason)]));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });
});

describe('MyPromise.race', () => {
  it('fulfils like the first input to fulfil', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const seen = observe(MyPromise.race([slow.promise, fast.promise]));
    fast.resolve('fast');
    await flushMicrotasks();
    slow.resolve('slow');
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'fulfilled', value: 'fast' });
  });

  it('rejects like the first input to reject', async () => {
    const slow = deferred<string>();
    const timeout = deferred<string>();
    const reason = new Error('timed out');
    const seen = observe(MyPromise.race([slow.promise, timeout.promise]));
    timeout.reject(reason);
    await flushMicrotasks();
    slow.resolve('too late');
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'rejected', reason });
  });

  it('never settles for an empty input', async () => {
    const seen = observe(MyPromise.race([]));
    await flushMicrotasks();
    expect(seen.now).toEqual({ status: 'pending' });
  });
});
