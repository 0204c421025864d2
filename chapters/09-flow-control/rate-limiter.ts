// stub-hash: 8ca18c712abdf07e
// Exercise 09-flow-control/rate-limiter: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 09-flow-control/rate-limiter

/**
 * What one {@link RateLimiter.tryAcquire} decided, the same four facts redis-cell's
 * `CL.THROTTLE` reports (in milliseconds instead of seconds).
 */
export interface RateLimitResult {
  /** Whether the request may go ahead; if so, its cost has been spent. */
  allowed: boolean;
  /** Whole units left for this key after this call (`X-RateLimit-Remaining`). */
  remaining: number;
  /** When refused: ms until the same cost would be allowed (`Retry-After`). -1 when allowed. */
  retryAfterMs: number;
  /** Ms until the key is back to its full capacity (`X-RateLimit-Reset`). */
  resetAfterMs: number;
}

/** The limit applied to every key: a burst of `capacity`, refilled at `refillPerSecond`. */
export interface RateLimitOptions {
  /** The most a key can spend at once: its burst. A finite number > 0. */
  capacity: number;
  /** How fast spent capacity comes back, in units per second. A finite number > 0. */
  refillPerSecond: number;
  /** The clock in ms. Default `Date.now`; tests pass a virtual one. It may go backwards. */
  now?: () => number;
}

/**
 * A per-key rate limiter: every key (a tenant, an API key, an IP address) has its own allowance
 * and spending by one key never affects another. Implemented by {@link TokenBucketLimiter} and
 * {@link GcraLimiter}, which decide identically.
 */
export interface RateLimiter {
  /** Spends `cost` (default 1) from `key`'s allowance if it has that much. */
  tryAcquire(key: string, cost?: number): RateLimitResult;
  /** What `tryAcquire` would return now, without spending anything. */
  peek(key: string, cost?: number): RateLimitResult;
  /** How many keys are held in memory: only those not yet back to full capacity. */
  readonly size: number;
}

/**
 * Thrown for a cost above the capacity: no amount of waiting would let it through, so it is
 * refused for good instead of being told to retry later.
 *
 * @provided
 * @example
 * try {
 *   limiter.tryAcquire('tenant-7', estimatedTokens);
 * } catch (error) {
 *   if (error instanceof CostExceedsCapacityError) return reply(413, 'prompt too large for this tier');
 *   throw error;
 * }
 */
export class CostExceedsCapacityError extends RangeError {
  constructor(
    readonly cost: number,
    readonly capacity: number,
  ) {
    super(`A cost of ${cost} can never be allowed: the capacity is ${capacity}`);
    this.name = 'CostExceedsCapacityError';
  }
}

/**
 * A token bucket per key: a key starts with `capacity` tokens, each request spends `cost` tokens,
 * and tokens flow back continuously at `refillPerSecond`, never above `capacity`. Nothing runs in
 * the background: the refill since the key's last use is worked out from the clock on each call.
 *
 * Keys that are full again are dropped (a missing key means a full bucket), so memory holds only
 * keys used within the last `capacity / refillPerSecond` seconds. A clock that steps backwards
 * refills nothing until it passes its latest reading again. O(1) amortized per call.
 *
 * @throws RangeError when `capacity` or `refillPerSecond` is not a finite number > 0.
 * @example
 * const limiter = new TokenBucketLimiter({ capacity: 10, refillPerSecond: 1 }); // 10 at once, then 1 per second
 * limiter.tryAcquire('tenant-7');    // { allowed: true, remaining: 9, retryAfterMs: -1, resetAfterMs: 1000 }
 * limiter.tryAcquire('tenant-7', 9); // { allowed: true, remaining: 0, retryAfterMs: -1, resetAfterMs: 10000 }
 * limiter.tryAcquire('tenant-7');    // { allowed: false, remaining: 0, retryAfterMs: 1000, resetAfterMs: 10000 }
 */
export class TokenBucketLimiter implements RateLimiter {
  /**
   * @throws RangeError when `capacity` or `refillPerSecond` is not a finite number > 0.
   * @example
   * new TokenBucketLimiter({ capacity: 60, refillPerSecond: 1, now: clock.now });
   */
  constructor(options: RateLimitOptions) {
    // TODO: implement TokenBucketLimiter.constructor.
    throw new Error('TODO: implement TokenBucketLimiter.constructor');
  }

  /**
   * Spends `cost` (default 1) from `key`'s allowance if it has that much; otherwise spends
   * nothing and says how long to wait. O(1) amortized.
   *
   * @throws CostExceedsCapacityError when `cost` exceeds the capacity; RangeError when it is
   *   negative or not finite.
   * @example
   * const { allowed, retryAfterMs } = limiter.tryAcquire(apiKey);
   * if (!allowed) return reply(429, { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) });
   */
  tryAcquire(key: string, cost = 1): RateLimitResult {
    // TODO: implement TokenBucketLimiter.tryAcquire.
    throw new Error('TODO: implement TokenBucketLimiter.tryAcquire');
  }

  /**
   * What `tryAcquire(key, cost)` would return now, without spending anything.
   *
   * @throws the same errors as `tryAcquire`.
   * @example
   * limiter.peek(apiKey, 0).remaining; // what is left, untouched
   */
  peek(key: string, cost = 1): RateLimitResult {
    // TODO: implement TokenBucketLimiter.peek.
    throw new Error('TODO: implement TokenBucketLimiter.peek');
  }

  /**
   * How many keys are held in memory: only those not yet back to full capacity.
   *
   * @example
   * metrics.gauge('rate_limiter_keys', limiter.size);
   */
  get size(): number {
    // TODO: implement TokenBucketLimiter.size.
    throw new Error('TODO: implement TokenBucketLimiter.size');
  }
}

/**
 * The generic cell rate algorithm (GCRA), as redis-cell implements it: instead of a token count,
 * each key stores one timestamp, its theoretical arrival time (TAT), the time at which the key
 * would be full again. Each allowed request moves the TAT later by its cost in emission intervals
 * (`1000 / refillPerSecond` ms per unit). It decides exactly as {@link TokenBucketLimiter} does,
 * with one number per key and no refill arithmetic.
 *
 * Keys whose TAT has passed are dropped, a clock that steps backwards is tolerated, and every
 * call is O(1) amortized, as in {@link TokenBucketLimiter}.
 *
 * @throws RangeError when `capacity` or `refillPerSecond` is not a finite number > 0.
 * @example
 * // redis-cell's CL.THROTTLE user123 15 30 60: a burst of 16, then 30 per minute
 * const limiter = new GcraLimiter({ capacity: 16, refillPerSecond: 0.5 });
 * limiter.tryAcquire('user123'); // { allowed: true, remaining: 15, retryAfterMs: -1, resetAfterMs: 2000 }
 */
export class GcraLimiter implements RateLimiter {
  /**
   * @throws RangeError when `capacity` or `refillPerSecond` is not a finite number > 0.
   * @example
   * new GcraLimiter({ capacity: 60, refillPerSecond: 1, now: clock.now });
   */
  constructor(options: RateLimitOptions) {
    // TODO: implement GcraLimiter.constructor.
    throw new Error('TODO: implement GcraLimiter.constructor');
  }

  /**
   * Spends `cost` (default 1) from `key`'s allowance if it has that much; otherwise spends
   * nothing and says how long to wait. O(1) amortized.
   *
   * @throws CostExceedsCapacityError when `cost` exceeds the capacity; RangeError when it is
   *   negative or not finite.
   * @example
   * const { allowed, retryAfterMs } = limiter.tryAcquire(apiKey);
   * if (!allowed) return reply(429, { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) });
   */
  tryAcquire(key: string, cost = 1): RateLimitResult {
    // TODO: implement GcraLimiter.tryAcquire.
    throw new Error('TODO: implement GcraLimiter.tryAcquire');
  }

  /**
   * What `tryAcquire(key, cost)` would return now, without spending anything.
   *
   * @throws the same errors as `tryAcquire`.
   * @example
   * limiter.peek(apiKey, 0).remaining; // what is left, untouched
   */
  peek(key: string, cost = 1): RateLimitResult {
    // TODO: implement GcraLimiter.peek.
    throw new Error('TODO: implement GcraLimiter.peek');
  }

  /**
   * How many keys are held in memory: only those not yet back to full capacity.
   *
   * @example
   * metrics.gauge('rate_limiter_keys', limiter.size);
   */
  get size(): number {
    // TODO: implement GcraLimiter.size.
    throw new Error('TODO: implement GcraLimiter.size');
  }
}

/** The outcome of {@link RequestTokenLimiter.tryAcquire}, with both limits' own results. */
export interface RequestTokenResult {
  /** Whether both limits allowed the request; if so, both were spent. */
  allowed: boolean;
  /** When refused: ms until both limits would allow it. -1 when allowed. */
  retryAfterMs: number;
  requests: RateLimitResult;
  tokens: RateLimitResult;
}

/**
 * Two limits per key at once, as model providers apply them: requests per minute and tokens per
 * minute. A request costs 1 request and its (estimated) token count; it goes ahead only if both
 * limits allow it, and neither is spent otherwise. O(1) amortized.
 *
 * @example
 * const limiter = new RequestTokenLimiter({
 *   requests: new GcraLimiter({ capacity: 60, refillPerSecond: 1 }),       // 60 requests per minute
 *   tokens: new GcraLimiter({ capacity: 40_000, refillPerSecond: 40_000 / 60 }), // 40k tokens per minute
 * });
 * limiter.tryAcquire('tenant-7', 1200); // { allowed: true, retryAfterMs: -1, requests: {…}, tokens: {…} }
 */
export class RequestTokenLimiter {
  /**
   * @param limits - the request limit (cost 1 per request) and the token limit (cost: the
   *   request's tokens), usually on the same clock.
   * @example
   * new RequestTokenLimiter({ requests: requestLimiter, tokens: tokenLimiter });
   */
  constructor(limits: { requests: RateLimiter; tokens: RateLimiter }) {
    // TODO: implement RequestTokenLimiter.constructor.
    throw new Error('TODO: implement RequestTokenLimiter.constructor');
  }

  /**
   * Spends 1 request and `tokens` tokens from `key`, or nothing.
   *
   * @throws CostExceedsCapacityError when `tokens` exceeds the token limit's capacity.
   * @example
   * const { allowed, retryAfterMs } = limiter.tryAcquire(tenant, estimateTokens(prompt));
   */
  tryAcquire(key: string, tokens: number): RequestTokenResult {
    // TODO: implement RequestTokenLimiter.tryAcquire.
    throw new Error('TODO: implement RequestTokenLimiter.tryAcquire');
  }
}
