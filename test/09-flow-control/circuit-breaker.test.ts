import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitBreakerOptions, CircuitOpenError } from '@workbook/09-flow-control/circuit-breaker';
import { deferred, failOnUnhandledRejections, flushMicrotasks, track } from '../support/async.ts';

failOnUnhandledRejections();

function setup(options: Partial<CircuitBreakerOptions> = {}) {
  let time = 1_000_000;
  const breaker = new CircuitBreaker({ windowSize: 10, failureRateThreshold: 0.5, openDurationMs: 30_000, now: () => time, ...options });
  return {
    breaker,
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

const boom = () => new Error('503 from the model API');
const succeed = (breaker: CircuitBreaker) => breaker.call(async () => 'ok');
const fail = (breaker: CircuitBreaker) => breaker.call(async () => Promise.reject(boom())).catch(() => undefined);

async function outcomes(breaker: CircuitBreaker, pattern: string): Promise<void> {
  for (const c of pattern) await (c === 'x' ? fail(breaker) : succeed(breaker));
}

/** Calls `breaker` with a spy and reports whether the spy ran and what the call did. */
async function probe(breaker: CircuitBreaker) {
  let ran = 0;
  const result = await breaker.call(async () => {
    ran++;
    return 'ok';
  }).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ran, ...result };
}

describe('passes calls through while closed', () => {
  it('returns the result of fn', async () => {
    const { breaker } = setup();
    await expect(breaker.call(async () => 42)).resolves.toBe(42);
    expect(breaker.state).toBe('closed');
  });

  it('rethrows the error of fn unchanged', async () => {
    const { breaker } = setup();
    const error = boom();
    await expect(breaker.call(async () => Promise.reject(error))).rejects.toBe(error);
  });

  it('accepts a function that returns a plain value', async () => {
    const { breaker } = setup();
    await expect(breaker.call(() => 'sync')).resolves.toBe('sync');
  });

  it('rejects a non-function with a TypeError, without counting it as a failure', async () => {
    const { breaker } = setup({ windowSize: 1 });
    await expect(breaker.call(42 as never)).rejects.toBeInstanceOf(TypeError);
    expect(breaker.state, 'a caller passing the wrong argument says nothing about the service').toBe('closed');
  });
});

describe('opens at the failure-rate threshold', () => {
  it('stays closed below the threshold', async () => {
    const { breaker } = setup();
    await outcomes(breaker, 'xxxx......');
    expect(breaker.state, '4 failures in 10 calls is 40 %, below 50 %').toBe('closed');
  });

  it('opens when the rate reaches the threshold', async () => {
    const { breaker } = setup();
    await outcomes(breaker, '.....xxxx');
    expect(breaker.state).toBe('closed');
    await outcomes(breaker, 'x');
    expect(breaker.state, '5 failures in the last 10 calls is 50 %: open').toBe('open');
  });

  it('waits for minimumCalls before judging', async () => {
    const { breaker } = setup({ minimumCalls: 4 });
    await outcomes(breaker, 'xxx');
    expect(breaker.state, '3 calls are fewer than minimumCalls (4)').toBe('closed');
    await outcomes(breaker, 'x');
    expect(breaker.state).toBe('open');
  });

  it('judges a full window by default', async () => {
    const { breaker } = setup({ windowSize: 5 });
    await outcomes(breaker, 'xxxx');
    expect(breaker.state, 'minimumCalls defaults to windowSize').toBe('closed');
    await outcomes(breaker, 'x');
    expect(breaker.state).toBe('open');
  });

  it('forgets outcomes that have left the rolling window', async () => {
    const { breaker } = setup({ windowSize: 4 });
    await outcomes(breaker, 'x...');
    await outcomes(breaker, '....'.repeat(5));
    await outcomes(breaker, 'x');
    expect(breaker.state, 'only 1 of the last 4 calls failed; the first failure is long gone').toBe('closed');
    await outcomes(breaker, 'x');
    expect(breaker.state, 'now 2 of the last 4 failed').toBe('open');
  });

  it('counts the window of the latest calls, not all calls', async () => {
    const { breaker } = setup({ windowSize: 4, failureRateThreshold: 0.75 });
    await outcomes(breaker, '....'.repeat(10));
    await outcomes(breaker, 'xxx');
    expect(breaker.state, '3 of the last 4 calls failed, even if 40 earlier ones succeeded').toBe('open');
  });

  it('a threshold of 1 opens only when every call in the window failed', async () => {
    const { breaker } = setup({ windowSize: 4, failureRateThreshold: 1 });
    await outcomes(breaker, 'xxx.xxx');
    expect(breaker.state, '3 of the last 4 calls failed: below 100 %').toBe('closed');
    await outcomes(breaker, 'x');
    expect(breaker.state, 'all of the last 4 calls failed').toBe('open');
  });
});

describe('fails fast while open', () => {
  it('refuses calls without calling fn', async () => {
    const { breaker } = setup({ windowSize: 2 });
    await outcomes(breaker, 'xx');
    const result = await probe(breaker);
    expect(result.ran, 'an open circuit must not call the failing service').toBe(0);
    expect(result.error).toBeInstanceOf(CircuitOpenError);
  });

  it('says when it will let a call through again', async () => {
    const { breaker, now, advance } = setup({ windowSize: 2, openDurationMs: 30_000 });
    await outcomes(breaker, 'xx');
    const openedAt = now();
    advance(12_000);
    const { error } = await probe(breaker);
    expect(error).toMatchObject({ retryAt: openedAt + 30_000, retryAfterMs: 18_000 });
  });

  it('refuses as a rejection, not a synchronous throw', () => {
    const { breaker } = setup({ windowSize: 1 });
    return fail(breaker).then(() => {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = breaker.call(async () => 'ok');
      }).not.toThrow();
      return expect(promise).rejects.toBeInstanceOf(CircuitOpenError);
    });
  });
});

describe('half-opens after the open duration', () => {
  it('is still open a millisecond before retryAt', async () => {
    const { breaker, advance } = setup({ windowSize: 2, openDurationMs: 1000 });
    await outcomes(breaker, 'xx');
    advance(999);
    expect(breaker.state).toBe('open');
    expect((await probe(breaker)).ran).toBe(0);
  });

  it('lets a probe through at retryAt', async () => {
    const { breaker, advance } = setup({ windowSize: 2, openDurationMs: 1000 });
    await outcomes(breaker, 'xx');
    advance(1000);
    expect(breaker.state, 'after openDurationMs the breaker must try again').toBe('half-open');
    expect((await probe(breaker)).ran).toBe(1);
  });

  it('admits at most halfOpenProbes calls at once', async () => {
    const { breaker, advance } = setup({ windowSize: 2, openDurationMs: 1000, halfOpenProbes: 2 });
    await outcomes(breaker, 'xx');
    advance(1000);
    const slow = [deferred<string>(), deferred<string>()];
    const first = track(breaker.call(() => slow[0]!.promise));
    const second = track(breaker.call(() => slow[1]!.promise));
    const third = await probe(breaker);
    expect(third.ran, 'two probes are out: a third call must be refused').toBe(0);
    expect(third.error).toBeInstanceOf(CircuitOpenError);
    expect((third.error as CircuitOpenError).retryAfterMs).toBe(0);
    slow[0]!.resolve('a');
    slow[1]!.resolve('b');
    await flushMicrotasks();
    expect([first.value, second.value]).toEqual(['a', 'b']);
  });

  it('a probe slot frees up when an ignored error ends the probe', async () => {
    const notCounted = new Error('400 bad request');
    const { breaker, advance } = setup({ windowSize: 2, openDurationMs: 1000, isFailure: (error) => error !== notCounted });
    await outcomes(breaker, 'xx');
    advance(1000);
    await breaker.call(async () => Promise.reject(notCounted)).catch(() => undefined);
    expect(breaker.state).toBe('half-open');
    expect((await probe(breaker)).ran, 'the slot of the first probe is free again').toBe(1);
  });
});

describe('a probe closes or reopens the circuit', () => {
  it('a successful probe closes the circuit with an empty window', async () => {
    const { breaker, advance } = setup({ windowSize: 4, openDurationMs: 1000 });
    await outcomes(breaker, 'xxxx');
    advance(1000);
    await succeed(breaker);
    expect(breaker.state).toBe('closed');
    await outcomes(breaker, 'xxx');
    expect(breaker.state, 'the window starts empty after closing: 3 outcomes are fewer than 4').toBe('closed');
  });

  it('the window after a successful probe counts every new failure', async () => {
    const { breaker, advance } = setup({ windowSize: 2, failureRateThreshold: 1, openDurationMs: 1000 });
    await outcomes(breaker, 'xx');
    advance(1000);
    await succeed(breaker);
    expect(breaker.state).toBe('closed');
    await outcomes(breaker, 'xx');
    expect(breaker.state, 'both calls since the circuit closed failed: 100 %').toBe('open');
  });

  it('a failed probe opens the circuit again, for a new open duration', async () => {
    const { breaker, now, advance } = setup({ windowSize: 2, openDurationMs: 1000 });
    await outcomes(breaker, 'xx');
    advance(1500);
    await fail(breaker);
    expect(breaker.state).toBe('open');
    const { error } = await probe(breaker);
    expect(error).toMatchObject({ retryAt: now() + 1000, retryAfterMs: 1000 });
  });

  it('the first probe to finish decides', async () => {
    const { breaker, advance } = setup({ windowSize: 2, openDurationMs: 1000, halfOpenProbes: 2 });
    await outcomes(breaker, 'xx');
    advance(1000);
    const slowSuccess = deferred<string>();
    const winner = track(breaker.call(() => slowSuccess.promise));
    await fail(breaker);
    expect(breaker.state, 'the failed probe reopened the circuit').toBe('open');
    slowSuccess.resolve('late');
    await flushMicrotasks();
    expect(winner.value).toBe('late');
    expect(breaker.state, 'a probe that ends after the circuit reopened changes nothing').toBe('open');
  });
});

describe('counts each call only in the state it started in', () => {
  it('a slow success started before the circuit opened does not close it', async () => {
    const { breaker } = setup({ windowSize: 2 });
    const slow = deferred<string>();
    const late = track(breaker.call(() => slow.promise));
    await outcomes(breaker, 'xx');
    expect(breaker.state).toBe('open');
    slow.resolve('finally');
    await flushMicrotasks();
    expect(late.value, 'the caller still gets its result').toBe('finally');
    expect(breaker.state).toBe('open');
  });

  it('a slow failure started before the circuit closed does not count in the new window', async () => {
    const { breaker, advance } = setup({ windowSize: 2, minimumCalls: 1, openDurationMs: 1000, halfOpenProbes: 2 });
    await outcomes(breaker, 'x');
    advance(1000);
    const slow = deferred<string>();
    const stale = track(breaker.call(() => slow.promise));
    await succeed(breaker);
    expect(breaker.state).toBe('closed');
    slow.reject(boom());
    await flushMicrotasks();
    expect(stale.status).toBe('rejected');
    expect(breaker.state, 'that failure belonged to the half-open period, which is over').toBe('closed');
  });

  it('errors that isFailure rejects are passed on but not counted', async () => {
    const invalid = new Error('422 unprocessable');
    const { breaker } = setup({ windowSize: 2, isFailure: (error) => error !== invalid });
    for (let i = 0; i < 5; i++) await expect(breaker.call(async () => Promise.reject(invalid))).rejects.toBe(invalid);
    expect(breaker.state, 'a client error says nothing about the service').toBe('closed');
  });

  it('an ignored error neither fills the window nor dilutes its failures', async () => {
    const invalid = new Error('422 unprocessable');
    const { breaker } = setup({ windowSize: 4, isFailure: (error) => error !== invalid });
    await outcomes(breaker, 'xx');
    for (let i = 0; i < 4; i++) await breaker.call(async () => Promise.reject(invalid)).catch(() => undefined);
    expect(breaker.state, 'the window holds 2 calls, fewer than minimumCalls (4): ignored errors are not calls').toBe('closed');
    await outcomes(breaker, '..');
    expect(breaker.state, '2 failures in the window of 4 is 50 %: the ignored errors must not have pushed them out').toBe('open');
  });
});

describe('validates its options', () => {
  const base = { windowSize: 10, failureRateThreshold: 0.5, openDurationMs: 1000 };
  const cases: [string, Partial<CircuitBreakerOptions>][] = [
    ['windowSize 0', { windowSize: 0 }],
    ['windowSize 2.5', { windowSize: 2.5 }],
    ['failureRateThreshold 0', { failureRateThreshold: 0 }],
    ['failureRateThreshold 1.5', { failureRateThreshold: 1.5 }],
    ['openDurationMs 0', { openDurationMs: 0 }],
    ['openDurationMs NaN', { openDurationMs: Number.NaN }],
    ['openDurationMs Infinity', { openDurationMs: Number.POSITIVE_INFINITY }],
    ["failureRateThreshold '0.5', a string", { failureRateThreshold: '0.5' as unknown as number }],
    ['minimumCalls above windowSize', { minimumCalls: 11 }],
    ['halfOpenProbes 0', { halfOpenProbes: 0 }],
  ];
  for (const [name, options] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => new CircuitBreaker({ ...base, ...options })).toThrow(RangeError);
    });
  }
});
