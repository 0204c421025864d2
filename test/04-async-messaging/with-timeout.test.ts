import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeoutError, withTimeout } from '@workbook/04-async-messaging/with-timeout';
import { deferred, failOnUnhandledRejections, flushMicrotasks, track } from '../support/async.ts';

const unhandled = failOnUnhandledRejections();

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});


function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

describe('settles like the promise when it is in time', () => {
  it('fulfils with the value of a promise that settles before the limit', async () => {
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 1_000));
    await vi.advanceTimersByTimeAsync(999);
    expect(result.status, 'nothing has happened yet, so the result should still be pending').toBe('pending');
    reply.resolve('pong');
    await flushMicrotasks();
    expect(result).toEqual({ status: 'fulfilled', value: 'pong' });
  });

  it('rejects with the very reason of a promise that rejects before the limit', async () => {
    const reply = deferred<string>();
    const failure = new Error('model overloaded');
    const result = track(withTimeout(reply.promise, 1_000));
    reply.reject(failure);
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(result.reason, 'the caller should see the original error, not a wrapper').toBe(failure);
  });

  it('with ms = Infinity, waits without a timer for as long as it takes', async () => {
    const reply = deferred<number>();
    const result = track(withTimeout(reply.promise, Infinity));
    expect(vi.getTimerCount(), 'an infinite limit needs no timer').toBe(0);
    await vi.advanceTimersByTimeAsync(1e9);
    expect(result.status).toBe('pending');
    reply.resolve(42);
    await flushMicrotasks();
    expect(result).toEqual({ status: 'fulfilled', value: 42 });
  });
});

describe('rejects with TimeoutError after ms', () => {
  it('is still pending 1 ms before the limit and rejects with a TimeoutError at the limit', async () => {
    const result = track(withTimeout(new Promise<never>(() => {}), 500));
    await vi.advanceTimersByTimeAsync(499);
    expect(result.status, 'at 499 ms of a 500 ms limit the result should still be pending').toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result.status, 'at 500 ms the result should be rejected').toBe('rejected');
    expect(result.reason, 'the rejection should be a TimeoutError (exported by the exercise)').toBeInstanceOf(TimeoutError);
    expect((result.reason as TimeoutError).ms).toBe(500);
    expect((result.reason as TimeoutError).message).toBe('Timed out after 500 ms');
  });

  it('with ms = 0, times out as soon as timers run', async () => {
    const result = track(withTimeout(new Promise<never>(() => {}), 0));
    await vi.advanceTimersByTimeAsync(0);
    expect(result.reason).toBeInstanceOf(TimeoutError);
  });

  it('ignores a value that arrives after the limit', async () => {
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 100));
    await vi.advanceTimersByTimeAsync(100);
    reply.resolve('too late');
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(result.reason).toBeInstanceOf(TimeoutError);
  });
});

describe('honours an AbortSignal', () => {
  it('rejects with the signal reason when aborted before the limit', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the user');
    const result = track(withTimeout(new Promise<never>(() => {}), 1_000, controller.signal));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(reason);
    await flushMicrotasks();
    expect(result.status, 'aborting should reject right away, without waiting for the limit').toBe('rejected');
    expect(result.reason, 'the rejection should be the exact reason given to abort()').toBe(reason);
  });

  it('rejects with an AbortError when the signal was aborted without a reason', async () => {
    const controller = new AbortController();
    const result = track(withTimeout(new Promise<never>(() => {}), 1_000, controller.signal));
    controller.abort();
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect((result.reason as Error).name).toBe('AbortError');
  });

  it('rejects at once, starting no timer, when the signal is already aborted', async () => {
    const reason = new Error('already cancelled');
    const result = track(withTimeout(new Promise<never>(() => {}), 1_000, AbortSignal.abort(reason)));
    await flushMicrotasks();
    expect(result.status, 'an already aborted signal will never fire "abort" again: check signal.aborted first').toBe('rejected');
    expect(result.reason).toBe(reason);
    expect(vi.getTimerCount(), 'no timer should be started for a call that is already over').toBe(0);
  });

  it('makes no difference while the signal stays quiet', async () => {
    const controller = new AbortController();
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 1_000, controller.signal));
    reply.resolve('done');
    await flushMicrotasks();
    controller.abort(new Error('after the fact'));
    await flushMicrotasks();
    expect(result).toEqual({ status: 'fulfilled', value: 'done' });
  });
});

describe('cleans up its timer and abort listener', () => {
  it('after the promise fulfils', async () => {
    const controller = new AbortController();
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 1_000, controller.signal));
    expect(abortListeners(controller.signal), 'while waiting, one abort listener is expected').toBe(1);
    reply.resolve('ok');
    await flushMicrotasks();
    expect(result.status).toBe('fulfilled');
    expect(vi.getTimerCount(), 'the timer should be cleared as soon as the promise settles').toBe(0);
    expect(abortListeners(controller.signal), 'the abort listener should be removed as soon as the promise settles').toBe(0);
  });

  it('after the promise rejects', async () => {
    const controller = new AbortController();
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 1_000, controller.signal));
    reply.reject(new Error('boom'));
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(vi.getTimerCount(), 'the timer should be cleared once the promise rejects').toBe(0);
    expect(abortListeners(controller.signal), 'the abort listener should be removed once the promise rejects').toBe(0);
  });

  it('after the time limit', async () => {
    const controller = new AbortController();
    const result = track(withTimeout(new Promise<never>(() => {}), 100, controller.signal));
    await vi.advanceTimersByTimeAsync(100);
    expect(result.reason).toBeInstanceOf(TimeoutError);
    expect(abortListeners(controller.signal), 'the abort listener should be removed once the time limit passed').toBe(0);
  });

  it('after an abort', async () => {
    const controller = new AbortController();
    const result = track(withTimeout(new Promise<never>(() => {}), 100, controller.signal));
    controller.abort();
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(vi.getTimerCount(), 'the timer should be cleared once the signal aborted').toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('leaves a long-lived signal with no listeners after many calls', async () => {
    const session = new AbortController();
    for (let i = 0; i < 50; i++) {
      const result = track(withTimeout(Promise.resolve(i), 1_000, session.signal));
      await flushMicrotasks();
      expect(result.value).toBe(i);
    }
    expect(abortListeners(session.signal), 'each call should remove its listener; a session signal would otherwise grow without bound').toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('never leaves an unhandled rejection', () => {
  it('handles a promise that rejects after the time limit', async () => {
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 100));
    await vi.advanceTimersByTimeAsync(100);
    expect(result.reason).toBeInstanceOf(TimeoutError);
    reply.reject(new Error('late failure'));
    await flushMicrotasks();
    await flushMicrotasks();
    expect(unhandled.seen.map(String), 'a rejection that arrives after the limit must still be handled by withTimeout').toEqual([]);
  });

  it('handles a promise that rejects in time, leaving no stray promise rejected', async () => {
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 100, new AbortController().signal));
    reply.reject(new Error('early failure'));
    await flushMicrotasks();
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(
      unhandled.seen.map(String),
      'withTimeout should not create promises nobody handles (for example promise.finally(cleanup) with its result dropped)',
    ).toEqual([]);
  });

  it('handles the promise it was given when the signal was already aborted', async () => {
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 100, AbortSignal.abort()));
    await flushMicrotasks();
    reply.reject(new Error('failed after the call gave up'));
    await flushMicrotasks();
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(unhandled.seen.map(String), 'the caller only holds the promise withTimeout returned, so withTimeout must handle the one it was given').toEqual([]);
  });

  it('handles a promise that rejects after an abort', async () => {
    const controller = new AbortController();
    const reply = deferred<string>();
    const result = track(withTimeout(reply.promise, 100, controller.signal));
    controller.abort();
    await flushMicrotasks();
    reply.reject(new Error('failed after the abort'));
    await flushMicrotasks();
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(unhandled.seen.map(String)).toEqual([]);
  });
});

describe('validates ms', () => {
  it('still handles the promise it was given when ms is invalid', async () => {
    const reply = deferred<string>();
    track(withTimeout(reply.promise, -1));
    reply.reject(new Error('failed later'));
    await flushMicrotasks();
    await flushMicrotasks();
    expect(unhandled.seen.map(String), 'even when withTimeout gives up on a promise at once, its later rejection must be handled').toEqual([]);
  });

  it.each([-1, Number.NaN])('rejects with a RangeError for ms = %s, without throwing', async (ms) => {
    let returned: Promise<unknown> | undefined;
    expect(() => {
      returned = withTimeout(Promise.resolve('x'), ms);
    }, 'withTimeout returns a promise, so it should report a bad argument by rejecting, not by throwing').not.toThrow();
    const result = track(returned!);
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(result.reason).toBeInstanceOf(RangeError);
    expect((result.reason as Error).message).toBe(`Expected \`ms\` to be a number >= 0, got ${ms} (number)`);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with a RangeError for an ms that is not a number, even one that looks like a number', async () => {
    const result = track(withTimeout(Promise.resolve('x'), '100' as unknown as number));
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(result.reason).toBeInstanceOf(RangeError);
    expect((result.reason as Error).message).toBe('Expected `ms` to be a number >= 0, got 100 (string)');
    expect(vi.getTimerCount()).toBe(0);
  });
});
