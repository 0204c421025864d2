/**
 * Bug: promisify creates the promise first and calls the original outside the executor, so a
 * synchronous throw escapes from the call instead of rejecting the promise.
 */
export type ErrorFirstCallback<R = unknown> = (error: unknown, result?: R, ...more: unknown[]) => void;

export interface PromisifyOptions {
  multiArgs?: boolean;
}

export const promisifyCustom: unique symbol = Symbol.for('nodejs.util.promisify.custom');

export class FalsyRejectionError extends Error {
  readonly code = 'ERR_FALSY_VALUE_REJECTION';

  constructor(readonly reason: unknown) {
    super('Promise was rejected with falsy value');
    this.name = 'FalsyRejectionError';
  }
}

export function promisify(fn: (...args: never[]) => unknown, options: PromisifyOptions = {}): (...args: unknown[]) => Promise<unknown> {
  const custom = (fn as { [promisifyCustom]?: unknown })[promisifyCustom];
  if (typeof custom === 'function') return custom as (...args: unknown[]) => Promise<unknown>;
  const original = fn as (...args: unknown[]) => unknown;
  return function (this: unknown, ...args: unknown[]): Promise<unknown> {
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    original.call(this, ...args, (error: unknown, ...results: unknown[]) => {
      if (error) reject(error);
      else resolve(options.multiArgs ? results : results[0]);
    });
    return promise;
  };
}

export function callbackify(fn: (...args: never[]) => unknown): (...args: unknown[]) => void {
  const original = fn as (...args: unknown[]) => unknown;
  return function (this: unknown, ...args: unknown[]): void {
    const callback = args.pop();
    if (typeof callback !== 'function') throw new TypeError('Expected the last argument to be a callback function');
    new Promise((resolve) => resolve(original.apply(this, args))).then(
      (value) => process.nextTick(() => callback.call(this, null, value)),
      (reason: unknown) => process.nextTick(() => callback.call(this, reason ? reason : new FalsyRejectionError(reason))),
    );
  };
}
