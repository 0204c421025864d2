/**
 * Runs the chapter's event-loop snippets on the real event loop. It captures the real timers when
 * this module loads, before any test installs fake ones.
 */
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

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
