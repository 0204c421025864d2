import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRetry, type Outcome, type RetryDecision } from '@workbook/09-flow-control/retry-policy';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const now = (): number => NOW;
/** random() pinned to one value, so the jittered wait is exact. */
const fixed = (value: number) => () => value;
const networkError: Outcome = { error: new TypeError('fetch failed') };

function delayOf(decision: RetryDecision): number {
  expect(decision, 'expected a decision to retry').toMatchObject({ retry: true });
  return (decision as { delayMs: number }).delayMs;
}

function reasonOf(decision: RetryDecision): string {
  expect(decision, 'expected a decision to give up').toMatchObject({ retry: false });
  return (decision as { reason: string }).reason;
}

/** The wait for a 503 whose Retry-After is `value`; random() = 0.5, so a wait of 250 ms means the header was not usable. */
function retryAfter(value: string, options: { now?: () => number; maxDelayMs?: number } = {}): number {
  return delayOf(decideRetry(1, { status: 503, headers: { 'retry-after': value } }, { now, random: fixed(0.5), ...options }));
}
const JITTER = 250;

describe('retries what another attempt can fix', () => {
  it('retries a network error', () => {
    expect(decideRetry(1, networkError).retry).toBe(true);
  });

  for (const status of [408, 409, 429]) {
    it(`retries status ${status}`, () => {
      expect(decideRetry(1, { status }).retry, `${status} is worth another attempt`).toBe(true);
    });
  }

  for (const status of [500, 502, 503, 504, 529]) {
    it(`retries status ${status}`, () => {
      expect(decideRetry(1, { status }).retry, `every 5xx, 529 "overloaded" included, is retryable`).toBe(true);
    });
  }

  it('a retry decision carries a whole number of milliseconds', () => {
    const decision = decideRetry(1, { status: 503 }, { random: fixed(0.3337) });
    expect(decision).toEqual({ retry: true, delayMs: 166 });
  });
});

describe('never retries a request that cannot succeed', () => {
  for (const status of [400, 401, 403, 404, 422, 402, 405, 413]) {
    it(`does not retry status ${status}`, () => {
      const decision = decideRetry(1, { status });
      expect(decision.retry, `sending the same request again fails with ${status} again`).toBe(false);
      expect(typeof (decision as { reason: unknown }).reason, 'a refusal says why, in a reason string').toBe('string');
    });
  }

  it('does not retry a response that is not an error', () => {
    expect(decideRetry(1, { status: 200 }).retry).toBe(false);
    expect(decideRetry(1, { status: 304 }).retry).toBe(false);
  });

  it('a Retry-After header does not make a 400 retryable', () => {
    expect(decideRetry(1, { status: 400, headers: { 'retry-after': '1' } }).retry).toBe(false);
  });

  it('never retries a response below 400, whatever x-should-retry says', () => {
    const headers = { 'x-should-retry': 'true' };
    expect(decideRetry(1, { status: 200, headers }).retry, 'a 200 is a success: there is nothing to retry').toBe(false);
    expect(decideRetry(1, { status: 304, headers }).retry, 'a 304 is not a failure either').toBe(false);
  });

  it('every refusal names what decided it', () => {
    expect(reasonOf(decideRetry(1, { status: 200 })), 'the reason for a 200 names the status').toContain('200');
    expect(reasonOf(decideRetry(1, { status: 422 })), 'the reason for a 422 names the status').toContain('422');
    const refused = { status: 503, headers: { 'x-should-retry': 'false' } };
    expect(reasonOf(decideRetry(1, refused)), 'a 503 is retryable: the reason must say that x-should-retry refused').toMatch(/x-should-retry/i);
    expect(reasonOf(decideRetry(4, networkError, { maxAttempts: 4 })), 'the reason for giving up names the attempts made').toContain('4');
  });

  it('does not blame x-should-retry for a refusal the status decided', () => {
    expect(reasonOf(decideRetry(1, { status: 404 })), 'no x-should-retry header was sent').not.toMatch(/x-should-retry/i);
    expect(reasonOf(decideRetry(1, { status: 404, headers: { 'x-should-retry': 'maybe' } }))).not.toMatch(/x-should-retry/i);
  });
});

describe('stops after maxAttempts', () => {
  it('gives up on the third failure by default', () => {
    expect(decideRetry(1, { status: 503 }).retry).toBe(true);
    expect(decideRetry(2, { status: 503 }).retry).toBe(true);
    expect(decideRetry(3, { status: 503 }).retry, 'the default is 3 attempts: the first and 2 retries').toBe(false);
  });

  it('counts attempts against maxAttempts', () => {
    expect(decideRetry(4, networkError, { maxAttempts: 5 }).retry).toBe(true);
    expect(decideRetry(5, networkError, { maxAttempts: 5 }).retry, 'attempt 5 of 5 was the last').toBe(false);
    expect(decideRetry(6, networkError, { maxAttempts: 5 }).retry).toBe(false);
  });

  it('maxAttempts 1 means no retries at all', () => {
    expect(decideRetry(1, { status: 429 }, { maxAttempts: 1 }).retry).toBe(false);
  });
});

describe('obeys x-should-retry', () => {
  it('x-should-retry: true makes a 400 retryable', () => {
    expect(decideRetry(1, { status: 400, headers: { 'x-should-retry': 'true' } }).retry).toBe(true);
  });

  it('x-should-retry: false stops a 503', () => {
    expect(decideRetry(1, { status: 503, headers: { 'x-should-retry': 'false' } }).retry).toBe(false);
  });

  it('matches the header name in any case', () => {
    expect(decideRetry(1, { status: 503, headers: { 'X-Should-Retry': 'false' } }).retry, 'header names are case-insensitive').toBe(false);
    expect(decideRetry(1, { status: 404, headers: { 'X-SHOULD-RETRY': 'true' } }).retry).toBe(true);
  });

  it('never overrides maxAttempts', () => {
    expect(decideRetry(3, { status: 400, headers: { 'x-should-retry': 'true' } }).retry).toBe(false);
  });

  it('ignores values other than true and false', () => {
    expect(decideRetry(1, { status: 503, headers: { 'x-should-retry': 'maybe' } }).retry).toBe(true);
    expect(decideRetry(1, { status: 400, headers: { 'x-should-retry': 'maybe' } }).retry).toBe(false);
  });
});

describe('waits as long as the server asks', () => {
  it('Retry-After in seconds', () => {
    expect(delayOf(decideRetry(1, { status: 429, headers: { 'retry-after': '2' } }))).toBe(2000);
  });

  it('Retry-After with a decimal number of seconds', () => {
    expect(delayOf(decideRetry(1, { status: 429, headers: { 'retry-after': '1.5' } })), 'parseInt("1.5") would give 1 s').toBe(1500);
    expect(delayOf(decideRetry(1, { status: 429, headers: { 'retry-after': '0.125' } })), 'every decimal place counts').toBe(125);
  });

  it('Retry-After of 0 seconds means retry at once', () => {
    expect(retryAfter('0')).toBe(0);
  });

  it('ignores white space around a header value', () => {
    expect(delayOf(decideRetry(1, { status: 503, headers: { 'retry-after-ms': ' 350 ' } })), 'white space around a value is not part of it (RFC 9110 §5.5)').toBe(350);
    expect(retryAfter('  2\t')).toBe(2000);
    expect(retryAfter(' Thu, 15 Jan 2026 12:00:04 GMT ')).toBe(4000);
    expect(decideRetry(1, { status: 503, headers: { 'x-should-retry': ' false ' } }).retry).toBe(false);
  });

  it('falls back to Retry-After when retry-after-ms is not a number', () => {
    const headers = { 'retry-after-ms': 'soon', 'retry-after': '2' };
    expect(delayOf(decideRetry(1, { status: 529, headers }))).toBe(2000);
  });

  it('a Retry-After that is not one number or one date is not usable', () => {
    expect(retryAfter('5 seconds'), 'not a number of seconds: back off with jitter').toBe(JITTER);
    // A header sent twice reaches the caller as one list, "a, b": not a Retry-After value.
    expect(retryAfter('120, Thu, 15 Jan 2026 12:00:04 GMT')).toBe(JITTER);
    expect(retryAfter('Thu, 15 Jan 2026 12:00:04 GMT, Thu, 15 Jan 2026 12:00:09 GMT')).toBe(JITTER);
    expect(retryAfter('2, Thursday, 15-Jan-26 12:00:06 GMT')).toBe(JITTER);
    expect(retryAfter('Thursday, 15-Jan-26 12:00:06 GMT, Thursday, 15-Jan-26 12:00:09 GMT')).toBe(JITTER);
    expect(retryAfter('2, Thu Jan 15 12:00:07 2026')).toBe(JITTER);
    expect(retryAfter('Thu Jan 15 12:00:07 2026, Thu Jan 15 12:00:09 2026')).toBe(JITTER);
  });

  it('retry-after-ms wins over Retry-After', () => {
    const headers = { 'retry-after-ms': '350', 'retry-after': '5' };
    expect(delayOf(decideRetry(1, { status: 529, headers }))).toBe(350);
  });

  it('matches Retry-After and retry-after-ms in any case', () => {
    expect(delayOf(decideRetry(1, { status: 503, headers: { 'Retry-After': '3' } }))).toBe(3000);
    expect(delayOf(decideRetry(1, { status: 503, headers: { 'Retry-After-Ms': '120' } }))).toBe(120);
  });

  it('Retry-After as an HTTP-date, measured against now()', () => {
    const headers = { 'retry-after': 'Thu, 15 Jan 2026 12:00:04 GMT' };
    expect(delayOf(decideRetry(1, { status: 503, headers }, { now })), 'the date is 4 s after now()').toBe(4000);
  });

  it('Retry-After in the two obsolete HTTP-date forms', () => {
    const rfc850 = { 'retry-after': 'Thursday, 15-Jan-26 12:00:06 GMT' };
    const asctime = { 'retry-after': 'Thu Jan 15 12:00:07 2026' };
    expect(delayOf(decideRetry(1, { status: 503, headers: rfc850 }, { now })), 'RFC 850 form').toBe(6000);
    expect(delayOf(decideRetry(1, { status: 503, headers: asctime }, { now })), 'asctime form').toBe(7000);
  });

  it('reads every month of an HTTP-date', () => {
    for (let month = 0; month < 12; month++) {
      const start = Date.UTC(2026, month, 1);
      const date = new Date(start + 5000).toUTCString(); // the IMF-fixdate form, e.g. "Sun, 01 Feb 2026 00:00:05 GMT"
      expect(retryAfter(date, { now: () => start }), `${date} is 5 s after the first of the month`).toBe(5000);
    }
  });

  it('an HTTP-date with an unknown month is not usable', () => {
    expect(retryAfter('Thu, 15 Foo 2026 12:00:04 GMT'), 'there is no month "Foo": back off with jitter').toBe(JITTER);
  });

  it('reads the largest day, hour, minute and second of an HTTP-date, leap second included', () => {
    const options = { now: () => Date.UTC(2026, 0, 31, 23, 59, 50), maxDelayMs: 60_000 };
    expect(retryAfter('Sat, 31 Jan 2026 23:59:59 GMT', options)).toBe(9000);
    expect(retryAfter('Sat, 31 Jan 2026 23:59:60 GMT', options), 'RFC 9110 allows second 60, a leap second').toBe(10_000);
    expect(retryAfter('Sun, 01 Feb 2026 00:00:05 GMT', options), 'day 01 is a day').toBe(15_000);
  });

  it('an HTTP-date with a field out of range is not usable', () => {
    for (const date of [
      'Wed, 00 Jan 2026 12:00:04 GMT',
      'Sun, 32 Jan 2026 12:00:04 GMT',
      'Thu, 15 Jan 2026 24:00:04 GMT',
      'Thu, 15 Jan 2026 12:60:04 GMT',
      'Thu, 15 Jan 2026 12:00:61 GMT',
    ]) {
      expect(retryAfter(date), `${date} is not a date: back off with jitter`).toBe(JITTER);
    }
  });

  it('a two-digit year more than 50 years in the future is in the last century', () => {
    // now() is Thu, 15 Jan 2026 12:00:00 GMT (RFC 9110 §5.6.7).
    expect(retryAfter('Wednesday, 15-Jan-76 12:00:00 GMT'), 'exactly 50 years ahead is still 2076: a wait in the future').toBe(8000);
    expect(retryAfter('Thursday, 15-Jan-76 12:00:01 GMT'), 'one second more than 50 years ahead is 1976: in the past').toBe(0);
    expect(retryAfter('Friday, 01-Jan-99 00:00:00 GMT'), '99 is 1999, not 2099').toBe(0);
  });

  it('an HTTP-date in the past means retry at once', () => {
    const headers = { 'retry-after': 'Thu, 15 Jan 2026 11:59:00 GMT' };
    expect(delayOf(decideRetry(1, { status: 503, headers }, { now }))).toBe(0);
  });

  it('clamps the server\'s wait to maxDelayMs', () => {
    expect(delayOf(decideRetry(1, { status: 429, headers: { 'retry-after': '3600' } }))).toBe(8000);
    expect(delayOf(decideRetry(1, { status: 429, headers: { 'retry-after': '30' } }, { maxDelayMs: 20_000 }))).toBe(20_000);
    const far = { 'retry-after': 'Fri, 16 Jan 2026 12:00:00 GMT' };
    expect(delayOf(decideRetry(1, { status: 503, headers: far }, { now }))).toBe(8000);
  });

  it('clamps a negative wait to 0', () => {
    expect(delayOf(decideRetry(1, { status: 429, headers: { 'retry-after-ms': '-50' } }))).toBe(0);
  });

  it('the server\'s wait does not depend on random()', () => {
    const headers = { 'retry-after': '2' };
    expect(delayOf(decideRetry(2, { status: 429, headers }, { random: fixed(0) }))).toBe(2000);
    expect(delayOf(decideRetry(2, { status: 429, headers }, { random: fixed(0.99) }))).toBe(2000);
  });
});

describe('full jitter backoff', () => {
  it('waits random() times the base delay after the first failure', () => {
    expect(delayOf(decideRetry(1, { status: 503 }, { random: fixed(0.5) }))).toBe(250);
  });

  it('doubles the ceiling with each attempt', () => {
    const options = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 100_000, random: fixed(0.75) };
    const delays = [1, 2, 3, 4, 5].map((attempt) => delayOf(decideRetry(attempt, networkError, options)));
    expect(delays).toEqual([75, 150, 300, 600, 1200]);
  });

  it('caps the ceiling at maxDelayMs', () => {
    const options = { maxAttempts: 20, baseDelayMs: 500, maxDelayMs: 8000, random: fixed(0.5) };
    expect(delayOf(decideRetry(6, networkError, options))).toBe(4000);
    expect(delayOf(decideRetry(15, networkError, options)), 'min(8000, 500 × 2^14) = 8000').toBe(4000);
  });

  it('spans the whole window, from 0 up to just under the ceiling', () => {
    expect(delayOf(decideRetry(2, { status: 503 }, { random: fixed(0) })), 'random() = 0 waits 0 ms').toBe(0);
    expect(delayOf(decideRetry(2, { status: 503 }, { random: fixed(0.999_999) })), 'random() close to 1 waits just under 1000 ms').toBe(999);
  });

  it('falls back to jitter when Retry-After cannot be read', () => {
    const headers = { 'retry-after': 'soon, probably' };
    expect(delayOf(decideRetry(1, { status: 503, headers }, { random: fixed(0.5) }))).toBe(250);
  });

  it('property: the wait is floor(random() × min(maxDelayMs, baseDelayMs × 2^(attempt − 1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, maxDelayMs, r) => {
          const decision = decideRetry(attempt, networkError, { maxAttempts: 31, baseDelayMs, maxDelayMs, random: () => r });
          const expected = Math.floor(r * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
          expect(decision).toEqual({ retry: true, delayMs: expected });
        },
      ),
    );
  });

  it('property: different random values spread the waits of clients that failed together', () => {
    const delays = new Set<number>();
    for (let i = 0; i < 100; i++) delays.add(delayOf(decideRetry(2, { status: 429 }, { random: fixed(i / 100) })));
    expect(delays.size, '100 clients with different random() values must not all wait the same time').toBeGreaterThan(90);
  });
});

describe('validates its input', () => {
  for (const attempt of [0, -1, 1.5, Number.NaN]) {
    it(`rejects attempt ${attempt}`, () => {
      expect(() => decideRetry(attempt, { status: 503 })).toThrow(RangeError);
    });
  }

  it('rejects a maxAttempts below 1', () => {
    expect(() => decideRetry(1, { status: 503 }, { maxAttempts: 0 })).toThrow(RangeError);
  });

  for (const status of [99, 600, 503.5, Number.NaN]) {
    it(`rejects status ${status}`, () => {
      expect(() => decideRetry(1, { status }), 'an HTTP status is an integer from 100 to 599').toThrow(RangeError);
    });
  }

  it('accepts the statuses at both ends of the range', () => {
    expect(decideRetry(1, { status: 100 }).retry, '100 is a status, and not a failure').toBe(false);
    expect(decideRetry(1, { status: 599 }).retry, '599 is a status, and a 5xx').toBe(true);
  });

  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY, '500' as unknown as number]) {
      it(`rejects ${name} ${typeof value === 'string' ? `'${value}'` : value}`, () => {
        expect(() => decideRetry(1, networkError, { [name]: value }), `${name} must be a finite number >= 0`).toThrow(RangeError);
      });
    }
  }

  it('accepts delays of 0', () => {
    expect(decideRetry(1, networkError, { baseDelayMs: 0, random: fixed(0.5) })).toEqual({ retry: true, delayMs: 0 });
    expect(decideRetry(1, { status: 429, headers: { 'retry-after': '2' } }, { maxDelayMs: 0 })).toEqual({ retry: true, delayMs: 0 });
  });
});
