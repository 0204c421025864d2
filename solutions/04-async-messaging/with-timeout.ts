/**
 * Thrown (as a rejection) by {@link withTimeout} when the promise did not settle in time.
 *
 * @provided
 * @example
 * try {
 *   await withTimeout(reply, 5_000);
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.log(`no reply after ${error.ms} ms`);
 * }
 */
export class TimeoutError extends Error {
  /** The time limit that ran out, in milliseconds. */
  readonly ms: number;

  constructor(ms: number) {
    super(`Timed out after ${ms} ms`);
    this.name = 'TimeoutError';
    this.ms = ms;
  }
}

/**
 * Waits for `promise`, but no longer than `ms` milliseconds, and no longer than `signal` allows.
 *
 * The returned promise settles exactly once, with the first of:
 * - `promise` fulfils: fulfils with the same value; `promise` rejects: rejects with the same reason;
 * - `ms` milliseconds pass: rejects with a {@link TimeoutError} whose `ms` is the limit;
 * - `signal` aborts: rejects with `signal.reason` (an `AbortError` `DOMException` when the caller
 *   gave no reason). An already aborted signal rejects at once, without starting a timer.
 *
 * Once settled, it leaves nothing behind: its timer is cleared and its `abort` listener removed,
 * so a long-lived signal (one per user session, say) does not collect a listener per call. A
 * `promise` that rejects after the time limit (or after the call gave up on it for any other
 * reason) is still handled, so it never surfaces as an unhandled rejection. `withTimeout` does not cancel the work behind `promise`; it stops waiting.
 *
 * `ms` may be `Infinity` (no time limit, only the signal). O(1) per call.
 *
 * @param promise - the operation to wait for.
 * @param ms - the time limit in milliseconds: a number >= 0, or `Infinity`.
 * @param signal - an optional signal that stops the wait early.
 * @returns a promise that settles as described above. Never throws synchronously: an invalid `ms`
 *   makes it reject with a `RangeError` ("Expected `ms` to be a number >= 0, got -1 (number)").
 * @example
 * const controller = new AbortController();
 * const reply = withTimeout(fetchCompletion(prompt), 30_000, controller.signal);
 * stopButton.onclick = () => controller.abort(new Error('stopped by the user'));
 * await reply; // the completion, or TimeoutError, or the abort reason
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    abandon(promise);
    return Promise.reject(new RangeError(`Expected \`ms\` to be a number >= 0, got ${String(ms)} (${typeof ms})`));
  }
  if (signal?.aborted) {
    abandon(promise);
    return Promise.reject(abortReason(signal));
  }

  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Every way out runs `cleanup` first, so whichever path wins, nothing is left scheduled.
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      reject(abortReason(signal!));
    };

    if (ms !== Infinity) {
      timer = setTimeout(() => {
        cleanup();
        reject(new TimeoutError(ms));
      }, ms);
    }
    signal?.addEventListener('abort', onAbort);

    // Both handlers are attached to `promise` itself, so its rejection is always handled, even
    // when it arrives after the time limit. Settling twice is harmless: a promise ignores it.
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

// The caller handed `promise` over and will only ever look at the promise returned instead, so a
// later rejection of `promise` must not surface as unhandled.
function abandon(promise: Promise<unknown>): void {
  Promise.resolve(promise).catch(() => {});
}

// Node sets `reason` on every aborted signal; the fallback covers runtimes that do not.
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
