/**
 * Helpers for deterministic asynchronous tests, shared by every suite: let queued callbacks run,
 * observe a promise without awaiting it (awaiting one that never settles would hang the test
 * instead of failing it), and settle promises by hand.
 *
 * They capture the real `setImmediate` when this module loads, before any test installs fake
 * timers, so a suite can let the real event loop turn while virtual time stands still.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

const realSetImmediate = globalThis.setImmediate;

/**
 * Resolves after one real turn of the event loop: every queued `process.nextTick` callback and
 * promise reaction has run by then, including the ones they queued. Virtual time does not move.
 */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** What a promise has done so far, read after {@link flushMicrotasks}. */
export interface Tracked<T> {
  readonly status: 'pending' | 'fulfilled' | 'rejected';
  readonly value: T | undefined;
  readonly reason: unknown;
}

/** Observes a promise's outcome; attaching the observer also marks its rejection as handled. */
export function track<T>(promise: PromiseLike<T>): Tracked<T> {
  const state = { status: 'pending' as Tracked<T>['status'], value: undefined as T | undefined, reason: undefined as unknown };
  promise.then(
    (value) => {
      state.status = 'fulfilled';
      state.value = value;
    },
    (reason: unknown) => {
      state.status = 'rejected';
      state.reason = reason;
    },
  );
  return state;
}

/**
 * Awaits a promise that should already be able to settle: after one flush it must have done so.
 * A promise still pending then fails the test at once, saying what was still waiting, instead of
 * hanging until the test timeout.
 */
export async function settled<T>(promise: PromiseLike<T>, what: string): Promise<T> {
  const tracked = track(promise);
  await flushMicrotasks();
  if (tracked.status === 'pending') throw new Error(`${what} should have completed by now, but it is still waiting`);
  if (tracked.status === 'rejected') throw tracked.reason;
  return tracked.value as T;
}

/** A promise the test settles by hand, like a reply that arrives whenever the test says so. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: Deferred<T>['resolve'];
  let reject!: Deferred<T>['reject'];
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * For the whole file: collects unhandled promise rejections instead of letting them crash the
 * run, and fails the test during which one surfaced. Call it once at the top level of a suite.
 *
 * Node reports an unhandled rejection after the microtask queue drains, so each test's check
 * first lets the real event loop turn twice.
 */
export function failOnUnhandledRejections(): { seen: unknown[] } {
  return failOnProcessEvent(
    'unhandledRejection',
    'a promise was rejected and nothing handled it (an "unhandled rejection", which crashes a Node.js process by default); ' +
      'every promise your code creates must have its rejection handled',
  );
}

/**
 * For the whole file: collects exceptions that nothing caught (an error thrown in an event
 * handler, an `'error'` event with no listener) instead of letting them crash the run, and fails
 * the test during which one surfaced. Call it once at the top level of a suite.
 */
export function failOnUncaughtExceptions(): { seen: unknown[] } {
  return failOnProcessEvent('uncaughtException', "an exception escaped (thrown from an event handler, or an 'error' event nobody listened to), which crashes a Node.js process");
}

/** Takes `event` over from the runner's own listeners for the file, and fails each test during which it fired. */
function failOnProcessEvent(event: 'unhandledRejection' | 'uncaughtException', message: string): { seen: unknown[] } {
  const record = { seen: [] as unknown[] };
  // As a plain emitter: process's own typings list each event's listener type separately.
  const emitter: NodeJS.EventEmitter = process;
  let saved: ((...args: unknown[]) => void)[] = [];
  const listener = (reason: unknown): void => {
    record.seen.push(reason);
  };
  beforeAll(() => {
    saved = emitter.listeners(event) as typeof saved;
    emitter.removeAllListeners(event);
    emitter.on(event, listener);
  });
  afterEach(async () => {
    await flushMicrotasks();
    await flushMicrotasks();
    expect(record.seen.splice(0).map(describeReason), message).toEqual([]);
  });
  afterAll(() => {
    emitter.off(event, listener);
    for (const l of saved) emitter.on(event, l);
  });
  return record;
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}
