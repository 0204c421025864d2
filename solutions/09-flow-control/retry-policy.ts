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
  const { maxAttempts = 3, baseDelayMs = 500, maxDelayMs = 8000, now = Date.now, random = Math.random } = options;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`Expected \`attempt\` to be an integer >= 1, got ${String(attempt)} (${typeof attempt})`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`Expected \`maxAttempts\` to be an integer >= 1, got ${String(maxAttempts)} (${typeof maxAttempts})`);
  }
  for (const [name, value] of [['baseDelayMs', baseDelayMs], ['maxDelayMs', maxDelayMs]] as const) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Expected \`${name}\` to be a finite number >= 0, got ${String(value)} (${typeof value})`);
    }
  }

  let headers: Map<string, string> | undefined;
  if ('status' in outcome) {
    const { status } = outcome;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new RangeError(`Expected \`status\` to be an HTTP status code from 100 to 599, got ${String(status)} (${typeof status})`);
    }
    if (status < 400) return { retry: false, reason: `status ${status} is not an error` };
    headers = lowerCaseNames(outcome.headers);
    const verdict = headers.get('x-should-retry')?.toLowerCase();
    // The server knows best: the SDKs obey this header before looking at the status.
    const retryable = verdict === 'true' ? true : verdict === 'false' ? false : isRetryableStatus(status);
    if (!retryable) {
      return { retry: false, reason: verdict === 'false' ? `status ${status} with x-should-retry: false` : `status ${status} is not retryable` };
    }
  }
  if (attempt >= maxAttempts) return { retry: false, reason: `gave up after ${attempt} of ${maxAttempts} attempts` };

  const asked = headers ? serverDelay(headers, now) : undefined;
  if (asked !== undefined) return { retry: true, delayMs: Math.floor(Math.min(maxDelayMs, Math.max(0, asked))) };
  // Full jitter: spreading retries over the whole window is what stops clients that failed
  // together from coming back together.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.floor(random() * ceiling) };
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function lowerCaseNames(headers: Record<string, string> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  // A field value's surrounding white space is not part of it (RFC 9110 §5.5).
  for (const [name, value] of Object.entries(headers ?? {})) map.set(name.toLowerCase(), String(value).trim());
  return map;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The wait the server asked for, in ms (possibly negative or huge), or undefined if none. */
function serverDelay(headers: Map<string, string>, now: () => number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== undefined && DECIMAL.test(ms)) return Number(ms);
  const value = headers.get('retry-after');
  if (value === undefined) return undefined;
  if (DECIMAL.test(value)) return Number(value) * 1000;
  const time = now();
  const date = parseHttpDate(value, time);
  return date === undefined ? undefined : date - time;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// RFC 9110 §5.6.7: recipients must accept all three forms of HTTP-date.
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt$/i; // Sun, 06 Nov 1994 08:49:37 GMT
const RFC850_DATE = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) gmt$/i; // Sunday, 06-Nov-94 08:49:37 GMT
const ASCTIME_DATE = /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i; // Sun Nov  6 08:49:37 1994

/**
 * Milliseconds since the epoch for an HTTP-date, or undefined when the text is not one.
 * `Date.parse` is not used: it accepts many strings that are not HTTP-dates.
 */
function parseHttpDate(text: string, now: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) return utc(match[3]!, match[2]!, match[1]!, match[4]!, match[5]!, match[6]!);
  match = RFC850_DATE.exec(text);
  if (match) {
    const fields = match;
    const at = (year: number): number | undefined => utc(String(year), fields[2]!, fields[1]!, fields[4]!, fields[5]!, fields[6]!);
    // A two-digit year is this century's, unless that puts the date more than 50 years in the
    // future: then it is the last century's (§5.6.7). An invalid date is undefined either way.
    const year = Math.floor(new Date(now).getUTCFullYear() / 100) * 100 + Number(fields[3]);
    return at(year - 50)! > now ? at(year - 100) : at(year);
  }
  match = ASCTIME_DATE.exec(text);
  if (match) return utc(match[6]!, match[1]!, match[2]!, match[3]!, match[4]!, match[5]!); // Number(' 6') is 6
  return undefined;
}

function utc(year: string, month: string, day: string, hours: string, minutes: string, seconds: string): number | undefined {
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  if (monthIndex < 0) return undefined;
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds);
  const d = Number(day);
  if (d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return undefined;
  return Date.UTC(Number(year), monthIndex, d, h, m, s);
}
