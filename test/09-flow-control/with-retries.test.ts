import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  type AttemptContext,
  DeadlineExceededError,
  HttpError,
  RetryBudget,
  RetryError,
  type WithRetriesOptions,
  withRetries,
} from '@workbook/09-flow-control/with-retries';
import { deferred, failOnUnhandledRejections, flushMicrotasks, track } from '../support/async.ts';
import { VirtualClock } from './virtual-time.ts';

failOnUnhandledRejections();

type Step = unknown;
const HANG = Symbol('hang');
const STREAM_THEN_FAIL = (error: unknown) => ({ streamThenFail: error });

/**
 * A function that plays one step per attempt: a value resolves, an Error (or any thrown value
 * wrapped by `fail`) rejects, HANG never settles. It records every attempt's context and time.
 */
function scripted(clock: VirtualClock, steps: Step[]) {
  const calls: { context: AttemptContext; at: number }[] = [];
  const fn = (context: AttemptContext): Promise<unknown> => {
    calls.push({ context, at: clock.now() });
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (step === HANG) return new Promise(() => {});
    if (typeof step === 'object' && step !== null && 'streamThenFail' in step) {
      context.markStreaming();
      return Promise.reject((step as { streamThenFail: unknown }).streamThenFail);
    }
    if (step instanceof Error) return Promise.reject(step);
    return Promise.resolve(step);
  };
  return { fn, calls };
}

const unavailable = (ms = 250) => new HttpError(503, { 'retry-after-ms': String(ms) });

function run(clock: VirtualClock, steps: Step[], options: WithRetriesOptions = {}) {
  const { fn, calls } = scripted(clock, steps);
  const started = clock.now();
  const result = track(withRetries(fn, { scheduler: clock, random: () => 0.5, ...options }));
  return { calls, result, started };
}

describe('retries as decideRetry decides', () => {
  it('returns the first success without retrying', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, ['hello']);
    await flushMicrotasks();
    expect(result.status).toBe('fulfilled');
    expect(result.value).toBe('hello');
    expect(calls).toHaveLength(1);
  });

  it('retries a 503 after exactly the wait the server asked for', async () => {
    const clock = new VirtualClock();
    const { calls, result, started } = run(clock, [unavailable(250), 'ok']);
    await clock.advance(249);
    expect(calls, 'the wait of retry-after-ms: 250 has not passed yet').toHaveLength(1);
    await clock.advance(1);
    expect(calls.map((call) => call.at - started)).toEqual([0, 250]);
    expect(result.value).toBe('ok');
  });

  it('retries a network error after a jittered backoff', async () => {
    const clock = new VirtualClock();
    const { calls, result, started } = run(clock, [new TypeError('fetch failed'), 'ok'], { random: () => 0.5 });
    await clock.advance(1000);
    expect(calls.map((call) => call.at - started), 'random() = 0.5 of the 500 ms base delay').toEqual([0, 250]);
    expect(result.value).toBe('ok');
  });

  it('reads status and headers from an SDK-style error with a Headers object', async () => {
    const clock = new VirtualClock();
    const sdkError = Object.assign(new Error('429 Too Many Requests'), { status: 429, headers: new Headers({ 'Retry-After-Ms': '40' }) });
    const { calls, started } = run(clock, [sdkError, 'ok']);
    await clock.advance(100);
    expect(calls.map((call) => call.at - started)).toEqual([0, 40]);
  });

  it('gives up at once on a 400, with a RetryError whose cause is the failure', async () => {
    const clock = new VirtualClock();
    const badRequest = new HttpError(400, {}, 'invalid JSON');
    const { calls, result } = run(clock, [badRequest, 'never']);
    await clock.advance(10_000);
    expect(calls).toHaveLength(1);
    expect(result.status).toBe('rejected');
    expect(result.reason).toBeInstanceOf(RetryError);
    expect((result.reason as RetryError).attempts).toBe(1);
    expect((result.reason as RetryError).cause).toBe(badRequest);
  });

  it('gives up after maxAttempts, with the last failure as the cause', async () => {
    const clock = new VirtualClock();
    const last = unavailable(10);
    const { calls, result } = run(clock, [unavailable(10), unavailable(10), last, 'never']);
    await clock.advance(10_000);
    expect(calls).toHaveLength(3);
    expect(result.reason).toBeInstanceOf(RetryError);
    expect((result.reason as RetryError).attempts).toBe(3);
    expect((result.reason as RetryError).cause).toBe(last);
  });

  it('numbers the attempts', async () => {
    const clock = new VirtualClock();
    const { calls } = run(clock, [unavailable(), unavailable(), 'ok']);
    await clock.advance(10_000);
    expect(calls.map((call) => call.context.attempt)).toEqual([1, 2, 3]);
  });

  it('throws a TypeError at once when fn is not a function', () => {
    for (const fn of [undefined, 'fetch', { call: () => 'ok' }]) {
      expect(() => withRetries(fn as never, { scheduler: new VirtualClock() }), `fn ${String(fn)}`).toThrow(TypeError);
    }
  });

  it('reads a status from an error that carries no headers', async () => {
    const clock = new VirtualClock();
    for (const headers of [undefined, null]) {
      const notFound = Object.assign(new Error('404 Not Found'), { status: 404, headers });
      const { calls, result } = run(clock, [notFound, 'never']);
      await clock.advance(1000);
      expect(calls, `a 404 with headers ${String(headers)} is still a 404: not retried`).toHaveLength(1);
      expect(result.reason).toBeInstanceOf(RetryError);
    }
  });

  it('anything thrown without a status counts as a network error, null and undefined included', async () => {
    const clock = new VirtualClock();
    const thrown: unknown[] = [null, undefined, 'socket closed'];
    let calls = 0;
    const fn = (): string => {
      if (calls < thrown.length) throw thrown[calls++];
      calls++;
      return 'ok';
    };
    const result = track(withRetries(fn, { scheduler: clock, random: () => 0.5, maxAttempts: 4 }));
    await clock.advance(10_000);
    expect(calls, 'each of null, undefined and a string is a network error: retried').toBe(4);
    expect(result.value).toBe('ok');
  });

  it('measures a Retry-After HTTP-date against the scheduler\'s clock', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const { calls, started } = run(clock, [new HttpError(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:02 GMT' }), 'ok']);
    await clock.advance(10_000);
    expect(calls.map((call) => call.at - started), 'the date is 2 s after the virtual clock\'s now()').toEqual([0, 2000]);
  });

  it('uses the real clock and timers when no scheduler is given', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    try {
      // Loaded again under fake timers, so that defaults the module captures when it loads are the fake ones too.
      vi.resetModules();
      const fresh = await import('@workbook/09-flow-control/with-retries');
      let calls = 0;
      const fn = (): string => {
        if (calls++ === 0) throw new fresh.HttpError(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:02 GMT' });
        return 'ok';
      };
      const result = track(fresh.withRetries(fn, { deadlineMs: 60_000 }));
      await vi.advanceTimersByTimeAsync(1999);
      expect(calls, 'the HTTP-date is 2 s after Date.now()').toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls, 'the retry runs on a setTimeout of 2000 ms').toBe(2);
      expect(result.value).toBe('ok');
      expect(vi.getTimerCount(), 'clear the deadline timer with clearTimeout once the call has settled').toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an out-of-range retry option rejects the call after the first failure, with a RangeError', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, [unavailable(10), 'never'], { maxAttempts: 0 });
    await clock.advance(1000);
    expect(calls).toHaveLength(1);
    expect(result.reason, 'decideRetry throws a RangeError for maxAttempts 0: the call rejects with it').toBeInstanceOf(RangeError);
  });

  it('passes maxAttempts, baseDelayMs and maxDelayMs on to decideRetry', async () => {
    const clock = new VirtualClock();
    const network = new TypeError('socket hang up');
    const { calls, result, started } = run(clock, [network, network, network, network, 'ok'], { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300 });
    await clock.advance(10_000);
    expect(calls.map((call) => call.at - started), 'waits of 0.5 × min(300, 100 × 2^(n−1))').toEqual([0, 50, 150, 300, 450]);
    expect(result.value).toBe('ok');
  });
});

describe('one idempotency key per call', () => {
  it('sends the same key on every attempt of a call', async () => {
    const clock = new VirtualClock();
    const { calls } = run(clock, [unavailable(), unavailable(), 'ok']);
    await clock.advance(10_000);
    const keys = calls.map((call) => call.context.idempotencyKey);
    expect(typeof keys[0]).toBe('string');
    expect(keys[0]!.length).toBeGreaterThan(0);
    expect(new Set(keys).size, 'a retry must carry the key of its first attempt').toBe(1);
  });

  it('gives every call its own key', async () => {
    const clock = new VirtualClock();
    const first = run(clock, ['a']);
    const second = run(clock, ['b']);
    await flushMicrotasks();
    expect(first.calls[0]!.context.idempotencyKey).not.toBe(second.calls[0]!.context.idempotencyKey);
  });

  it('uses the key it is given', async () => {
    const clock = new VirtualClock();
    const { calls } = run(clock, [unavailable(), 'ok'], { idempotencyKey: 'order-42' });
    await clock.advance(1000);
    expect(calls.map((call) => call.context.idempotencyKey)).toEqual(['order-42', 'order-42']);
  });

  it('asks newIdempotencyKey once per call', async () => {
    const clock = new VirtualClock();
    let made = 0;
    const { calls } = run(clock, [unavailable(), unavailable(), 'ok'], { newIdempotencyKey: () => `key-${++made}` });
    await clock.advance(10_000);
    expect(made).toBe(1);
    expect(calls.map((call) => call.context.idempotencyKey)).toEqual(['key-1', 'key-1', 'key-1']);
  });
});

describe('abort stops at once', () => {
  it('an abort during a wait rejects at once with the signal\'s reason', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const { calls, result } = run(clock, [unavailable(10_000), 'never'], { signal: controller.signal });
    await clock.advance(100);
    const reason = new Error('the user closed the tab');
    controller.abort(reason);
    await flushMicrotasks();
    expect(result.status, 'abort must not wait for the 10 s wait to end').toBe('rejected');
    expect(result.reason).toBe(reason);
    await clock.advance(20_000);
    expect(calls, 'nothing runs after an abort').toHaveLength(1);
  });

  it('an abort during an attempt that ignores its signal rejects at once', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const { result } = run(clock, [HANG], { signal: controller.signal });
    await flushMicrotasks();
    controller.abort();
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(result.reason).toBe(controller.signal.reason);
  });

  it('aborts the signal the running attempt was given', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const { calls } = run(clock, [HANG], { signal: controller.signal });
    await flushMicrotasks();
    expect(calls[0]!.context.signal.aborted).toBe(false);
    controller.abort();
    expect(calls[0]!.context.signal.aborted, 'pass the abort on, so fetch stops too').toBe(true);
  });

  it('a failure of the attempt after the abort starts no retry', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const late = deferred<string>();
    let calls = 0;
    const result = track(withRetries(() => (calls++, late.promise), { scheduler: clock, signal: controller.signal }));
    await flushMicrotasks();
    controller.abort(new Error('cancelled'));
    late.reject(unavailable(10));
    await clock.advance(1000);
    expect(result.status).toBe('rejected');
    expect(calls, 'nothing runs after an abort, even when the abandoned attempt fails later').toBe(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('a success of the attempt after the abort gives no token back', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const budget = new RetryBudget({ maxTokens: 10, tokenRatio: 0.5 });
    budget.recordFailure();
    const late = deferred<string>();
    const result = track(withRetries(() => late.promise, { scheduler: clock, signal: controller.signal, budget }));
    await flushMicrotasks();
    controller.abort(new Error('cancelled'));
    late.resolve('too late');
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(budget.tokens, 'the call was aborted, not a success: its late result counts for nothing').toBe(9);
  });

  it('never calls fn when the signal is already aborted', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    const { calls, result } = run(clock, ['never'], { signal: controller.signal });
    await flushMicrotasks();
    expect(calls).toHaveLength(0);
    expect(result.status).toBe('rejected');
    expect(result.reason).toBe(controller.signal.reason);
  });
});

describe('a total deadline', () => {
  it('rejects with DeadlineExceededError when an attempt outlasts the deadline', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, [HANG], { deadlineMs: 1000 });
    await clock.advance(999);
    expect(result.status).toBe('pending');
    await clock.advance(1);
    expect(result.status, 'the deadline is 1000 ms after the call started').toBe('rejected');
    expect(result.reason).toBeInstanceOf(DeadlineExceededError);
    expect(calls[0]!.context.signal.aborted, 'the attempt is told to stop').toBe(true);
  });

  it('counts waits and attempts together', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, [unavailable(400), HANG], { deadlineMs: 1000 });
    await clock.advance(999);
    expect(calls).toHaveLength(2);
    expect(result.status).toBe('pending');
    await clock.advance(1);
    expect(result.reason).toBeInstanceOf(DeadlineExceededError);
  });

  it('does not start a wait that would end after the deadline', async () => {
    const clock = new VirtualClock();
    const second = unavailable(800);
    const { calls, result } = run(clock, [unavailable(800), second, 'never'], { deadlineMs: 1000 });
    await clock.advance(800);
    expect(calls).toHaveLength(2);
    expect(result.status, 'a wait until 1600 ms cannot end before the 1000 ms deadline: give up now').toBe('rejected');
    expect(result.reason).toBeInstanceOf(DeadlineExceededError);
    expect((result.reason as DeadlineExceededError).cause).toBe(second);
  });

  it('throws a RangeError at once for a deadlineMs that is not a finite number > 0', () => {
    for (const deadlineMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1000' as unknown as number]) {
      expect(() => withRetries(() => 'ok', { scheduler: new VirtualClock(), deadlineMs }), `deadlineMs ${String(deadlineMs)}`).toThrow(RangeError);
    }
  });

  it('does not start a wait that would end just as the deadline passes', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, [unavailable(1000), 'never'], { deadlineMs: 1000 });
    await flushMicrotasks();
    expect(result.status, 'the retry could only start at 1000 ms, when the deadline has passed: give up now').toBe('rejected');
    expect(result.reason).toBeInstanceOf(DeadlineExceededError);
    expect(calls).toHaveLength(1);
  });

  it('starts a wait that ends just before the deadline', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, [unavailable(999), 'ok'], { deadlineMs: 1000 });
    await clock.advance(999);
    expect(calls, 'a retry at 999 ms is within the 1000 ms deadline').toHaveLength(2);
    expect(result.value).toBe('ok');
  });

  it('returns a success that comes before the deadline', async () => {
    const clock = new VirtualClock();
    const { result } = run(clock, [unavailable(300), 'ok'], { deadlineMs: 1000 });
    await clock.advance(300);
    expect(result.value).toBe('ok');
  });
});

describe('a retry budget shared across calls', () => {
  it('starts full and allows retries', () => {
    const budget = new RetryBudget();
    expect(budget.tokens).toBe(10);
    expect(budget.canRetry()).toBe(true);
  });

  it('a failure takes one token; retries stop at half the tokens', () => {
    const budget = new RetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
    for (let i = 0; i < 4; i++) budget.recordFailure();
    expect(budget.tokens).toBe(6);
    expect(budget.canRetry()).toBe(true);
    budget.recordFailure();
    expect(budget.tokens).toBe(5);
    expect(budget.canRetry(), 'retries stop while tokens <= maxTokens / 2').toBe(false);
  });

  it('successes give tokens back, exactly, up to maxTokens', () => {
    const budget = new RetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
    for (let i = 0; i < 5; i++) budget.recordFailure();
    for (let i = 0; i < 10; i++) budget.recordSuccess();
    expect(budget.tokens, 'ten successes of 0.1 give back exactly 1 token').toBe(6);
    expect(budget.canRetry()).toBe(true);
    for (let i = 0; i < 100; i++) budget.recordSuccess();
    expect(budget.tokens).toBe(10);
  });

  it('never goes below 0 tokens', () => {
    const budget = new RetryBudget({ maxTokens: 2, tokenRatio: 1 });
    for (let i = 0; i < 5; i++) budget.recordFailure();
    expect(budget.tokens).toBe(0);
    budget.recordSuccess();
    expect(budget.tokens).toBe(1);
  });

  it('rejects out-of-range options', () => {
    expect(() => new RetryBudget({ maxTokens: 0 })).toThrow(RangeError);
    expect(() => new RetryBudget({ maxTokens: 2.5 })).toThrow(RangeError);
    expect(() => new RetryBudget({ tokenRatio: 0 })).toThrow(RangeError);
  });

  it('accepts maxTokens from 1 to 1000', () => {
    expect(new RetryBudget({ maxTokens: 1 }).tokens).toBe(1);
    expect(new RetryBudget({ maxTokens: 1000 }).tokens).toBe(1000);
    expect(() => new RetryBudget({ maxTokens: 1001 }), 'maxTokens is at most 1000').toThrow(RangeError);
  });

  it('rejects a tokenRatio that is not a finite number > 0', () => {
    for (const tokenRatio of [-0.1, Number.NaN, Number.POSITIVE_INFINITY, '0.1' as unknown as number]) {
      expect(() => new RetryBudget({ tokenRatio }), `tokenRatio ${String(tokenRatio)}`).toThrow(RangeError);
    }
  });

  it('says in the RetryError that the budget is spent', async () => {
    const clock = new VirtualClock();
    const budget = new RetryBudget({ maxTokens: 2, tokenRatio: 1 });
    const { result } = run(clock, [unavailable(10), 'never'], { budget });
    await clock.advance(1000);
    expect(result.reason).toBeInstanceOf(RetryError);
    expect((result.reason as RetryError).reason, 'a reason for the log line').toMatch(/\S/);
  });

  it('stops retrying once the budget is spent, across calls', async () => {
    const clock = new VirtualClock();
    const budget = new RetryBudget({ maxTokens: 4, tokenRatio: 1 });
    const failing = Array.from({ length: 10 }, () => unavailable(10));
    const first = run(clock, failing, { budget, maxAttempts: 10 });
    await clock.advance(1000);
    expect(first.calls, '4 → 3 tokens: retry; 3 → 2: no longer more than half').toHaveLength(2);
    expect(first.result.reason).toBeInstanceOf(RetryError);
    const second = run(clock, failing, { budget, maxAttempts: 10 });
    await clock.advance(1000);
    expect(second.calls, 'the budget is shared: the second call may not retry at all').toHaveLength(1);
    expect(second.result.reason).toBeInstanceOf(RetryError);
  });

  it('a success gives tokens back', async () => {
    const clock = new VirtualClock();
    const budget = new RetryBudget({ maxTokens: 10, tokenRatio: 0.5 });
    budget.recordFailure();
    const { result } = run(clock, ['ok'], { budget });
    await flushMicrotasks();
    expect(result.value).toBe('ok');
    expect(budget.tokens).toBe(9.5);
  });

  it('a failure that is not retried takes no token', async () => {
    const clock = new VirtualClock();
    const budget = new RetryBudget();
    const { result } = run(clock, [new HttpError(400)], { budget });
    await flushMicrotasks();
    expect(result.reason).toBeInstanceOf(RetryError);
    expect(budget.tokens, 'a 400 says nothing about the health of the service').toBe(10);
  });
});

describe('never retries after partial output', () => {
  it('a failure after markStreaming() is not retried', async () => {
    const clock = new VirtualClock();
    const cut = unavailable(10);
    const { calls, result } = run(clock, [STREAM_THEN_FAIL(cut), 'never']);
    await clock.advance(1000);
    expect(calls, 'the user has seen half an answer: a retry would repeat it').toHaveLength(1);
    expect(result.reason).toBeInstanceOf(RetryError);
    expect((result.reason as RetryError).cause).toBe(cut);
  });

  it('says in the RetryError why it did not retry', async () => {
    const clock = new VirtualClock();
    const { result } = run(clock, [STREAM_THEN_FAIL(unavailable(10)), 'never']);
    await clock.advance(1000);
    expect(result.reason).toBeInstanceOf(RetryError);
    expect((result.reason as RetryError).reason, 'a reason for the log line').toMatch(/\S/);
  });

  it('a network error after markStreaming() is not retried either', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, [STREAM_THEN_FAIL(new TypeError('terminated')), 'never']);
    await clock.advance(1000);
    expect(calls).toHaveLength(1);
    expect(result.reason).toBeInstanceOf(RetryError);
  });

  it('an attempt that failed before streaming is still retried', async () => {
    const clock = new VirtualClock();
    const { calls, result } = run(clock, [unavailable(10), STREAM_THEN_FAIL(unavailable(10)), 'never']);
    await clock.advance(1000);
    expect(calls).toHaveLength(2);
    expect((result.reason as RetryError).attempts).toBe(2);
  });
});

describe('leaves no timer or listener behind', () => {
  const cases: [string, Step[], (controller: AbortController) => void][] = [
    ['after a success', [unavailable(10), 'ok'], () => {}],
    ['after giving up', [new HttpError(404)], () => {}],
    ['after an abort', [unavailable(10_000)], (controller) => controller.abort()],
  ];
  for (const [name, steps, act] of cases) {
    it(name, async () => {
      const clock = new VirtualClock();
      const controller = new AbortController();
      const { result } = run(clock, steps, { signal: controller.signal, deadlineMs: 60_000 });
      await clock.advance(100);
      act(controller);
      await flushMicrotasks();
      expect(result.status).not.toBe('pending');
      expect(clock.pendingTimers, 'clear the wait and deadline timers when the call settles').toBe(0);
      expect(getEventListeners(controller.signal, 'abort'), 'remove the abort listener when the call settles').toHaveLength(0);
    });
  }

  it('after the deadline', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const { result } = run(clock, [HANG], { signal: controller.signal, deadlineMs: 500 });
    await clock.advance(500);
    expect(result.reason).toBeInstanceOf(DeadlineExceededError);
    expect(clock.pendingTimers).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
