/** Bug: only listens for a future "abort" event, so a signal that is already aborted is never noticed and the call times out instead. */
import { TimeoutError } from '../../../../solutions/04-async-messaging/with-timeout.ts';

export { TimeoutError };

export function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    void promise.catch(() => {});
    return Promise.reject(new RangeError(`Expected \`ms\` to be a number >= 0, got ${String(ms)} (${typeof ms})`));
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
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (reason: unknown) => {
        cleanup();
        reject(reason);
      },
    );
  });
}
