// stub-hash: 349121ca686caaf1
// Exercise 09-flow-control/retry-policy: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 09-flow-control/retry-policy

/**
 * What one failed attempt of an HTTP call produced: a response with an error status (and its
 * headers, names in any case), or an error thrown before any response arrived (a network error:
 * the connection was refused or reset, DNS failed, the socket timed out).
 *
 * @example
 * const rateLimited: Outcome = { status: 429, headers: { 'Retry-After': '2' } };
 * const networkError: Outcome = { error: new TypeError('fetch failed') };
 */
export type Outcome = { status: number; headers?: Record<string, string> } | { error: unknown };

/**
 * How {@link decideRetry} paces retries. Every field is optional; the defaults are those of the
 * official OpenAI and Anthropic TypeScript SDKs (2 retries, so 3 attempts; 0.5 s doubling to 8 s).
 */
export type RetryOptions = {
  /** The most attempts a call may make, the first one included. An integer >= 1; default 3. */
  maxAttempts?: number;
  /** The backoff before the first retry, in ms; it doubles for each later retry. Default 500. */
  baseDelayMs?: number;
  /** No wait is ever longer than this, in ms, whatever the server asks for. Default 8000. */
  maxDelayMs?: number;
  /** The current time in ms since the epoch, to turn an HTTP-date into a wait. Default `Date.now`. */
  now?: () => number;
  /** A uniform random number in [0, 1), for jitter. Default `Math.random`; tests pass a seeded one. */
  random?: () => number;
};

/**
 * The verdict on a failed attempt: give up (and why, in words for a log line that names what
 * decided it: the status, `x-should-retry: false`, or the attempts used up), or retry after
 * `delayMs` milliseconds (an integer >= 0).
 */
export type RetryDecision = { retry: false; reason: string } | { retry: true; delayMs: number };

/**
 * Decides whether a failed HTTP call should be tried again, and how long to wait first.
 *
 * A failure is retried only when it is retryable and attempts remain:
 * - A network error is retryable.
 * - A response header `x-should-retry: true` or `x-should-retry: false` decides on its own.
 * - Otherwise 408, 409, 429 and every 5xx (including Anthropic's 529 "overloaded") are
 *   retryable; every other status, 400, 401, 403, 404 and 422 among them, is not: sending the
 *   same request again would fail the same way. A status below 400 is not a failure at all.
 * - No attempts remain once `attempt >= maxAttempts` (`attempt` counts the attempts made so
 *   far: 1 after the first failure), whatever the failure or the headers say.
 *
 * The wait is the server's when it gives one: `retry-after-ms` (milliseconds), else `Retry-After`
 * as seconds (decimals allowed) or as an HTTP-date (RFC 9110 §10.2.3) measured against `now()`,
 * clamped to `[0, maxDelayMs]`. Without a usable header it is "full jitter" backoff: a random
 * wait between 0 and `min(maxDelayMs, baseDelayMs × 2^(attempt − 1))`, rounded down. Header
 * names are matched case-insensitively. O(number of headers).
 *
 * @param attempt - attempts made so far, an integer >= 1.
 * @throws RangeError when `attempt`, a status or an option is out of range.
 * @example
 * decideRetry(1, { status: 429, headers: { 'retry-after': '2' } }); // { retry: true, delayMs: 2000 }
 * decideRetry(1, { status: 400 });      // { retry: false, reason: 'status 400 is not retryable' }
 * decideRetry(3, { status: 503 });      // { retry: false, reason: 'gave up after 3 of 3 attempts' }
 * decideRetry(2, { error: new TypeError('fetch failed') }, { random: () => 0.5 }); // { retry: true, delayMs: 500 }
 */
export function decideRetry(attempt: number, outcome: Outcome, options: RetryOptions = {}): RetryDecision {
  // TODO: implement decideRetry.
  throw new Error('TODO: implement decideRetry');
}
