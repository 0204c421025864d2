/** Bug: adds the abort listener with { once: true } and never removes it, so a long-lived signal collects one listener per call. */
import { TimeoutError } from '../../../../solutions/04-async-messaging/with-timeout.ts';

export { TimeoutError };

export function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    void promise.catch(() => {});
    return Promise.reject(new RangeError(`Expected \`ms\` to be a number >= 0, got ${String(ms)} (${typeof ms})`));
  }
  if (signal?.aborted) {
    void promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const timer = ms === Infinity ? undefined : setTimeout(() => reject(new TimeoutError(ms)), ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        clearTimeout(timer);
        reject(reason);
      },
    );
  });
}
