/** Bug: Promise.race against a timeout promise whose timer is never cleared, so every call leaves a live timer behind. */
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
  const contenders: Promise<T>[] = [promise];
  if (ms !== Infinity) {
    contenders.push(new Promise<never>((_, reject) => setTimeout(() => reject(new TimeoutError(ms)), ms)));
  }
  if (signal) {
    contenders.push(
      new Promise<never>((_, reject) => {
        const onAbort = (): void => reject(signal.reason);
        signal.addEventListener('abort', onAbort);
        promise.then(
          () => signal.removeEventListener('abort', onAbort),
          () => signal.removeEventListener('abort', onAbort),
        );
      }),
    );
  }
  return Promise.race(contenders);
}
