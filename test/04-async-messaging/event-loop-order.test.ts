import { describe, expect, it } from 'vitest';
import * as exercise from '@workbook/04-async-messaging/event-loop-order';
import type { Snippet } from '@workbook/04-async-messaging/event-loop-order';
import { runOnEventLoop } from './support.ts';

/**
 * Runs the snippet for real and compares the order it logged with the learner's prediction.
 * `why` explains the rule behind the order, shown only when the prediction is wrong.
 */
async function expectPrediction(name: string, snippet: Snippet, prediction: readonly string[], why: string): Promise<void> {
  const run = await runOnEventLoop((log) => snippet.run(log), snippet.labels.length);
  expect(
    run.complete && [...run.order].sort().join('\n') === [...snippet.labels].sort().join('\n'),
    `the snippet ${name} should log each of its labels once (${snippet.labels.join(', ')}), but it logged: ${run.order.join(', ')}. Restore the snippet as provided; only the predictions are yours to edit.`,
  ).toBe(true);
  const missing = snippet.labels.filter((label) => !prediction.includes(label));
  expect(
    missing,
    prediction.length === 0
      ? `predict${name[0]!.toUpperCase()}${name.slice(1)} is empty: list the labels of ${name} (${snippet.labels.join(', ')}) in the order you expect them to be logged`
      : `your prediction for ${name} leaves out some labels; list each of ${snippet.labels.join(', ')} exactly once`,
  ).toEqual([]);
  expect(
    prediction,
    `You predicted:      ${prediction.join(' → ')}\nThe snippet logged: ${run.order.join(' → ')}\nWhy: ${why}`,
  ).toEqual(run.order);
}

describe('synchronous code runs first', () => {
  it('predicts the order of syncBeforeAsync', async () => {
    await expectPrediction(
      'syncBeforeAsync',
      exercise.syncBeforeAsync,
      exercise.predictSyncBeforeAsync,
      'a Promise executor runs synchronously, inside `new Promise(…)`. A `then` callback runs only once the current synchronous code has finished (it is a microtask), and a timer callback waits for a later turn of the event loop (a macrotask). In messaging terms: the code after a send always runs before any handler of the reply.',
    );
  });
});

describe('nextTick before promise reactions', () => {
  it('predicts the order of nextTickBeforePromises', async () => {
    await expectPrediction(
      'nextTickBeforePromises',
      exercise.nextTickBeforePromises,
      exercise.predictNextTickBeforePromises,
      'when a callback returns to the event loop, Node.js first drains the whole process.nextTick queue, then the microtask queue. Promise reactions and queueMicrotask callbacks share that one microtask queue, in FIFO order. (At the top level of an ES module the order differs: the module itself runs as a microtask, so promise reactions go first.)',
    );
  });
});

describe('queues drain completely', () => {
  it('predicts the order of nestedQueues', async () => {
    await expectPrediction(
      'nestedQueues',
      exercise.nestedQueues,
      exercise.predictNestedQueues,
      'each queue is drained completely, including callbacks added while it drains. A tick queued inside a tick runs before any promise reaction; a tick queued inside a promise reaction waits until the microtask queue is empty. This is also why recursive nextTick (or promise) scheduling can starve I/O: the event loop cannot move on while a queue keeps refilling.',
    );
  });
});

describe('await resumes as a microtask', () => {
  it('predicts the order of awaitInterleaves', async () => {
    await expectPrediction(
      'awaitInterleaves',
      exercise.awaitInterleaves,
      exercise.predictAwaitInterleaves,
      'an async function runs synchronously up to its first `await`. Each `await` then suspends it and resumes it as one microtask, which takes its turn in FIFO order with the other promise reactions: one `then` step, one `await` step, and so on.',
    );
  });
});

describe('microtasks run between timers', () => {
  it('predicts the order of microtasksBetweenTimers', async () => {
    await expectPrediction(
      'microtasksBetweenTimers',
      exercise.microtasksBetweenTimers,
      exercise.predictMicrotasksBetweenTimers,
      'after each timer callback (since Node.js 11), Node.js drains the nextTick queue and then the microtask queue before it runs the next timer, even when both timers are due at once.',
    );
  });
});

describe('setImmediate first inside an I/O callback', () => {
  it('predicts the order of immediateInsideIo', async () => {
    await expectPrediction(
      'immediateInsideIo',
      exercise.immediateInsideIo,
      exercise.predictImmediateInsideIo,
      'an I/O callback runs in the poll phase; the check phase (setImmediate) comes right after it, and timers only on the next pass, so setImmediate always runs before setTimeout(…, 0) here. process.nextTick runs as soon as the callback returns. Called from the main module instead, the order of setTimeout(…, 0) and setImmediate is not deterministic.',
    );
  });
});

describe('emit is synchronous', () => {
  it('predicts the order of emitIsSynchronous', async () => {
    await expectPrediction(
      'emitIsSynchronous',
      exercise.emitIsSynchronous,
      exercise.predictEmitIsSynchronous,
      'EventEmitter#emit calls every listener synchronously, before emit returns. An event emitter is a dispatch table, not a queue: emitting a message does not make its delivery asynchronous.',
    );
  });
});
