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
  readonly #capacity: number;
  readonly #rate: number;
  readonly #clock: Clock;
  // key -> the tokens its bucket held at time `at`. A key missing here has a full bucket.
  readonly #buckets = new RecentKeys<{ tokens: number; at: number }>();

  /**
   * @throws RangeError when `capacity` or `refillPerSecond` is not a finite number > 0.
   * @example
   * new TokenBucketLimiter({ capacity: 60, refillPerSecond: 1, now: clock.now });
   */
  constructor(options: RateLimitOptions) {
    this.#capacity = positive(options.capacity, 'capacity');
    this.#rate = positive(options.refillPerSecond, 'refillPerSecond');
    this.#clock = new Clock(options.now ?? Date.now);
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
    return this.#decide(key, cost, true);
  }

  /**
   * What `tryAcquire(key, cost)` would return now, without spending anything.
   *
   * @throws the same errors as `tryAcquire`.
   * @example
   * limiter.peek(apiKey, 0).remaining; // what is left, untouched
   */
  peek(key: string, cost = 1): RateLimitResult {
    return this.#decide(key, cost, false);
  }

  /**
   * How many keys are held in memory: only those not yet back to full capacity.
   *
   * @example
   * metrics.gauge('rate_limiter_keys', limiter.size);
   */
  get size(): number {
    const now = this.#clock.now();
    this.#buckets.dropOldestWhile(this.#isFull, now);
    return this.#buckets.size;
  }

  #decide(key: string, cost: number, spend: boolean): RateLimitResult {
    checkCost(cost, this.#capacity);
    const now = this.#clock.now();
    this.#buckets.dropOldestWhile(this.#isFull, now);
    const node = this.#buckets.node(key);
    const tokens = this.#tokensAt(node?.state, now);
    const allowed = tokens + EPSILON >= cost;
    const left = allowed ? tokens - cost : tokens;
    if (allowed && spend) {
      if (left < this.#capacity) {
        const bucket = node?.state ?? { tokens: 0, at: 0 }; // reused: no garbage per call
        bucket.tokens = left;
        bucket.at = now;
        this.#buckets.set(key, bucket, node);
      } else {
        this.#buckets.delete(key);
      }
    }
    return {
      allowed,
      remaining: Math.floor(left + EPSILON),
      retryAfterMs: allowed ? -1 : this.#msFor(cost - tokens),
      resetAfterMs: this.#msFor(this.#capacity - left),
    };
  }

  #tokensAt(bucket: { tokens: number; at: number } | undefined, now: number): number {
    if (!bucket) return this.#capacity;
    return Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);
  }

  // Whole ms until `tokens` more have flowed back.
  #msFor(tokens: number): number {
    return Math.max(0, Math.ceil((tokens * 1000) / this.#rate - EPSILON));
  }

  // A field rather than a method, so each call passes the same function instead of a new closure.
  readonly #isFull = (bucket: { tokens: number; at: number }, now: number): boolean => this.#tokensAt(bucket, now) + EPSILON >= this.#capacity;
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
  readonly #capacity: number;
  readonly #interval: number;
  readonly #tolerance: number;
  readonly #clock: Clock;
  // key -> its TAT in ms. A key missing here is full: its TAT has passed.
  readonly #tats = new RecentKeys<number>();

  /**
   * @throws RangeError when `capacity` or `refillPerSecond` is not a finite number > 0.
   * @example
   * new GcraLimiter({ capacity: 60, refillPerSecond: 1, now: clock.now });
   */
  constructor(options: RateLimitOptions) {
    this.#capacity = positive(options.capacity, 'capacity');
    this.#interval = 1000 / positive(options.refillPerSecond, 'refillPerSecond');
    this.#tolerance = this.#capacity * this.#interval;
    this.#clock = new Clock(options.now ?? Date.now);
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
    return this.#decide(key, cost, true);
  }

  /**
   * What `tryAcquire(key, cost)` would return now, without spending anything.
   *
   * @throws the same errors as `tryAcquire`.
   * @example
   * limiter.peek(apiKey, 0).remaining; // what is left, untouched
   */
  peek(key: string, cost = 1): RateLimitResult {
    return this.#decide(key, cost, false);
  }

  /**
   * How many keys are held in memory: only those not yet back to full capacity.
   *
   * @example
   * metrics.gauge('rate_limiter_keys', limiter.size);
   */
  get size(): number {
    const now = this.#clock.now();
    this.#tats.dropOldestWhile(hasPassed, now);
    return this.#tats.size;
  }

  #decide(key: string, cost: number, spend: boolean): RateLimitResult {
    checkCost(cost, this.#capacity);
    const now = this.#clock.now();
    this.#tats.dropOldestWhile(hasPassed, now);
    const node = this.#tats.node(key);
    const tat = Math.max(node?.state ?? now, now);
    const newTat = tat + cost * this.#interval;
    const allowAt = newTat - this.#tolerance;
    const allowed = allowAt <= now + EPSILON * this.#interval;
    const until = allowed ? newTat : tat;
    if (allowed && spend) {
      if (until > now) this.#tats.set(key, until, node);
      else this.#tats.delete(key);
    }
    const busy = until - now; // how far ahead of now the key's schedule runs
    return {
      allowed,
      remaining: Math.floor((this.#tolerance - busy) / this.#interval + EPSILON),
      retryAfterMs: allowed ? -1 : Math.ceil(allowAt - now - EPSILON * this.#interval),
      resetAfterMs: Math.max(0, Math.ceil(busy - EPSILON * this.#interval)),
    };
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
  readonly #requests: RateLimiter;
  readonly #tokens: RateLimiter;

  /**
   * @param limits - the request limit (cost 1 per request) and the token limit (cost: the
   *   request's tokens), usually on the same clock.
   * @example
   * new RequestTokenLimiter({ requests: requestLimiter, tokens: tokenLimiter });
   */
  constructor(limits: { requests: RateLimiter; tokens: RateLimiter }) {
    this.#requests = limits.requests;
    this.#tokens = limits.tokens;
  }

  /**
   * Spends 1 request and `tokens` tokens from `key`, or nothing.
   *
   * @throws CostExceedsCapacityError when `tokens` exceeds the token limit's capacity.
   * @example
   * const { allowed, retryAfterMs } = limiter.tryAcquire(tenant, estimateTokens(prompt));
   */
  tryAcquire(key: string, tokens: number): RequestTokenResult {
    const requestCheck = this.#requests.peek(key, 1);
    const tokenCheck = this.#tokens.peek(key, tokens);
    if (requestCheck.allowed && tokenCheck.allowed) {
      return { allowed: true, retryAfterMs: -1, requests: this.#requests.tryAcquire(key, 1), tokens: this.#tokens.tryAcquire(key, tokens) };
    }
    // Refused: the limit that said no explains why; the other one reports what is left untouched.
    return {
      allowed: false,
      retryAfterMs: Math.max(requestCheck.retryAfterMs, tokenCheck.retryAfterMs),
      requests: requestCheck.allowed ? this.#requests.peek(key, 0) : requestCheck,
      tokens: tokenCheck.allowed ? this.#tokens.peek(key, 0) : tokenCheck,
    };
  }
}

/** A key whose TAT has passed is full again. */
function hasPassed(tat: number, now: number): boolean {
  return tat <= now;
}

// Float slack for comparisons: 0.1 + 0.2 tokens must count as 0.3.
const EPSILON = 1e-9;

/**
 * A map from key to state that also remembers the order in which keys were last stored, so the
 * least recently stored keys can be dropped from the front: a Map plus a doubly linked list, every
 * operation O(1). (A plain Map re-inserted on every use would keep the order too, but the holes
 * that deletions leave at its front make each walk from the front slower.)
 */
class RecentKeys<S> {
  readonly #nodes = new Map<string, KeyNode<S>>();
  #oldest: KeyNode<S> | undefined;
  #newest: KeyNode<S> | undefined;

  get size(): number {
    return this.#nodes.size;
  }

  node(key: string): KeyNode<S> | undefined {
    return this.#nodes.get(key);
  }

  /**
   * Stores the state and makes `key` the most recently stored. `known` is what `node(key)`
   * returned, if the caller has it: it saves a second lookup.
   */
  set(key: string, state: S, known = this.#nodes.get(key)): void {
    let node = known;
    if (node) {
      node.state = state;
      if (node === this.#newest) return;
      this.#unlink(node);
    } else {
      node = { key, state, older: undefined, newer: undefined };
      this.#nodes.set(key, node);
    }
    node.older = this.#newest;
    if (this.#newest) this.#newest.newer = node;
    else this.#oldest = node;
    this.#newest = node;
  }

  delete(key: string): void {
    const node = this.#nodes.get(key);
    if (!node) return;
    this.#nodes.delete(key);
    this.#unlink(node);
  }

  /** Drops keys from the least recently stored on, for as long as `idle` says their state is idle at `now`. */
  dropOldestWhile(idle: (state: S, now: number) => boolean, now: number): void {
    while (this.#oldest && idle(this.#oldest.state, now)) this.delete(this.#oldest.key);
  }

  #unlink(node: KeyNode<S>): void {
    if (node.older) node.older.newer = node.newer;
    else this.#oldest = node.newer;
    if (node.newer) node.newer.older = node.older;
    else this.#newest = node.older;
    node.older = undefined;
    node.newer = undefined;
  }
}

interface KeyNode<S> {
  key: string;
  state: S;
  older: KeyNode<S> | undefined;
  newer: KeyNode<S> | undefined;
}

/** A clock that never goes backwards: a reading earlier than the latest one counts as the latest. */
class Clock {
  #latest = Number.NEGATIVE_INFINITY;
  constructor(readonly read: () => number) {}
  now(): number {
    this.#latest = Math.max(this.#latest, this.read());
    return this.#latest;
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`Expected \`${name}\` to be a finite number > 0, got ${String(value)} (${typeof value})`);
  }
  return value;
}

function checkCost(cost: number, capacity: number): void {
  if (!Number.isFinite(cost) || cost < 0) {
    throw new RangeError(`Expected \`cost\` to be a finite number >= 0, got ${String(cost)} (${typeof cost})`);
  }
  if (cost > capacity) throw new CostExceedsCapacityError(cost, capacity);
}
