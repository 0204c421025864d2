import { randomUUID } from 'node:crypto';
import { decideRetry, type Outcome } from './retry-policy.ts';

/**
 * A failed HTTP response, thrown by the function you give {@link withRetries} so that its status
 * and headers decide the retry. The official SDKs' `APIError` has the same two fields, so it is
 * understood too.
 *
 * @provided
 * @example
 * const response = await fetch(url, { method: 'POST', body, signal });
 * if (!response.ok) throw new HttpError(response.status, Object.fromEntries(response.headers));
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string> = {},
    message = `HTTP ${status}`,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * {@link withRetries} gave up: the failure was not retryable, the attempts ran out, the retry
 * budget was spent, or the response had already started streaming. `cause` is the last failure.
 *
 * @provided
 * @example
 * try {
 *   await withRetries(callModel);
 * } catch (error) {
 *   if (error instanceof RetryError) console.error(`${error.attempts} attempts:`, error.cause);
 * }
 */
export class RetryError extends Error {
  constructor(
    readonly reason: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`, { cause });
    this.name = 'RetryError';
  }
}

/**
 * The call's total deadline passed: during an attempt, or before a wait that would not have
 * ended before it. `cause` is the last failure, if an attempt had failed.
 *
 * @provided
 * @example
 * await withRetries(callModel, { deadlineMs: 30_000 }); // rejects with DeadlineExceededError after 30 s at most
 */
export class DeadlineExceededError extends Error {
  constructor(
    readonly deadlineMs: number,
    cause?: unknown,
  ) {
    super(`The deadline of ${deadlineMs} ms passed`, { cause });
    this.name = 'DeadlineExceededError';
  }
}

/**
 * The clock and timers {@link withRetries} uses. Defaults to `Date.now`, `setTimeout` and
 * `clearTimeout`; tests pass a virtual clock so that no test waits for real time.
 */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once, `ms` milliseconds from now; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What each attempt is told. */
export interface AttemptContext {
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
  /**
   * The same on every attempt of one call, and different for every call: send it as the
   * `Idempotency-Key` header so that a server that did the work once does not do it twice.
   */
  idempotencyKey: string;
  /** Aborted when the caller aborts or the deadline passes: pass it on to `fetch`. */
  signal: AbortSignal;
  /**
   * Call this as soon as any part of the response has been passed on (the first token shown to
   * the user). From then on a failure of this attempt is not retried: the caller has seen partial
   * output, and a second attempt would repeat or contradict it.
   */
  markStreaming(): void;
}

/** Options of a {@link RetryBudget}, named after gRPC's `retryThrottling` settings. */
export interface RetryBudgetOptions {
  /** Tokens the budget starts with and never exceeds. An integer from 1 to 1000; default 10. */
  maxTokens?: number;
  /** Tokens a successful call gives back, a number > 0 (3 decimal places count); default 0.1. */
  tokenRatio?: number;
}

/**
 * A retry budget shared by every call to one service, as gRPC's retry throttling defines it: each
 * retryable failure takes a token, each success gives back `tokenRatio` tokens, and retries stop
 * while half the tokens or fewer remain. When the service is down, retries stop after a few
 * failures instead of multiplying the load on it; a trickle of successes turns them back on.
 * O(1) per call.
 *
 * @example
 * const budget = new RetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
 * await Promise.all(prompts.map((prompt) => withRetries(() => complete(prompt), { budget })));
 */
export class RetryBudget {
  // Kept in thousandths of a token, as integers, so that ten successes of 0.1 make exactly 1.
  readonly #max: number;
  readonly #ratio: number;
  #milli: number;

  /**
   * @throws RangeError when `maxTokens` is not an integer from 1 to 1000 or `tokenRatio` is not
   *   a finite number > 0.
   * @example
   * new RetryBudget(); // 10 tokens, 0.1 back per success: retries stop after 5 failures in a row
   */
  constructor(options: RetryBudgetOptions = {}) {
    const { maxTokens = 10, tokenRatio = 0.1 } = options;
    if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > 1000) {
      throw new RangeError(`Expected \`maxTokens\` to be an integer from 1 to 1000, got ${String(maxTokens)} (${typeof maxTokens})`);
    }
    if (!Number.isFinite(tokenRatio) || tokenRatio <= 0) {
      throw new RangeError(`Expected \`tokenRatio\` to be a finite number > 0, got ${String(tokenRatio)} (${typeof tokenRatio})`);
    }
    this.#max = maxTokens * 1000;
    this.#ratio = Math.max(1, Math.floor(tokenRatio * 1000));
    this.#milli = this.#max;
  }

  /**
   * The tokens left, from 0 to `maxTokens`.
   *
   * @example
   * budget.tokens; // 10 when fresh
   */
  get tokens(): number {
    return this.#milli / 1000;
  }

  /**
   * Whether a retry may be sent now: more than half of `maxTokens` remain.
   *
   * @example
   * if (!budget.canRetry()) throw lastError;
   */
  canRetry(): boolean {
    return this.#milli > this.#max / 2;
  }

  /**
   * Takes one token for a failure that would be retried (never below 0).
   *
   * @example
   * budget.recordFailure();
   */
  recordFailure(): void {
    this.#milli = Math.max(0, this.#milli - 1000);
  }

  /**
   * Gives back `tokenRatio` tokens for a success (never above `maxTokens`).
   *
   * @example
   * budget.recordSuccess();
   */
  recordSuccess(): void {
    this.#milli = Math.min(this.#max, this.#milli + this.#ratio);
  }
}

/** Options of {@link withRetries}. */
export interface WithRetriesOptions {
  /** Passed to `decideRetry`: the most attempts, the first included. Default 3. */
  maxAttempts?: number;
  /** Passed to `decideRetry`: the first backoff in ms. Default 500. */
  baseDelayMs?: number;
  /** Passed to `decideRetry`: the longest wait in ms. Default 8000. */
  maxDelayMs?: number;
  /** Aborting it stops the call at once, even during a wait; the call rejects with its reason. */
  signal?: AbortSignal;
  /** The whole call, waits and attempts included, must end within this many ms. */
  deadlineMs?: number;
  /** A budget shared with other calls; without one, only `maxAttempts` limits retries. */
  budget?: RetryBudget;
  /** The key for every attempt of this call. Default: a new one from `newIdempotencyKey`. */
  idempotencyKey?: string;
  /** Makes a fresh idempotency key. Default `crypto.randomUUID`. */
  newIdempotencyKey?: () => string;
  /** A uniform random number in [0, 1) for jitter. Default `Math.random`. */
  random?: () => number;
  /** The clock and timers. Default: the real ones. */
  scheduler?: Scheduler;
}

const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `fn`, and runs it again after a failure when `decideRetry` says so, waiting the delay it
 * gives. `fn` fails by throwing (or rejecting): an error with a numeric `status` (an
 * {@link HttpError}, or an SDK's `APIError`) counts as that HTTP response, with its `headers`;
 * anything else counts as a network error.
 *
 * - Every attempt of one call gets the same idempotency key, and an `AbortSignal` to pass on.
 * - Aborting `options.signal` rejects the call at once with the signal's reason, even in the
 *   middle of a wait or of an attempt that ignores its signal; nothing runs after that.
 * - `deadlineMs` bounds the whole call: when it passes, or when the next wait would not end
 *   before it, the call rejects with {@link DeadlineExceededError}.
 * - With a `budget`, each failure that would be retried takes a token and is retried only while
 *   the budget allows; each call that succeeds gives tokens back.
 * - An attempt that called `markStreaming()` is never retried.
 * - When the call gives up, it rejects with {@link RetryError}, whose `cause` is the last failure.
 *
 * Every timer and listener it starts is gone once the call has settled.
 *
 * @throws TypeError (at once) when `fn` is not a function, RangeError (at once) for an
 *   out-of-range `deadlineMs`; an out-of-range retry option rejects the call after the first
 *   failure, with the RangeError from `decideRetry`.
 * @example
 * const reply = await withRetries(async ({ idempotencyKey, signal }) => {
 *   const response = await fetch(url, { method: 'POST', body, signal, headers: { 'Idempotency-Key': idempotencyKey } });
 *   if (!response.ok) throw new HttpError(response.status, Object.fromEntries(response.headers));
 *   return response.json();
 * }, { deadlineMs: 60_000, signal: request.signal });
 */
export function withRetries<T>(fn: (context: AttemptContext) => T | Promise<T>, options: WithRetriesOptions = {}): Promise<T> {
  if (typeof fn !== 'function') throw new TypeError(`Expected \`fn\` to be a function, got ${String(fn)} (${typeof fn})`);
  const { signal, deadlineMs, budget, maxAttempts, baseDelayMs, maxDelayMs, random, scheduler = realScheduler } = options;
  if (deadlineMs !== undefined && (!Number.isFinite(deadlineMs) || deadlineMs <= 0)) {
    throw new RangeError(`Expected \`deadlineMs\` to be a finite number > 0, got ${String(deadlineMs)} (${typeof deadlineMs})`);
  }
  const idempotencyKey = options.idempotencyKey ?? (options.newIdempotencyKey ?? randomUUID)();
  const startedAt = scheduler.now();
  const controller = new AbortController();

  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let waitTimer: unknown;
    let deadlineTimer: unknown;
    let lastFailure: unknown;

    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      if (waitTimer !== undefined) scheduler.clearTimeout(waitTimer);
      if (deadlineTimer !== undefined) scheduler.clearTimeout(deadlineTimer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const fail = (error: unknown): void =>
      finish(() => {
        controller.abort(error); // tell an attempt still running that nobody waits for it
        reject(error);
      });
    function onAbort(): void {
      fail(signal!.reason);
    }

    const attempt = (number: number): void => {
      waitTimer = undefined;
      let streaming = false;
      const context: AttemptContext = {
        attempt: number,
        idempotencyKey,
        signal: controller.signal,
        markStreaming: () => {
          streaming = true;
        },
      };
      new Promise<T>((run) => run(fn(context))).then(
        (value) =>
          finish(() => {
            budget?.recordSuccess();
            resolve(value);
          }),
        (error: unknown) => {
          if (settled) return; // aborted or past the deadline: this late failure changes nothing
          lastFailure = error;
          if (streaming) return fail(new RetryError('the response had started streaming', number, error));
          let decision: ReturnType<typeof decideRetry>;
          try {
            decision = decideRetry(number, outcomeOf(error), { maxAttempts, baseDelayMs, maxDelayMs, random, now: () => scheduler.now() });
          } catch (invalid) {
            return fail(invalid); // an out-of-range retry option
          }
          if (!decision.retry) return fail(new RetryError(decision.reason, number, error));
          if (budget) {
            budget.recordFailure();
            if (!budget.canRetry()) return fail(new RetryError('the retry budget is spent', number, error));
          }
          if (deadlineMs !== undefined && scheduler.now() + decision.delayMs >= startedAt + deadlineMs) {
            return fail(new DeadlineExceededError(deadlineMs, error));
          }
          waitTimer = scheduler.setTimeout(() => attempt(number + 1), decision.delayMs);
        },
      );
    };

    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    if (deadlineMs !== undefined) {
      deadlineTimer = scheduler.setTimeout(() => fail(new DeadlineExceededError(deadlineMs, lastFailure)), deadlineMs);
    }
    attempt(1);
  });
}

/** How `decideRetry` sees a thrown value: an HTTP response if it carries a status, else a network error. */
function outcomeOf(error: unknown): Outcome {
  if (typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number') {
    const { status, headers } = error as { status: number; headers?: unknown };
    return { status, headers: headerRecord(headers) };
  }
  return { error };
}

function headerRecord(headers: unknown): Record<string, string> {
  if (typeof headers !== 'object' || headers === null) return {};
  const forEach = (headers as { forEach?: unknown }).forEach;
  if (typeof forEach === 'function') {
    // A fetch `Headers` object (the SDKs' APIError carries one).
    const record: Record<string, string> = {};
    (headers as Headers).forEach((value, name) => {
      record[name] = value;
    });
    return record;
  }
  return headers as Record<string, string>;
}
