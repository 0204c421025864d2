/**
 * Helpers shared by the suites of chapter 04. They capture the real `setImmediate` when this module
 * loads, before any test installs fake timers, so a suite can let the real event loop turn once
 * (draining every `process.nextTick` callback and promise reaction) while virtual time stands still.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Resolves after one real turn of the event loop: every queued tick and microtask has run by
 * then, including ones they queued. Virtual time (fake timers) does not move.
 */
export function drain(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** What a promise has done so far, observed without awaiting it. */
export interface Tracked<T> {
  status: 'pending' | 'fulfilled' | 'rejected';
  value?: T;
  reason?: unknown;
}

/** Observes a promise's outcome; attaching the observer also marks its rejection as handled. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const state: Tracked<T> = { status: 'pending' };
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
 * For the whole file: collects unhandled promise rejections instead of letting them crash the
 * run, and fails the test during which one surfaced. Call it once at the top level of a suite.
 *
 * Node reports an unhandled rejection after the microtask queue drains, so each test's check
 * first lets the real event loop turn twice.
 */
export function failOnUnhandledRejections(): { seen: unknown[] } {
  const record = { seen: [] as unknown[] };
  let saved: ((...args: unknown[]) => void)[] = [];
  const listener = (reason: unknown): void => {
    record.seen.push(reason);
  };
  beforeAll(() => {
    saved = process.listeners('unhandledRejection') as typeof saved;
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', listener);
  });
  afterEach(async () => {
    await drain();
    await drain();
    const seen = record.seen.splice(0);
    expect(
      seen.map(describeReason),
      'a promise was rejected and nothing handled it (an "unhandled rejection", which crashes a Node.js process by default); ' +
        'every promise your code creates must have its rejection handled',
    ).toEqual([]);
  });
  afterAll(() => {
    process.off('unhandledRejection', listener);
    for (const l of saved) process.on('unhandledRejection', l);
  });
  return record;
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

/** The result of running a snippet on the real event loop. */
export interface SnippetRun {
  order: string[];
  /** False when the snippet did not log every label within the guard time (it was edited?). */
  complete: boolean;
}

/**
 * Runs a snippet on the real event loop, starting it from a macrotask (a `setImmediate`
 * callback) as a CommonJS script or an I/O callback would start, and resolves once it has
 * logged `expected` labels. A guard timer stops waiting after three seconds, only so that an
 * edited snippet cannot hang the suite; a snippet as provided finishes within a millisecond or two.
 */
export function runOnEventLoop(run: (log: (label: string) => void) => void, expected: number): Promise<SnippetRun> {
  return new Promise((resolve) => {
    const order: string[] = [];
    const guard = realSetTimeout(() => resolve({ order, complete: false }), 3_000);
    const log = (label: string): void => {
      order.push(label);
      if (order.length === expected) {
        realClearTimeout(guard);
        // Let anything still queued run, so a label logged twice is noticed.
        realSetImmediate(() => resolve({ order, complete: true }));
      }
    };
    realSetImmediate(() => run(log));
  });
}
