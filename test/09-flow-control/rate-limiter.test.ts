import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CostExceedsCapacityError,
  GcraLimiter,
  type RateLimiter,
  type RateLimitOptions,
  RequestTokenLimiter,
  TokenBucketLimiter,
} from '@workbook/09-flow-control/rate-limiter';

type LimiterClass = new (options: RateLimitOptions) => RateLimiter;
const ALGORITHMS: [string, LimiterClass][] = [
  ['token bucket', TokenBucketLimiter],
  ['GCRA', GcraLimiter],
];

/** A clock the test moves by hand, starting on a whole second. */
function clock(start = 1_000_000) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    set: (to: number) => {
      time = to;
    },
  };
}

function make(Limiter: LimiterClass, capacity: number, refillPerSecond: number) {
  const time = clock();
  return { limiter: new Limiter({ capacity, refillPerSecond, now: time.now }), time };
}

describe('reports what CL.THROTTLE reports', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: redis-cell's example, a burst of 16 and 30 per minute`, () => {
      const { limiter } = make(Limiter, 16, 30 / 60);
      expect(limiter.tryAcquire('user123')).toEqual({ allowed: true, remaining: 15, retryAfterMs: -1, resetAfterMs: 2000 });
    });

    it(`${name}: spends the burst, then refuses with the wait until the next unit`, () => {
      const { limiter } = make(Limiter, 5, 1);
      const remaining = Array.from({ length: 5 }, () => limiter.tryAcquire('tenant').remaining);
      expect(remaining).toEqual([4, 3, 2, 1, 0]);
      expect(limiter.tryAcquire('tenant')).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1000, resetAfterMs: 5000 });
    });

    it(`${name}: retrying after retryAfterMs succeeds, a millisecond earlier does not`, () => {
      const { limiter, time } = make(Limiter, 5, 1);
      limiter.tryAcquire('tenant', 4);
      const refused = limiter.tryAcquire('tenant', 3);
      expect(refused).toMatchObject({ allowed: false, retryAfterMs: 2000 });
      time.advance(1999);
      expect(limiter.tryAcquire('tenant', 3).allowed).toBe(false);
      time.advance(1);
      expect(limiter.tryAcquire('tenant', 3).allowed, 'retryAfterMs must be exactly long enough').toBe(true);
    });

    it(`${name}: a refused request spends nothing`, () => {
      const { limiter, time } = make(Limiter, 2, 1);
      limiter.tryAcquire('tenant', 2);
      for (let i = 0; i < 10; i++) expect(limiter.tryAcquire('tenant').retryAfterMs).toBe(1000);
      time.advance(1000);
      expect(limiter.tryAcquire('tenant').allowed, 'refusals must not push the next allowed time back').toBe(true);
    });

    it(`${name}: peek reports without spending`, () => {
      const { limiter } = make(Limiter, 3, 1);
      expect(limiter.peek('tenant', 2)).toEqual({ allowed: true, remaining: 1, retryAfterMs: -1, resetAfterMs: 2000 });
      expect(limiter.peek('tenant', 2).remaining).toBe(1);
      expect(limiter.tryAcquire('tenant', 3).allowed, 'peek spent nothing: the full burst is still there').toBe(true);
    });

    it(`${name}: a unit that takes a fractional number of ms to refill still gives the whole burst`, () => {
      const { limiter } = make(Limiter, 2, 30);
      expect(limiter.tryAcquire('tenant')).toEqual({ allowed: true, remaining: 1, retryAfterMs: -1, resetAfterMs: 34 });
      expect(limiter.tryAcquire('tenant'), 'at 30 per second a unit takes 33⅓ ms: rounding must not cost the second unit of a burst of 2').toEqual({
        allowed: true,
        remaining: 0,
        retryAfterMs: -1,
        resetAfterMs: 67,
      });
    });

    it(`${name}: waits for fractional costs are exact to the millisecond`, () => {
      const { limiter, time } = make(Limiter, 2, 30);
      limiter.tryAcquire('tenant', 1);
      expect(limiter.tryAcquire('tenant', 1.6).retryAfterMs, '0.6 units short at 30 per second is 20 ms').toBe(20);
      time.advance(20);
      expect(limiter.tryAcquire('tenant', 1.6).allowed).toBe(true);
      const single = make(Limiter, 1, 30);
      single.limiter.tryAcquire('tenant', 1);
      single.time.advance(10);
      single.limiter.tryAcquire('tenant', 0.1);
      expect(single.limiter.tryAcquire('tenant', 0.1).resetAfterMs, '0.3 units back, 0.2 spent: 0.9 short of full at 30 per second is 30 ms').toBe(30);
    });
  }
});

describe('refills continuously', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: spent units come back at refillPerSecond, without any timer`, () => {
      const { limiter, time } = make(Limiter, 10, 10);
      limiter.tryAcquire('tenant', 10);
      time.advance(100);
      expect(limiter.tryAcquire('tenant').allowed, 'after 100 ms at 10 per second, one unit is back').toBe(true);
      expect(limiter.tryAcquire('tenant').allowed).toBe(false);
      time.advance(350);
      expect(limiter.peek('tenant', 0).remaining, '350 ms later, 3.5 units are back').toBe(3);
    });

    it(`${name}: never refills above capacity`, () => {
      const { limiter, time } = make(Limiter, 10, 10);
      limiter.tryAcquire('tenant', 10);
      time.advance(3_600_000);
      expect(limiter.tryAcquire('tenant', 10).allowed).toBe(true);
      expect(limiter.tryAcquire('tenant').allowed, 'an hour of idling still gives at most one burst').toBe(false);
    });

    it(`${name}: never refills above capacity, even for a key still held in memory`, () => {
      const { limiter, time } = make(Limiter, 10, 10);
      limiter.tryAcquire('busy', 10);
      time.advance(1);
      limiter.tryAcquire('tenant');
      time.advance(899);
      expect(limiter.tryAcquire('tenant', 10).allowed).toBe(true);
      expect(limiter.tryAcquire('tenant', 5).allowed, 'the key had been full for 800 ms: it holds 10 units, not 18').toBe(false);
    });
  }
});

describe('no double burst at a window boundary', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: a burst just before a whole second is not followed by another just after it`, () => {
      const { limiter, time } = make(Limiter, 10, 10);
      time.advance(999);
      let allowed = 0;
      for (let i = 0; i < 10; i++) if (limiter.tryAcquire('tenant').allowed) allowed++;
      time.advance(2);
      for (let i = 0; i < 10; i++) if (limiter.tryAcquire('tenant').allowed) allowed++;
      expect(allowed, 'within 2 ms, at most the burst of 10 gets through').toBe(10);
    });
  }
});

describe('keys are independent', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: one tenant spending its burst leaves the others untouched`, () => {
      const { limiter } = make(Limiter, 3, 1);
      limiter.tryAcquire('noisy', 3);
      expect(limiter.tryAcquire('noisy').allowed).toBe(false);
      expect(limiter.tryAcquire('quiet')).toEqual({ allowed: true, remaining: 2, retryAfterMs: -1, resetAfterMs: 1000 });
    });

    it(`${name}: a thousand tenants each get their own burst`, () => {
      const { limiter } = make(Limiter, 2, 1);
      for (let i = 0; i < 1000; i++) {
        expect(limiter.tryAcquire(`tenant-${i}`, 2).allowed).toBe(true);
      }
    });
  }
});

describe('weighted costs and two limits', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: a cost spends that many units`, () => {
      const { limiter } = make(Limiter, 10, 1);
      expect(limiter.tryAcquire('tenant', 7)).toEqual({ allowed: true, remaining: 3, retryAfterMs: -1, resetAfterMs: 7000 });
      expect(limiter.tryAcquire('tenant', 4)).toMatchObject({ allowed: false, remaining: 3, retryAfterMs: 1000 });
    });

    it(`${name}: a cost of 0 is always allowed and spends nothing`, () => {
      const { limiter } = make(Limiter, 2, 1);
      limiter.tryAcquire('tenant', 2);
      expect(limiter.tryAcquire('tenant', 0)).toMatchObject({ allowed: true, remaining: 0 });
    });
  }

  function twoLimits() {
    const time = clock();
    const limiter = new RequestTokenLimiter({
      requests: new GcraLimiter({ capacity: 3, refillPerSecond: 1, now: time.now }),
      tokens: new TokenBucketLimiter({ capacity: 1000, refillPerSecond: 100, now: time.now }),
    });
    return { limiter, time };
  }

  it('a request spends one request and its tokens', () => {
    const { limiter } = twoLimits();
    const result = limiter.tryAcquire('tenant', 600);
    expect(result.allowed).toBe(true);
    expect(result.retryAfterMs).toBe(-1);
    expect(result.requests.remaining).toBe(2);
    expect(result.tokens.remaining).toBe(400);
  });

  it('refused by the token limit, it spends no request either', () => {
    const { limiter } = twoLimits();
    limiter.tryAcquire('tenant', 600);
    const refused = limiter.tryAcquire('tenant', 600);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs, '200 tokens short at 100 per second').toBe(2000);
    expect(limiter.tryAcquire('tenant', 100).requests.remaining, 'the refused request must not have used a request').toBe(1);
  });

  it('refused by the request limit, it spends no tokens either', () => {
    const { limiter } = twoLimits();
    for (let i = 0; i < 3; i++) limiter.tryAcquire('tenant', 10);
    const refused = limiter.tryAcquire('tenant', 10);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 1000 });
    expect(refused.tokens.remaining, 'the refused request must not have used tokens').toBe(970);
  });

  it('waits for whichever limit frees up last', () => {
    const { limiter, time } = twoLimits();
    for (let i = 0; i < 3; i++) limiter.tryAcquire('tenant', 300);
    const refused = limiter.tryAcquire('tenant', 500);
    expect(refused.retryAfterMs, 'requests are free in 1 s, tokens in 4 s').toBe(4000);
    time.advance(4000);
    expect(limiter.tryAcquire('tenant', 500).allowed).toBe(true);
  });
});

describe('refuses costs above capacity for good', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: throws CostExceedsCapacityError, and spends nothing`, () => {
      const { limiter } = make(Limiter, 100, 10);
      let thrown: unknown;
      try {
        limiter.tryAcquire('tenant', 101);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, 'a cost above the burst can never succeed: telling the caller to retry later would be a lie').toBeInstanceOf(CostExceedsCapacityError);
      expect(thrown).toBeInstanceOf(RangeError);
      expect(thrown).toMatchObject({ cost: 101, capacity: 100 });
      expect(limiter.tryAcquire('tenant', 100).allowed).toBe(true);
    });

    it(`${name}: rejects a negative or non-finite cost`, () => {
      const { limiter } = make(Limiter, 10, 1);
      expect(() => limiter.tryAcquire('tenant', -1)).toThrow(RangeError);
      expect(() => limiter.tryAcquire('tenant', Number.NaN)).toThrow(RangeError);
      expect(() => limiter.tryAcquire('tenant', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    });
  }

  it('the token limit of a RequestTokenLimiter refuses an oversized prompt the same way', () => {
    const time = clock();
    const limiter = new RequestTokenLimiter({
      requests: new GcraLimiter({ capacity: 10, refillPerSecond: 1, now: time.now }),
      tokens: new GcraLimiter({ capacity: 4000, refillPerSecond: 100, now: time.now }),
    });
    expect(() => limiter.tryAcquire('tenant', 5000)).toThrow(CostExceedsCapacityError);
  });

  it('rejects a capacity or rate that is not a positive number', () => {
    for (const [, Limiter] of ALGORITHMS) {
      expect(() => new Limiter({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
      expect(() => new Limiter({ capacity: 10, refillPerSecond: -1 })).toThrow(RangeError);
    }
  });

  it('rejects a capacity or rate that is NaN or infinite', () => {
    for (const [, Limiter] of ALGORITHMS) {
      expect(() => new Limiter({ capacity: Number.NaN, refillPerSecond: 1 }), 'capacity NaN').toThrow(RangeError);
      expect(() => new Limiter({ capacity: Number.POSITIVE_INFINITY, refillPerSecond: 1 }), 'capacity Infinity').toThrow(RangeError);
      expect(() => new Limiter({ capacity: 10, refillPerSecond: Number.NaN }), 'refillPerSecond NaN').toThrow(RangeError);
      expect(() => new Limiter({ capacity: 10, refillPerSecond: Number.POSITIVE_INFINITY }), 'refillPerSecond Infinity').toThrow(RangeError);
    }
  });
});

describe('evicts idle keys', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: a key that is full again is dropped`, () => {
      const { limiter, time } = make(Limiter, 10, 100);
      for (let i = 0; i < 100_000; i++) limiter.tryAcquire(`client-${i}`);
      expect(limiter.size, 'each key is 1 unit short: all are held').toBe(100_000);
      time.advance(10);
      limiter.tryAcquire('another');
      expect(limiter.size, '10 ms later every old key is full again and carries no information').toBe(1);
    });

    it(`${name}: memory stays bounded by the keys active within one refill time`, () => {
      const { limiter, time } = make(Limiter, 5, 50);
      let most = 0;
      for (let round = 0; round < 20; round++) {
        for (let i = 0; i < 2000; i++) limiter.tryAcquire(`round-${round}-client-${i}`);
        most = Math.max(most, limiter.size);
        time.advance(100);
      }
      expect(most, '20 rounds of 2000 new keys, each idle after 20 ms').toBeLessThanOrEqual(2000);
    });

    it(`${name}: a busy key is kept, and so is its debt`, () => {
      const { limiter, time } = make(Limiter, 2, 1);
      limiter.tryAcquire('busy', 2);
      for (let i = 0; i < 100; i++) {
        time.advance(10);
        limiter.tryAcquire(`idle-${i}`);
      }
      expect(limiter.tryAcquire('busy').allowed, 'the busy key had spent its burst 1 s ago: only one unit is back').toBe(true);
      expect(limiter.tryAcquire('busy').allowed).toBe(false);
    });

    it(`${name}: a call that spends nothing keeps nothing in memory`, () => {
      const { limiter } = make(Limiter, 10, 1);
      limiter.tryAcquire('spender');
      limiter.tryAcquire('zero-cost', 0);
      expect(limiter.size, 'a key that spent nothing is still full: only the spender is held').toBe(1);
    });

    it(`${name}: a key found full again at its next call is dropped, even behind a busier key`, () => {
      const { limiter, time } = make(Limiter, 10, 1);
      limiter.tryAcquire('slow', 10);
      limiter.tryAcquire('quick', 1);
      time.advance(2000);
      limiter.tryAcquire('quick', 0);
      expect(limiter.size, "quick has been full for a second and its call spent nothing: only slow's debt is held").toBe(1);
    });

    it(`${name}: keys used again out of order are all dropped once full`, () => {
      const { limiter, time } = make(Limiter, 2, 1);
      for (const key of ['a', 'b', 'c']) limiter.tryAcquire(key);
      time.advance(500);
      limiter.tryAcquire('b');
      time.advance(10_000);
      expect(limiter.size, 'every key has been full for seconds').toBe(0);
      limiter.tryAcquire('d');
      time.advance(10_000);
      expect(limiter.size, 'and so has the key used after them').toBe(0);
    });

    it(`${name}: a key in constant use does not keep the idle keys behind it in memory`, () => {
      const { limiter, time } = make(Limiter, 10, 100);
      let most = 0;
      for (let round = 0; round < 50; round++) {
        expect(limiter.tryAcquire('hot', 1.1).allowed).toBe(true);
        for (let i = 0; i < 500; i++) limiter.tryAcquire(`round-${round}-client-${i}`);
        most = Math.max(most, limiter.size);
        time.advance(10);
      }
      expect(most, 'each round of 500 keys is full again 10 ms later; the hot key, used every 10 ms, must not pin them').toBeLessThanOrEqual(1001);
    });
  }
});

describe('tolerates a clock that goes backwards', () => {
  for (const [name, Limiter] of ALGORITHMS) {
    it(`${name}: a reading behind the latest one counts as the latest`, () => {
      const { limiter, time } = make(Limiter, 10, 10);
      time.set(10_000);
      limiter.tryAcquire('tenant', 5);
      time.set(9_000);
      expect(limiter.tryAcquire('tenant'), 'the clock stepped back 1 s: judge as of the latest time seen').toMatchObject({ allowed: true, remaining: 4 });
      time.set(10_000);
      expect(limiter.peek('tenant', 0).remaining, 'no time has passed since 10 000 ms: nothing may have refilled').toBe(4);
    });

    it(`${name}: waits stay sane after a backwards step`, () => {
      const { limiter, time } = make(Limiter, 10, 10);
      time.set(60_000);
      limiter.tryAcquire('tenant', 10);
      time.set(0);
      const refused = limiter.tryAcquire('tenant');
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs, 'one unit comes back 100 ms after the latest reading').toBe(100);
      expect(refused.resetAfterMs).toBe(1000);
    });
  }
});

describe('GCRA and the token bucket agree', () => {
  it('property: the same requests at the same times get the same answers', () => {
    const command = fc.record({
      dt: fc.integer({ min: 0, max: 1500 }),
      key: fc.constantFrom('a', 'b', 'c'),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 5, 16),
        fc.constantFrom(0.5, 1, 3, 10),
        fc.array(command, { maxLength: 60 }),
        (capacity, refillPerSecond, commands) => {
          const time = clock();
          const bucket = new TokenBucketLimiter({ capacity, refillPerSecond, now: time.now });
          const gcra = new GcraLimiter({ capacity, refillPerSecond, now: time.now });
          for (const { dt, key, share } of commands) {
            time.advance(dt);
            const cost = Math.round(share * capacity);
            expect(gcra.tryAcquire(key, cost)).toEqual(bucket.tryAcquire(key, cost));
          }
        },
      ),
    );
  });
});
