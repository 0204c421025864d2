/**
 * Helpers for the chapter's deterministic tests: let every pending promise callback run, and
 * observe whether a promise has settled without awaiting it (awaiting a promise that never
 * settles would hang the test instead of failing it).
 */

/** Runs every queued microtask and `process.nextTick` callback: one turn of the event loop. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface Tracked<T> {
  readonly state: 'pending' | 'fulfilled' | 'rejected';
  readonly value: T | undefined;
  readonly error: unknown;
}

/** Watches a promise; read `state` after {@link flush} to see whether it settled. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const tracked = { state: 'pending' as Tracked<T>['state'], value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      tracked.state = 'fulfilled';
      tracked.value = value;
    },
    (error: unknown) => {
      tracked.state = 'rejected';
      tracked.error = error;
    },
  );
  return tracked;
}

/**
 * Awaits a promise that should already be able to settle: after one flush it must have done so.
 * A promise still pending then fails the test at once, saying what was still waiting, instead of
 * hanging until the test timeout.
 */
export async function settled<T>(promise: Promise<T>, what: string): Promise<T> {
  const tracked = track(promise);
  await flush();
  if (tracked.state === 'pending') throw new Error(`${what} should have completed by now, but it is still waiting`);
  if (tracked.state === 'rejected') throw tracked.error;
  return tracked.value as T;
}
