/**
 * Predict the order in which Node.js runs asynchronous callbacks.
 *
 * Each snippet below is a small piece of asynchronous code that calls `log(label)` at different
 * moments. Read a snippet, then fill in the matching `predict…` array with every label it logs,
 * in the order you expect them to appear. The graded suite runs each snippet for real on the
 * Node.js event loop and compares what happened with your prediction.
 *
 * Every order tested here is deterministic on Node.js 20 and later. The suite starts each snippet
 * from inside a macrotask (a `setImmediate` callback), the way a CommonJS script, an I/O callback
 * or a timer callback starts: see the chapter page for why an ES module's top level differs.
 *
 * Do not edit the snippets; only the predictions are yours.
 */
import { EventEmitter } from 'node:events';
import { stat } from 'node:fs';

/** Records one label; the suite passes a fresh `log` to every run of a snippet. */
export type Log = (label: string) => void;

/**
 * A piece of asynchronous code to predict.
 *
 * @example
 * const order: string[] = [];
 * syncBeforeAsync.run((label) => order.push(label));
 */
export interface Snippet {
  /** Every label the snippet logs, in the order they appear in its source (not the run order). */
  readonly labels: readonly string[];
  /** Runs the snippet; it calls `log` once per label, some of them later. */
  run(log: Log): void;
}

/**
 * A timer, a promise and plain statements.
 *
 * @provided
 * @example
 * syncBeforeAsync.run(console.log);
 */
export const syncBeforeAsync: Snippet = {
  labels: ['script start', 'timeout', 'executor', 'then', 'script end'],
  run(log) {
    log('script start');
    setTimeout(() => log('timeout'), 0);
    new Promise<void>((resolve) => {
      log('executor');
      resolve();
    }).then(() => log('then'));
    log('script end');
  },
};

/**
 * Your predicted order for {@link syncBeforeAsync}: each of its labels once.
 *
 * @stub []
 * @example
 * export const predictSyncBeforeAsync: string[] = ['…', '…'];
 */
export const predictSyncBeforeAsync: string[] = ['script start', 'executor', 'script end', 'then', 'timeout'];

/**
 * `process.nextTick`, promise reactions and `queueMicrotask`, all scheduled from the same code.
 *
 * @provided
 * @example
 * nextTickBeforePromises.run(console.log);
 */
export const nextTickBeforePromises: Snippet = {
  labels: ['promise 1', 'nextTick 1', 'microtask', 'nextTick 2', 'promise 2'],
  run(log) {
    Promise.resolve().then(() => log('promise 1'));
    process.nextTick(() => log('nextTick 1'));
    queueMicrotask(() => log('microtask'));
    process.nextTick(() => log('nextTick 2'));
    Promise.resolve().then(() => log('promise 2'));
  },
};

/**
 * Your predicted order for {@link nextTickBeforePromises}.
 *
 * @stub []
 * @example
 * export const predictNextTickBeforePromises: string[] = ['…'];
 */
export const predictNextTickBeforePromises: string[] = ['nextTick 1', 'nextTick 2', 'promise 1', 'microtask', 'promise 2'];

/**
 * Callbacks that schedule more callbacks while the queues are being drained.
 *
 * @provided
 * @example
 * nestedQueues.run(console.log);
 */
export const nestedQueues: Snippet = {
  labels: ['tick A', 'tick inside tick', 'promise inside tick', 'promise B', 'tick inside promise', 'promise inside promise'],
  run(log) {
    process.nextTick(() => {
      log('tick A');
      process.nextTick(() => log('tick inside tick'));
      Promise.resolve().then(() => log('promise inside tick'));
    });
    Promise.resolve().then(() => {
      log('promise B');
      process.nextTick(() => log('tick inside promise'));
      Promise.resolve().then(() => log('promise inside promise'));
    });
  },
};

/**
 * Your predicted order for {@link nestedQueues}.
 *
 * @stub []
 * @example
 * export const predictNestedQueues: string[] = ['…'];
 */
export const predictNestedQueues: string[] = [
  'tick A',
  'tick inside tick',
  'promise B',
  'promise inside tick',
  'promise inside promise',
  'tick inside promise',
];

/**
 * An `async` function racing a chain of `then` callbacks.
 *
 * @provided
 * @example
 * awaitInterleaves.run(console.log);
 */
export const awaitInterleaves: Snippet = {
  labels: ['step start', 'step after first await', 'step after second await', 'then 1', 'then 2', 'then 3', 'sync end'],
  run(log) {
    async function step(): Promise<void> {
      log('step start');
      await undefined;
      log('step after first await');
      await undefined;
      log('step after second await');
    }
    Promise.resolve()
      .then(() => log('then 1'))
      .then(() => log('then 2'))
      .then(() => log('then 3'));
    void step();
    log('sync end');
  },
};

/**
 * Your predicted order for {@link awaitInterleaves}.
 *
 * @stub []
 * @example
 * export const predictAwaitInterleaves: string[] = ['…'];
 */
export const predictAwaitInterleaves: string[] = [
  'step start',
  'sync end',
  'then 1',
  'step after first await',
  'then 2',
  'step after second await',
  'then 3',
];

/**
 * Two timers, the first of which schedules a promise reaction and a tick.
 *
 * @provided
 * @example
 * microtasksBetweenTimers.run(console.log);
 */
export const microtasksBetweenTimers: Snippet = {
  labels: ['timeout 1', 'promise in timeout 1', 'nextTick in timeout 1', 'timeout 2'],
  run(log) {
    setTimeout(() => {
      log('timeout 1');
      Promise.resolve().then(() => log('promise in timeout 1'));
      process.nextTick(() => log('nextTick in timeout 1'));
    }, 0);
    setTimeout(() => log('timeout 2'), 0);
  },
};

/**
 * Your predicted order for {@link microtasksBetweenTimers}.
 *
 * @stub []
 * @example
 * export const predictMicrotasksBetweenTimers: string[] = ['…'];
 */
export const predictMicrotasksBetweenTimers: string[] = ['timeout 1', 'nextTick in timeout 1', 'promise in timeout 1', 'timeout 2'];

/**
 * `setTimeout(…, 0)` and `setImmediate` scheduled from inside an I/O callback.
 *
 * @provided
 * @example
 * immediateInsideIo.run(console.log);
 */
export const immediateInsideIo: Snippet = {
  labels: ['timeout', 'immediate', 'nextTick', 'I/O callback'],
  run(log) {
    stat('.', () => {
      setTimeout(() => log('timeout'), 0);
      setImmediate(() => log('immediate'));
      process.nextTick(() => log('nextTick'));
      log('I/O callback');
    });
  },
};

/**
 * Your predicted order for {@link immediateInsideIo}.
 *
 * @stub []
 * @example
 * export const predictImmediateInsideIo: string[] = ['…'];
 */
export const predictImmediateInsideIo: string[] = ['I/O callback', 'nextTick', 'immediate', 'timeout'];

/**
 * A message sent on an `EventEmitter`, next to a promise reaction.
 *
 * @provided
 * @example
 * emitIsSynchronous.run(console.log);
 */
export const emitIsSynchronous: Snippet = {
  labels: ['listener got hello', 'promise', 'after emit'],
  run(log) {
    const bus = new EventEmitter();
    bus.on('message', (text: string) => log(`listener got ${text}`));
    Promise.resolve().then(() => log('promise'));
    bus.emit('message', 'hello');
    log('after emit');
  },
};

/**
 * Your predicted order for {@link emitIsSynchronous}.
 *
 * @stub []
 * @example
 * export const predictEmitIsSynchronous: string[] = ['…'];
 */
export const predictEmitIsSynchronous: string[] = ['listener got hello', 'after emit', 'promise'];
