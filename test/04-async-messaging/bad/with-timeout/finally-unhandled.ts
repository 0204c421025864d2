/** Bug: cleans up with promise.finally(cleanup) and drops the result, a new promise that rejects unhandled whenever the original rejects. */
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal!.reason);
    };
    if (ms !== Infinity) {
      timer = setTimeout(() => {
        cleanup();
        reject(new TimeoutError(ms));
      }, ms);
    }
    signal?.addEventListener('abort', onAbort);
    void promise.finally(cleanup);
    promise.then(resolve, reject);
  });
}
