/**
 * A Node.js-style error-first callback: the first argument is the error, or a falsy value
 * (`null`, `undefined`) on success; the results follow it.
 *
 * @example
 * const done: ErrorFirstCallback<string> = (error, text) => {
 *   if (error) return console.error(error);
 *   console.log(text);
 * };
 */
export type ErrorFirstCallback<R = unknown> = (error: unknown, result?: R, ...more: unknown[]) => void;

/** Options for {@link promisify}. */
export interface PromisifyOptions {
  /**
   * Resolve with an array of every result the callback receives after the error, instead of only
   * the first one. Node's `util.promisify` keeps only the first; this option is for APIs that
   * call back with several results, such as `(error, body, headers)`. Default `false`.
   */
  multiArgs?: boolean;
}

/** What {@link promisify} returns: the same parameters without the callback, and a promise. */
export type Promisified<A extends unknown[], R> = (...args: A) => Promise<R>;

/**
 * The symbol a callback-style function can carry to supply its own promise-returning version.
 * It is the same symbol as Node's `util.promisify.custom`, so functions prepared for Node work
 * here too.
 *
 * @provided
 * @example
 * function legacyFetch(url: string, callback: ErrorFirstCallback<string>): void {
 *   request(url, callback);
 * }
 * legacyFetch[promisifyCustom] = (url: string) => fetch(url).then((response) => response.text());
 * promisify(legacyFetch) === legacyFetch[promisifyCustom]; // true
 */
export const promisifyCustom: unique symbol = Symbol.for('nodejs.util.promisify.custom');

/**
 * The error {@link callbackify} passes to the callback when the promise rejects with a falsy
 * value (`null`, `undefined`, `0`, `''`, `false`): a falsy first argument would read as success.
 * The original value is kept in `reason`; `code` matches Node's `ERR_FALSY_VALUE_REJECTION`.
 *
 * @provided
 * @example
 * callbackify(() => Promise.reject(null))((error) => {
 *   error instanceof FalsyRejectionError; // true
 *   error.reason; // null
 * });
 */
export class FalsyRejectionError extends Error {
  readonly code = 'ERR_FALSY_VALUE_REJECTION';

  constructor(readonly reason: unknown) {
    super('Promise was rejected with falsy value');
    this.name = 'FalsyRejectionError';
  }
}

/**
 * Turns a function that takes an error-first callback as its last argument into one that returns
 * a promise, like Node's `util.promisify`.
 *
 * The returned function calls `fn` with the same `this` and arguments, plus a callback. The
 * promise rejects with the callback's error when it is truthy, and otherwise resolves with the
 * first result (or with every result, in an array, when `options.multiArgs` is set). A falsy error
 * such as `null` or `undefined`, or a callback called with no arguments at all, counts as
 * success. If `fn` throws synchronously, the promise rejects with what it threw. If `fn` calls its
 * callback more than once, only the first call counts.
 *
 * If `fn[promisifyCustom]` is a function, that function is returned as it is.
 *
 * @param fn - a callback-style function.
 * @param options - see {@link PromisifyOptions}.
 * @returns a function with the same parameters minus the callback, returning a promise.
 * @throws {TypeError} when `fn` is not a function.
 * @example
 * const readConfig = promisify((path: string, callback: ErrorFirstCallback<string>) =>
 *   fs.readFile(path, 'utf8', callback),
 * );
 * const text = await readConfig('model.json');
 */
export function promisify<A extends unknown[], R, O extends PromisifyOptions = PromisifyOptions>(
  fn: (...args: [...A, ErrorFirstCallback<R>]) => unknown,
  options?: O,
): Promisified<A, O extends { multiArgs: true } ? unknown[] : R> {
  if (typeof fn !== 'function') {
    throw new TypeError(`Expected \`fn\` to be a function, got ${String(fn)} (${typeof fn})`);
  }
  const custom = (fn as { [promisifyCustom]?: unknown })[promisifyCustom];
  if (typeof custom === 'function') return custom as Promisified<A, never>;
  const multiArgs = options?.multiArgs === true;
  const original = fn as (...args: unknown[]) => unknown;
  const promisified = function (this: unknown, ...args: A): Promise<unknown> {
    // The executor runs synchronously, so `fn` starts now; a synchronous throw inside it becomes a
    // rejection, and a promise settles only once, so a second callback call is ignored.
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (error: unknown, ...results: unknown[]) => {
        // Node's rule: any truthy first argument is an error; null and undefined mean success.
        if (error) reject(error);
        else resolve(multiArgs ? results : results[0]);
      });
    });
  };
  return promisified as Promisified<A, never>;
}

/**
 * Turns a function that returns a promise (an `async` function, say) into one that takes an
 * error-first callback as its last argument, like Node's `util.callbackify`.
 *
 * The returned function calls `fn` with the same `this` and the other arguments, then calls the
 * callback exactly once, with `this` unchanged: `callback(null, value)` when the promise fulfils,
 * `callback(reason)` when it rejects. A falsy rejection reason is wrapped in a
 * {@link FalsyRejectionError}. The callback always runs asynchronously, after the call has
 * returned, even if `fn` returns a plain value or throws synchronously (both are accepted and
 * treated like a fulfilled or rejected promise). It runs outside the promise chain, so an
 * exception thrown by the callback is reported as an uncaught exception, as in Node, instead of
 * being turned into a rejection or a second call.
 *
 * @param fn - a function returning a promise, a thenable or a plain value.
 * @returns a function taking the same arguments plus an error-first callback.
 * @throws {TypeError} when `fn` is not a function; the returned function throws a `TypeError`,
 *   synchronously, when its last argument is not a function.
 * @example
 * const complete = callbackify(async (prompt: string) => `echo: ${prompt}`);
 * complete('hello', (error, text) => {
 *   if (error) return console.error(error);
 *   console.log(text); // 'echo: hello'
 * });
 */
export function callbackify<A extends unknown[], R>(
  fn: (...args: A) => R | PromiseLike<R>,
): (...args: [...A, ErrorFirstCallback<R>]) => void {
  if (typeof fn !== 'function') {
    throw new TypeError(`Expected \`fn\` to be a function, got ${String(fn)} (${typeof fn})`);
  }
  return function callbackified(this: unknown, ...args: [...A, ErrorFirstCallback<R>]): void {
    const last: unknown = args.pop();
    if (typeof last !== 'function') {
      throw new TypeError(`Expected the last argument to be a callback function, got ${String(last)} (${typeof last})`);
    }
    const callback = last as ErrorFirstCallback<R>;
    // The executor runs `fn` now; a synchronous throw and a plain return value both end up as the
    // outcome of this promise, so every path below is asynchronous. process.nextTick moves the
    // callback out of the promise reaction: if it throws, the chain cannot catch the error (which
    // would turn it into a silent rejection, or into a second call of the callback).
    new Promise<R>((resolve) => resolve(fn.apply(this, args as unknown as A))).then(
      (value) => process.nextTick(() => callback.call(this, null, value)),
      // A falsy reason would read as success in an error-first callback, so it is wrapped.
      (reason: unknown) => process.nextTick(() => callback.call(this, reason ? reason : new FalsyRejectionError(reason))),
    );
  };
}
