import { describe, expect, it } from 'vitest';
import {
  callbackify,
  type ErrorFirstCallback,
  FalsyRejectionError,
  promisify,
  promisifyCustom,
} from '@workbook/05-callbacks/promisify';
import { flushMicrotasks } from '../support/async.ts';


type Outcome = { state: 'pending' } | { state: 'fulfilled'; value: unknown } | { state: 'rejected'; reason: unknown };

/** Records how a promise settles, so a test can assert it after `flushMicrotasks()`. */
function observe(promise: Promise<unknown>): { readonly now: Outcome } {
  let now: Outcome = { state: 'pending' };
  promise.then(
    (value) => {
      now = { state: 'fulfilled', value };
    },
    (reason: unknown) => {
      now = { state: 'rejected', reason };
    },
  );
  return {
    get now() {
      return now;
    },
  };
}

/** Records every call of an error-first callback: its `this` and its arguments. */
function recordingCallback(): { callback: ErrorFirstCallback; calls: Array<{ self: unknown; args: unknown[] }> } {
  const calls: Array<{ self: unknown; args: unknown[] }> = [];
  const callback = function (this: unknown, ...args: unknown[]): void {
    calls.push({ self: this, args });
  };
  return { callback, calls };
}

describe('promisify resolves with the result', () => {
  it('resolves with the first result after the error', async () => {
    const lookup = promisify((id: number, callback: ErrorFirstCallback<string>) => callback(null, `user-${id}`));
    const seen = observe(lookup(7));
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: 'user-7' });
  });

  it('calls the original with the same arguments, in order, and a callback last', async () => {
    const received: unknown[][] = [];
    const send = promisify((...args: unknown[]) => {
      received.push(args);
      (args[args.length - 1] as ErrorFirstCallback)(null, 'sent');
    });
    await flushMicrotasks();
    const seen = observe(send('chat', { model: 'small' }, 3));
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: 'sent' });
    expect(received).toHaveLength(1);
    expect(received[0]!.slice(0, 3)).toEqual(['chat', { model: 'small' }, 3]);
    expect(typeof received[0]![3], 'the last argument passed to the original should be the callback').toBe('function');
  });

  it('treats a null or undefined error, or no arguments at all, as success', async () => {
    const withNull = observe(promisify((callback: ErrorFirstCallback<string>) => callback(null, 'a'))());
    const withUndefined = observe(promisify((callback: ErrorFirstCallback<string>) => callback(undefined, 'b'))());
    const withNothing = observe(promisify((callback: (...args: unknown[]) => void) => callback())());
    await flushMicrotasks();
    expect(withNull.now).toEqual({ state: 'fulfilled', value: 'a' });
    expect(withUndefined.now, 'callback(undefined, value) is a success in Node.js: only a truthy error rejects').toEqual({ state: 'fulfilled', value: 'b' });
    expect(withNothing.now, 'callback() with no arguments is a success with no result').toEqual({ state: 'fulfilled', value: undefined });
  });

  it('works when the callback is called later, asynchronously', async () => {
    let finish: ErrorFirstCallback<number> = () => {};
    const later = promisify((callback: ErrorFirstCallback<number>) => {
      finish = callback;
    });
    const seen = observe(later());
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'pending' });
    finish(null, 42);
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: 42 });
  });
});

describe('promisify rejects on an error', () => {
  it('rejects with the error the callback receives', async () => {
    const error = new Error('ECONNRESET');
    const seen = observe(promisify((callback: ErrorFirstCallback) => callback(error))());
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'rejected', reason: error });
  });

  it('rejects with any truthy error, even one that is not an Error', async () => {
    const seen = observe(promisify((callback: ErrorFirstCallback) => callback('timeout', 'ignored'))());
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'rejected', reason: 'timeout' });
  });

  it('turns a synchronous throw in the original into a rejection', async () => {
    const error = new TypeError('bad arguments');
    const broken = promisify((_callback: ErrorFirstCallback) => {
      throw error;
    });
    let returned: Promise<unknown> | undefined;
    expect(() => {
      returned = broken();
    }, 'calling a promisified function should never throw: the error belongs in the promise').not.toThrow();
    const seen = observe(returned!);
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'rejected', reason: error });
  });

  it('promisify itself throws a TypeError when given something that is not a function', () => {
    expect(() => promisify('not a function' as unknown as () => void)).toThrow(TypeError);
  });
});

describe('multiple results', () => {
  const search = (query: string, callback: ErrorFirstCallback<string>): void => callback(null, `${query}:hit`, 12, 'cursor-2');

  it('keeps only the first result by default, as Node.js does', async () => {
    const seen = observe(promisify(search)('llm'));
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: 'llm:hit' });
  });

  it('resolves with every result, in an array, with multiArgs', async () => {
    const seen = observe(promisify(search, { multiArgs: true })('llm'));
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: ['llm:hit', 12, 'cursor-2'] });
  });

  it('resolves with an empty array with multiArgs when there are no results', async () => {
    const seen = observe(promisify((callback: ErrorFirstCallback) => callback(null), { multiArgs: true })());
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: [] });
  });
});

describe('this is preserved', () => {
  it('promisify calls the original with the this of the call', async () => {
    const client = {
      model: 'tiny',
      complete(prompt: string, callback: ErrorFirstCallback<string>): void {
        callback(null, `${this.model}: ${prompt}`);
      },
      completeAsync: undefined as unknown as (prompt: string) => Promise<string>,
    };
    client.completeAsync = promisify(client.complete);
    const seen = observe(client.completeAsync('hi'));
    await flushMicrotasks();
    expect(seen.now, 'a method turned into a promise function should still see its object as this').toEqual({ state: 'fulfilled', value: 'tiny: hi' });
  });

  it('callbackify calls the original, and the callback, with the this of the call', async () => {
    const client = {
      model: 'tiny',
      async complete(prompt: string): Promise<string> {
        return `${this.model}: ${prompt}`;
      },
      completeWithCallback: undefined as unknown as (prompt: string, callback: ErrorFirstCallback<string>) => void,
    };
    client.completeWithCallback = callbackify(client.complete);
    const { callback, calls } = recordingCallback();
    client.completeWithCallback('hi', callback);
    await flushMicrotasks();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toEqual([null, 'tiny: hi']);
    expect(calls[0]!.self, 'the callback should be called with the same this as the callbackified function').toBe(client);
  });
});

describe('a callback called twice settles once', () => {
  it('keeps the first result when the callback is called twice', async () => {
    const seen = observe(
      promisify((callback: ErrorFirstCallback<number>) => {
        callback(null, 1);
        callback(null, 2);
      })(),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: 1 });
  });

  it('ignores an error reported after a success', async () => {
    const seen = observe(
      promisify((callback: ErrorFirstCallback<string>) => {
        callback(null, 'done');
        callback(new Error('reported twice'));
      })(),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: 'done' });
  });

  it('ignores a success reported after an error', async () => {
    const error = new Error('first');
    const seen = observe(
      promisify((callback: ErrorFirstCallback<string>) => {
        callback(error);
        callback(null, 'late');
      })(),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'rejected', reason: error });
  });

  it('ignores a throw after the callback was called', async () => {
    const seen = observe(
      promisify((callback: ErrorFirstCallback<string>) => {
        callback(null, 'done');
        throw new Error('thrown after calling back');
      })(),
    );
    await flushMicrotasks();
    expect(seen.now).toEqual({ state: 'fulfilled', value: 'done' });
  });
});

describe('promisify.custom', () => {
  it('returns the function stored under promisifyCustom instead of wrapping', () => {
    const custom = (prompt: string): Promise<string> => Promise.resolve(`custom ${prompt}`);
    const legacy = Object.assign((prompt: string, callback: ErrorFirstCallback<string>) => callback(null, prompt), {
      [promisifyCustom]: custom,
    });
    expect(promisify(legacy), 'promisify should return fn[promisifyCustom] itself when it is a function').toBe(custom);
  });

  it('is the symbol Node.js uses, util.promisify.custom', () => {
    expect(promisifyCustom).toBe(Symbol.for('nodejs.util.promisify.custom'));
    const legacy = Object.assign((callback: ErrorFirstCallback<string>) => callback(null, 'wrapped'), { [promisifyCustom]: 'not a function' });
    expect(typeof promisify(legacy), 'a non-function under the symbol is ignored').toBe('function');
  });
});

describe('callbackify delivers results and errors', () => {
  it('calls back once with null and the value when the promise fulfils', async () => {
    const { callback, calls } = recordingCallback();
    callbackify(async (prompt: string) => prompt.toUpperCase())('hello', callback);
    await flushMicrotasks();
    expect(calls.map((c) => c.args)).toEqual([[null, 'HELLO']]);
  });

  it('calls back once with the reason when the promise rejects', async () => {
    const error = new Error('model overloaded');
    const { callback, calls } = recordingCallback();
    callbackify(async () => {
      throw error;
    })(callback);
    await flushMicrotasks();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0]).toBe(error);
  });

  it('passes the other arguments to the original', async () => {
    const received: unknown[][] = [];
    const { callback, calls } = recordingCallback();
    callbackify(async (...args: unknown[]) => {
      received.push(args);
      return 'ok';
    })('a', 2, callback);
    await flushMicrotasks();
    expect(received).toEqual([['a', 2]]);
    expect(calls.map((c) => c.args)).toEqual([[null, 'ok']]);
  });

  it('calls back asynchronously, even when the promise is already settled', async () => {
    const log: string[] = [];
    const callbackified = callbackify(() => Promise.resolve('value'));
    callbackified(() => log.push('callback'));
    log.push('after the call');
    await flushMicrotasks();
    expect(log, 'the callback must run after the call returns, never during it').toEqual(['after the call', 'callback']);
  });

  it('calls back asynchronously when the original returns a plain value', async () => {
    const log: string[] = [];
    const callbackified = callbackify((n: number) => n * 2);
    callbackified(21, (_error, value) => log.push(`callback ${String(value)}`));
    log.push('after the call');
    await flushMicrotasks();
    expect(log, 'a plain return value must not make the callback synchronous (releasing Zalgo)').toEqual(['after the call', 'callback 42']);
  });

  it('delivers a synchronous throw of the original to the callback, asynchronously', async () => {
    const error = new Error('thrown synchronously');
    const log: unknown[] = [];
    const callbackified = callbackify((): string => {
      throw error;
    });
    expect(() => callbackified((reason) => log.push(reason))).not.toThrow();
    log.push('after the call');
    await flushMicrotasks();
    expect(log).toEqual(['after the call', error]);
  });

  it('throws a TypeError, synchronously, when the last argument is not a function', () => {
    const callbackified = callbackify(async (n: number) => n) as unknown as (...args: unknown[]) => void;
    expect(() => callbackified(1)).toThrow(TypeError);
    expect(() => callbackified(1, 'not a callback')).toThrow(TypeError);
  });

  it('callbackify itself throws a TypeError when given something that is not a function', () => {
    expect(() => callbackify(42 as unknown as () => Promise<number>)).toThrow(TypeError);
  });
});

describe('callbackify wraps a falsy rejection', () => {
  it.each([null, undefined, 0, '', false])('wraps a rejection with %j in a FalsyRejectionError holding the reason', async (reason) => {
    const { callback, calls } = recordingCallback();
    callbackify(() => Promise.reject(reason))(callback);
    await flushMicrotasks();
    expect(calls).toHaveLength(1);
    const error = calls[0]!.args[0];
    expect(error, 'a falsy first argument reads as success; wrap the reason in a FalsyRejectionError').toBeInstanceOf(FalsyRejectionError);
    expect((error as FalsyRejectionError).reason).toBe(reason);
    expect((error as FalsyRejectionError).message).toBe('Promise was rejected with falsy value');
  });

  it('passes a truthy non-Error reason as it is', async () => {
    const { callback, calls } = recordingCallback();
    callbackify(() => Promise.reject('ETIMEDOUT'))(callback);
    await flushMicrotasks();
    expect(calls.map((c) => c.args[0])).toEqual(['ETIMEDOUT']);
  });
});
