import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { BatcherClosedError, BatchLengthError, MicroBatcher, type MicroBatcherOptions } from '@workbook/09-flow-control/micro-batcher';
import { type Deferred, deferred, failOnUnhandledRejections, flushMicrotasks, track } from '../support/async.ts';
import { settledLiveBytes } from '../support/gc.ts';
import { VirtualClock } from './virtual-time.ts';

failOnUnhandledRejections();

/** A batcher whose batch function answers `item → 'r:' + item` at once, recording each batch. */
function echo(options: Partial<MicroBatcherOptions> = {}) {
  const clock = new VirtualClock();
  const batches: string[][] = [];
  const batcher = new MicroBatcher<string, string>(
    (items) => {
      batches.push([...items]);
      return items.map((item) => `r:${item}`);
    },
    { maxBatchSize: 3, maxWaitMs: 10, maxPending: 1000, timers: clock, ...options },
  );
  return { batcher, batches, clock };
}

/** A batcher whose batch function answers only when the test resolves that batch's reply. */
function manual(options: Partial<MicroBatcherOptions> = {}) {
  const clock = new VirtualClock();
  const batches: { items: string[]; reply: Deferred<(string | Error)[]> }[] = [];
  const batcher = new MicroBatcher<string, string>(
    (items) => {
      const reply = deferred<(string | Error)[]>();
      batches.push({ items: [...items], reply });
      return reply.promise;
    },
    { maxBatchSize: 3, maxWaitMs: 10, maxPending: 1000, timers: clock, ...options },
  );
  const answer = (index: number) => batches[index]!.reply.resolve(batches[index]!.items.map((item) => `r:${item}`));
  return { batcher, batches, clock, answer };
}

describe('coalesces loads into one batch', () => {
  it('loads made together go out as one batch after maxWaitMs', async () => {
    const { batcher, batches, clock } = echo();
    const results = ['a', 'b'].map((item) => track(batcher.load(item)));
    await clock.advance(9);
    expect(batches, 'nothing is sent before maxWaitMs').toEqual([]);
    await clock.advance(1);
    expect(batches).toEqual([['a', 'b']]);
    expect(results.map((r) => r.value)).toEqual(['r:a', 'r:b']);
  });

  it('a full batch is sent at once, without waiting', async () => {
    const { batcher, batches } = echo({ maxBatchSize: 3 });
    const results = ['a', 'b', 'c'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    expect(batches, 'the batch is full: waiting longer gains nothing').toEqual([['a', 'b', 'c']]);
    expect(results.map((r) => r.value)).toEqual(['r:a', 'r:b', 'r:c']);
  });

  it('splits more than maxBatchSize items into several batches, in arrival order', async () => {
    const { batcher, batches, clock } = echo({ maxBatchSize: 3 });
    for (const item of 'abcdefg') void batcher.load(item);
    await flushMicrotasks();
    expect(batches).toEqual([['a', 'b', 'c'], ['d', 'e', 'f']]);
    await clock.advance(10);
    expect(batches).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
  });

  it('loads after a batch was sent start the next batch', async () => {
    const { batcher, batches, clock } = echo();
    void batcher.load('a');
    await clock.advance(10);
    void batcher.load('b');
    await clock.advance(10);
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('rejects a function or options out of range', () => {
    const fn = (items: string[]) => items;
    expect(() => new MicroBatcher(fn, { maxBatchSize: 0, maxWaitMs: 10, maxPending: 10 })).toThrow(RangeError);
    expect(() => new MicroBatcher(fn, { maxBatchSize: 2, maxWaitMs: -1, maxPending: 10 })).toThrow(RangeError);
    expect(() => new MicroBatcher(fn, { maxBatchSize: 2, maxWaitMs: 10, maxPending: 0 })).toThrow(RangeError);
    expect(() => new MicroBatcher('nope' as never, { maxBatchSize: 2, maxWaitMs: 10, maxPending: 10 })).toThrow(TypeError);
  });

  it('rejects a maxWaitMs that is NaN or infinite', () => {
    const fn = (items: string[]) => items;
    expect(() => new MicroBatcher(fn, { maxBatchSize: 2, maxWaitMs: Number.NaN, maxPending: 10 }), 'maxWaitMs NaN').toThrow(RangeError);
    expect(() => new MicroBatcher(fn, { maxBatchSize: 2, maxWaitMs: Number.POSITIVE_INFINITY, maxPending: 10 }), 'maxWaitMs Infinity').toThrow(RangeError);
  });
});

describe('one timer per batch, from its first item', () => {
  it('fifty loads into one batch start one timer', async () => {
    const { batcher, clock } = echo({ maxBatchSize: 100 });
    for (let i = 0; i < 50; i++) void batcher.load(`item-${i}`);
    expect(clock.timersStarted, 'one timer per batch, never one per item').toBe(1);
    await clock.advance(10);
  });

  it('the wait counts from the first item, not the latest', async () => {
    const { batcher, batches, clock } = echo({ maxBatchSize: 100 });
    void batcher.load('first');
    await clock.advance(8);
    void batcher.load('second');
    await clock.advance(2);
    expect(batches, 'sent 10 ms after the first item, with both').toEqual([['first', 'second']]);
  });

  it('a steady trickle is still sent every maxWaitMs', async () => {
    const { batcher, batches, clock } = echo({ maxBatchSize: 100 });
    for (let i = 0; i < 6; i++) {
      void batcher.load(`t${i}`);
      await clock.advance(5);
    }
    expect(batches, 'a timer restarted by every item would never fire').toEqual([['t0', 't1'], ['t2', 't3'], ['t4', 't5']]);
  });

  it('a batch sent because it filled up leaves no timer running', async () => {
    const { batcher, clock } = echo({ maxBatchSize: 2 });
    void batcher.load('a');
    void batcher.load('b');
    await flushMicrotasks();
    expect(clock.pendingTimers, 'clear the timer of a batch that was sent early').toBe(0);
  });

  it('a maxWaitMs of 0 sends the batch on the next timer tick, with every load made before it', async () => {
    const { batcher, batches, clock } = echo({ maxBatchSize: 100, maxWaitMs: 0 });
    void batcher.load('a');
    void batcher.load('b');
    expect(batches, 'even a wait of 0 ms lets the loads of the current tick join').toEqual([]);
    await clock.advance(0);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('uses the real setTimeout and clearTimeout by default', () => {
    vi.useFakeTimers();
    try {
      const batches: string[][] = [];
      const batcher = new MicroBatcher<string, string>(
        (items) => {
          batches.push([...items]);
          return items;
        },
        { maxBatchSize: 2, maxWaitMs: 10, maxPending: 10 },
      );
      void batcher.load('a');
      vi.advanceTimersByTime(9);
      expect(batches).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(batches, 'without timers, the real setTimeout sends the batch maxWaitMs after its first item').toEqual([['a']]);
      void batcher.load('b');
      void batcher.load('c');
      expect(batches).toEqual([['a'], ['b', 'c']]);
      expect(vi.getTimerCount(), 'the real timer of a batch sent because it filled up must be cleared').toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('answers each caller with its own result', () => {
  it('result i goes to the caller of item i', async () => {
    const { batcher, batches, answer } = manual();
    const results = ['x', 'y', 'z'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    expect(batches.map((b) => b.items)).toEqual([['x', 'y', 'z']]);
    answer(0);
    await flushMicrotasks();
    expect(results.map((r) => r.value)).toEqual(['r:x', 'r:y', 'r:z']);
  });

  it('batches that finish out of order still answer their own callers', async () => {
    const { batcher, answer } = manual({ maxBatchSize: 2 });
    const results = ['a', 'b', 'c', 'd'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    answer(1);
    await flushMicrotasks();
    expect(results.map((r) => r.status)).toEqual(['pending', 'pending', 'fulfilled', 'fulfilled']);
    answer(0);
    await flushMicrotasks();
    expect(results.map((r) => r.value)).toEqual(['r:a', 'r:b', 'r:c', 'r:d']);
  });

  it('equal items are separate loads, each answered', async () => {
    const { batcher, batches, clock } = echo();
    const results = ['same', 'same'].map((item) => track(batcher.load(item)));
    await clock.advance(10);
    expect(batches).toEqual([['same', 'same']]);
    expect(results.map((r) => r.value)).toEqual(['r:same', 'r:same']);
  });
});

describe('item errors and broken batches', () => {
  it('an Error result rejects only its own caller', async () => {
    const { batcher, batches } = manual();
    const results = ['ok-1', 'bad', 'ok-2'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    const notFound = new Error('document bad not found');
    batches[0]!.reply.resolve(['r:ok-1', notFound, 'r:ok-2']);
    await flushMicrotasks();
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]!.reason).toBe(notFound);
    expect(results[2]!.value).toBe('r:ok-2');
  });

  it('a result array of the wrong length rejects the whole batch', async () => {
    const { batcher, batches } = manual();
    const results = ['a', 'b', 'c'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    batches[0]!.reply.resolve(['r:a', 'r:b']);
    await flushMicrotasks();
    expect(results.map((r) => r.status), 'with a result missing, no result can be trusted to be the right one').toEqual(['rejected', 'rejected', 'rejected']);
    for (const result of results) expect(result.reason).toBeInstanceOf(BatchLengthError);
    expect(results[0]!.reason).toMatchObject({ expected: 3, actual: 2 });
  });

  it('a result that is not an array rejects the whole batch', async () => {
    const { batcher, batches } = manual();
    const results = ['a', 'b', 'c'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    batches[0]!.reply.resolve({ a: 'r:a' } as never);
    await flushMicrotasks();
    for (const result of results) expect(result.reason).toBeInstanceOf(BatchLengthError);
  });

  it('a batch function that rejects or throws rejects every caller with its error', async () => {
    const clock = new VirtualClock();
    const outage = new Error('embeddings endpoint returned 503');
    let calls = 0;
    const batcher = new MicroBatcher<string, string>(
      () => {
        calls++;
        if (calls === 1) throw outage;
        return Promise.reject(outage);
      },
      { maxBatchSize: 2, maxWaitMs: 10, maxPending: 100, timers: clock },
    );
    const results = ['a', 'b', 'c', 'd'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    expect(calls).toBe(2);
    expect(results.map((r) => r.reason)).toEqual([outage, outage, outage, outage]);
  });

  it('keeps working after a broken batch', async () => {
    const { batcher, batches, answer } = manual({ maxBatchSize: 1 });
    const broken = track(batcher.load('a'));
    await flushMicrotasks();
    batches[0]!.reply.resolve([]);
    await flushMicrotasks();
    expect(broken.reason).toBeInstanceOf(BatchLengthError);
    expect(batcher.pending).toBe(0);
    const next = track(batcher.load('b'));
    await flushMicrotasks();
    answer(1);
    await flushMicrotasks();
    expect(next.value).toBe('r:b');
  });
});

describe('abort removes an item before it is sent', () => {
  it('an abort before the batch is sent rejects at once and removes the item', async () => {
    const { batcher, batches, clock } = echo();
    const controller = new AbortController();
    const kept = track(batcher.load('kept'));
    const aborted = track(batcher.load('aborted', { signal: controller.signal }));
    const reason = new Error('the user navigated away');
    controller.abort(reason);
    await flushMicrotasks();
    expect(aborted.status).toBe('rejected');
    expect(aborted.reason).toBe(reason);
    await clock.advance(10);
    expect(batches, 'an aborted item is not sent').toEqual([['kept']]);
    expect(kept.value).toBe('r:kept');
  });

  it('an already aborted signal never enters a batch', async () => {
    const { batcher, batches, clock } = echo();
    const controller = new AbortController();
    controller.abort();
    const result = track(batcher.load('late', { signal: controller.signal }));
    await clock.advance(10);
    expect(result.status).toBe('rejected');
    expect(result.reason).toBe(controller.signal.reason);
    expect(batches).toEqual([]);
  });

  it('when every item is aborted, nothing is sent and no timer is left', async () => {
    const { batcher, batches, clock } = echo();
    const controllers = [new AbortController(), new AbortController()];
    const results = controllers.map((controller, i) => track(batcher.load(`item-${i}`, { signal: controller.signal })));
    for (const controller of controllers) controller.abort();
    await flushMicrotasks();
    expect(clock.pendingTimers, 'an empty batch needs no timer').toBe(0);
    await clock.advance(10);
    expect(batches).toEqual([]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(batcher.pending).toBe(0);
  });

  it('an abort after the batch was sent changes nothing', async () => {
    const { batcher, batches, answer } = manual();
    const controller = new AbortController();
    const result = track(batcher.load('a', { signal: controller.signal }));
    void batcher.load('b');
    void batcher.load('c');
    await flushMicrotasks();
    expect(getEventListeners(controller.signal, 'abort'), 'remove the abort listener once the item is sent').toHaveLength(0);
    controller.abort();
    answer(0);
    await flushMicrotasks();
    expect(batches.map((b) => b.items)).toEqual([['a', 'b', 'c']]);
    expect(result.value, 'the item was already in flight: its caller gets its result').toBe('r:a');
  });

  it('a load that waited for room ignores an abort once it is sent', async () => {
    const { batcher, batches, answer } = manual({ maxBatchSize: 1, maxPending: 1 });
    void batcher.load('first');
    const controller = new AbortController();
    const result = track(batcher.load('waited', { signal: controller.signal }));
    await flushMicrotasks();
    answer(0);
    await flushMicrotasks();
    expect(batches.map((b) => b.items)).toEqual([['first'], ['waited']]);
    expect(getEventListeners(controller.signal, 'abort'), 'once sent, no abort listener may be left, not even the one added while it waited').toHaveLength(0);
    controller.abort();
    answer(1);
    await flushMicrotasks();
    expect(result.value, 'the item was already in flight: its caller gets its result').toBe('r:waited');
  });

  it('an aborted load leaves no listener on its signal', async () => {
    const { batcher } = manual({ maxBatchSize: 10, maxPending: 1 });
    const inBatch = new AbortController();
    const waiting = new AbortController();
    const results = [track(batcher.load('in', { signal: inBatch.signal })), track(batcher.load('waiting', { signal: waiting.signal }))];
    waiting.abort();
    inBatch.abort();
    await flushMicrotasks();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(getEventListeners(inBatch.signal, 'abort'), 'the listener of an item aborted in the open batch keeps the item alive').toHaveLength(0);
    expect(getEventListeners(waiting.signal, 'abort'), 'the listener of a load aborted while waiting for room keeps the load alive').toHaveLength(0);
  });
});

describe('backpressure at maxPending', () => {
  it('loads beyond maxPending wait outside the batcher', async () => {
    const { batcher, batches, answer } = manual({ maxBatchSize: 2, maxPending: 4 });
    const results = ['a', 'b', 'c', 'd', 'e', 'f'].map((item) => track(batcher.load(item)));
    await flushMicrotasks();
    expect(batches.map((b) => b.items), 'only 4 items may be unanswered at once').toEqual([['a', 'b'], ['c', 'd']]);
    expect(batcher.pending).toBe(4);
    answer(0);
    await flushMicrotasks();
    expect(batches.map((b) => b.items)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    answer(1);
    answer(2);
    await flushMicrotasks();
    expect(results.map((r) => r.value)).toEqual(['r:a', 'r:b', 'r:c', 'r:d', 'r:e', 'r:f']);
  });

  it('waiting loads get in first come, first served', async () => {
    const { batcher, batches, answer, clock } = manual({ maxBatchSize: 1, maxPending: 1 });
    for (const item of ['first', 'second', 'third', 'fourth']) void batcher.load(item);
    for (let i = 0; i < 4; i++) {
      await clock.advance(10);
      answer(i);
      await flushMicrotasks();
    }
    expect(batches.map((b) => b.items)).toEqual([['first'], ['second'], ['third'], ['fourth']]);
  });

  it('never holds more than maxPending items, however many loads arrive', async () => {
    const { batcher, batches, answer, clock } = manual({ maxBatchSize: 10, maxPending: 25 });
    const results = Array.from({ length: 2000 }, (_, i) => track(batcher.load(`item-${i}`)));
    let most = 0;
    for (let round = 0; round < 400 && results.some((r) => r.status === 'pending'); round++) {
      most = Math.max(most, batcher.pending);
      await clock.advance(10);
      for (let i = 0; i < batches.length; i++) answer(i);
      await flushMicrotasks();
    }
    expect(most).toBeLessThanOrEqual(25);
    expect(results.every((r, i) => r.value === `r:item-${i}`), 'every load is answered in the end').toBe(true);
  });

  it('an abort while waiting for room rejects and never enters', async () => {
    const { batcher, batches, answer } = manual({ maxBatchSize: 1, maxPending: 1 });
    void batcher.load('in');
    const controller = new AbortController();
    const waiting = track(batcher.load('waiting', { signal: controller.signal }));
    const after = track(batcher.load('after'));
    await flushMicrotasks();
    controller.abort();
    await flushMicrotasks();
    expect(waiting.status).toBe('rejected');
    answer(0);
    await flushMicrotasks();
    expect(batches.map((b) => b.items)).toEqual([['in'], ['after']]);
    answer(1);
    await flushMicrotasks();
    expect(after.value).toBe('r:after');
  });

  it('a load made by the batch function itself waits behind the loads already waiting', async () => {
    const clock = new VirtualClock();
    const batches: string[][] = [];
    const replies: Deferred<string[]>[] = [];
    const batcher: MicroBatcher<string, string> = new MicroBatcher<string, string>(
      (items) => {
        batches.push([...items]);
        // A batch function that loads what an item refers to through the same batcher.
        if (items.includes('parent')) void batcher.load('child');
        const reply = deferred<string[]>();
        replies.push(reply);
        return reply.promise;
      },
      { maxBatchSize: 2, maxWaitMs: 10, maxPending: 3, timers: clock },
    );
    for (const item of ['a', 'b', 'c', 'parent', 'waiting']) void batcher.load(item);
    await flushMicrotasks();
    replies[0]!.resolve(['r:a', 'r:b']);
    await clock.advance(10);
    expect(batches, 'waiting was in line before child was loaded: first come, first served').toEqual([['a', 'b'], ['c', 'parent'], ['waiting']]);
  });

  it('memory does not grow with the number of loads that ever waited', async () => {
    const batcher = new MicroBatcher<number, number>((items) => items, { maxBatchSize: 10, maxWaitMs: 10, maxPending: 10, timers: new VirtualClock() });
    // Each wave: 10 loads get in at once, the other 9,990 wait for room, and all are answered.
    const wave = () => Promise.all(Array.from({ length: 10_000 }, (_, i) => batcher.load(i)));
    await wave();
    const before = await settledLiveBytes();
    for (let round = 0; round < 5; round++) await wave();
    const kept = (await settledLiveBytes()) - before;
    expect(kept, `the batcher grew by ${(kept / 1024).toFixed(0)} KB over 50,000 loads, almost all of which waited for room and were answered`).toBeLessThan(256 * 1024);
  }, 20_000);
});

describe('close flushes and refuses new items', () => {
  it('close sends the open batch at once', async () => {
    const { batcher, batches } = echo({ maxBatchSize: 100 });
    const result = track(batcher.load('last'));
    const closed = track(batcher.close());
    await flushMicrotasks();
    expect(batches, 'close must not wait for maxWaitMs').toEqual([['last']]);
    expect(result.value).toBe('r:last');
    expect(closed.status).toBe('fulfilled');
  });

  it('a load after close rejects with BatcherClosedError', async () => {
    const { batcher, batches, clock } = echo();
    await batcher.close();
    const late = track(batcher.load('late'));
    await clock.advance(10);
    expect(late.reason).toBeInstanceOf(BatcherClosedError);
    expect(batches).toEqual([]);
  });

  it('close resolves only once every earlier load is answered', async () => {
    const { batcher, answer } = manual({ maxBatchSize: 100 });
    const result = track(batcher.load('slow'));
    const closed = track(batcher.close());
    await flushMicrotasks();
    expect(closed.status, 'the batch is still being processed').toBe('pending');
    answer(0);
    await flushMicrotasks();
    expect(result.value).toBe('r:slow');
    expect(closed.status).toBe('fulfilled');
  });

  it('loads waiting for room when close is called are still answered', async () => {
    const { batcher, batches, answer } = manual({ maxBatchSize: 1, maxPending: 1 });
    const results = ['a', 'b'].map((item) => track(batcher.load(item)));
    const closed = track(batcher.close());
    await flushMicrotasks();
    answer(0);
    await flushMicrotasks();
    expect(batches.map((b) => b.items), 'b was accepted before close: it is sent, at once').toEqual([['a'], ['b']]);
    expect(closed.status).toBe('pending');
    answer(1);
    await flushMicrotasks();
    expect(results.map((r) => r.value)).toEqual(['r:a', 'r:b']);
    expect(closed.status).toBe('fulfilled');
  });

  it('loads let in from the waiting line after close are sent at once, not after maxWaitMs', async () => {
    const { batcher, batches, answer } = manual({ maxBatchSize: 10, maxPending: 1 });
    const results = ['a', 'b'].map((item) => track(batcher.load(item)));
    const closed = track(batcher.close());
    await flushMicrotasks();
    expect(batches.map((b) => b.items)).toEqual([['a']]);
    answer(0);
    await flushMicrotasks();
    expect(batches.map((b) => b.items), 'closing: b must not wait maxWaitMs for items that can no longer come').toEqual([['a'], ['b']]);
    answer(1);
    await flushMicrotasks();
    expect(results.map((r) => r.value)).toEqual(['r:a', 'r:b']);
    expect(closed.status).toBe('fulfilled');
  });

  it('close with no open batch sends no empty batch', async () => {
    const { batcher, batches, clock } = echo();
    void batcher.load('a');
    await clock.advance(10);
    const closed = track(batcher.close());
    await flushMicrotasks();
    expect(closed.status).toBe('fulfilled');
    expect(batches, 'the batch function is never called with no items').toEqual([['a']]);
  });

  it('close on an idle batcher resolves at once, and twice gives the same promise', async () => {
    const { batcher } = echo();
    const first = batcher.close();
    expect(batcher.close()).toBe(first);
    const closed = track(first);
    await flushMicrotasks();
    expect(closed.status).toBe('fulfilled');
  });
});
