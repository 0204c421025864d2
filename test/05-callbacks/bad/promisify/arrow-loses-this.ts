/**
 * Bug: the wrappers call the original as a plain function (`original(...args)`), so a method
 * loses its object: `this` is undefined inside it.
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
    return new Promise((resolve, reject) => {
      original(...args, (error: unknown, ...results: unknown[]) => {
        if (error) reject(error);
        else resolve(options.multiArgs ? results : results[0]);
      });
    });
  };
}

export function callbackify(fn: (...args: never[]) => unknown): (...args: unknown[]) => void {
  const original = fn as (...args: unknown[]) => unknown;
  return function (this: unknown, ...args: unknown[]): void {
    const callback = args.pop();
    if (typeof callback !== 'function') throw new TypeError('Expected the last argument to be a callback function');
    new Promise((resolve) => resolve(original(...args))).then(
      (value) => process.nextTick(() => callback(null, value)),
      (reason: unknown) => process.nextTick(() => callback(reason ? reason : new FalsyRejectionError(reason))),
    );
  };
}
