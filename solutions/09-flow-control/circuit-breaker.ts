/** The three states of a {@link CircuitBreaker}. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Thrown instead of calling the service while the circuit is open, or while it is half-open and
 * every probe slot is taken. It says when the breaker will let a call through again.
 *
 * @provided
 * @example
 * try {
 *   return await breaker.call(() => callModel(prompt));
 * } catch (error) {
 *   if (error instanceof CircuitOpenError) return reply(503, { retryAfterMs: error.retryAfterMs });
 *   throw error;
 * }
 */
export class CircuitOpenError extends Error {
  constructor(
    /** The clock time (ms) from which the breaker admits a probe again. */
    readonly retryAt: number,
    /** `retryAt` minus the time of the refusal: 0 when probes are already out. */
    readonly retryAfterMs: number,
  ) {
    super(retryAfterMs > 0 ? `The circuit is open: the next probe is allowed in ${retryAfterMs} ms` : 'The circuit is half-open and its probes are taken');
    this.name = 'CircuitOpenError';
  }
}

/** Options of a {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** How many of the latest calls the failure rate is measured over. An integer >= 1. */
  windowSize: number;
  /** The circuit opens when the failure rate of the window reaches this. A number in (0, 1]. */
  failureRateThreshold: number;
  /** Calls the window must hold before the rate counts. An integer from 1 to `windowSize`; default `windowSize`. */
  minimumCalls?: number;
  /** How long the circuit stays open before it lets probes through, in ms. A finite number > 0. */
  openDurationMs: number;
  /** How many probe calls may be out at once while half-open. An integer >= 1; default 1. */
  halfOpenProbes?: number;
  /** Which errors count as failures of the service; default: all. Others are passed on, not counted. */
  isFailure?: (error: unknown) => boolean;
  /** The clock in ms. Default `Date.now`; tests pass a virtual one. */
  now?: () => number;
}

/**
 * A circuit breaker in front of a flaky dependency (a model API, a tool server). It watches the
 * outcomes of the latest `windowSize` calls and, once their failure rate reaches the threshold,
 * stops calling the dependency for `openDurationMs`: callers fail fast with
 * {@link CircuitOpenError} instead of piling up timeouts and retries on a service that is down.
 *
 * - closed: calls go through; each outcome enters the rolling window of the last `windowSize`.
 * - open: calls are refused at once, without calling `fn`, until `openDurationMs` has passed.
 * - half-open: up to `halfOpenProbes` calls at a time go through as probes; the first probe to
 *   succeed closes the circuit (with an empty window), the first to fail opens it again.
 *
 * A call counts only in the state it was admitted in: a slow call started before the circuit
 * opened cannot close it when it finally succeeds. Time is read from `now` on each call; no
 * timer runs. O(1) per call.
 *
 * @throws RangeError for an out-of-range option.
 * @example
 * const breaker = new CircuitBreaker({ windowSize: 20, failureRateThreshold: 0.5, openDurationMs: 30_000 });
 * const reply = await breaker.call(() => client.messages.create(request));
 */
export class CircuitBreaker {
  readonly #windowSize: number;
  readonly #threshold: number;
  readonly #minimumCalls: number;
  readonly #openDurationMs: number;
  readonly #maxProbes: number;
  readonly #isFailure: (error: unknown) => boolean;
  readonly #now: () => number;
  #state: CircuitState = 'closed';
  // The rolling window: a ring of the latest outcomes (true = failure), with running counts.
  #outcomes: boolean[] = [];
  #next = 0;
  #failures = 0;
  #retryAt = 0;
  #probes = 0;
  // Bumped on every change of state; a call's outcome counts only if it is unchanged.
  #generation = 0;

  /**
   * @throws RangeError for an out-of-range option.
   * @example
   * new CircuitBreaker({ windowSize: 10, failureRateThreshold: 0.5, minimumCalls: 5, openDurationMs: 10_000, halfOpenProbes: 2 });
   */
  constructor(options: CircuitBreakerOptions) {
    const { windowSize, failureRateThreshold, openDurationMs, halfOpenProbes = 1, isFailure = () => true, now = Date.now } = options;
    const minimumCalls = options.minimumCalls ?? windowSize;
    integerFrom(windowSize, 1, 'windowSize');
    integerFrom(minimumCalls, 1, 'minimumCalls');
    if (minimumCalls > windowSize) throw new RangeError(`Expected \`minimumCalls\` to be at most \`windowSize\` (${windowSize}), got ${minimumCalls}`);
    integerFrom(halfOpenProbes, 1, 'halfOpenProbes');
    if (typeof failureRateThreshold !== 'number' || !(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
      throw new RangeError(`Expected \`failureRateThreshold\` to be a number in (0, 1], got ${String(failureRateThreshold)} (${typeof failureRateThreshold})`);
    }
    if (!Number.isFinite(openDurationMs) || openDurationMs <= 0) {
      throw new RangeError(`Expected \`openDurationMs\` to be a finite number > 0, got ${String(openDurationMs)} (${typeof openDurationMs})`);
    }
    this.#windowSize = windowSize;
    this.#threshold = failureRateThreshold;
    this.#minimumCalls = minimumCalls;
    this.#openDurationMs = openDurationMs;
    this.#maxProbes = halfOpenProbes;
    this.#isFailure = isFailure;
    this.#now = now;
  }

  /**
   * The state now: an open circuit whose open duration has passed reads as `'half-open'`.
   *
   * @example
   * metrics.gauge('model_api_circuit', breaker.state);
   */
  get state(): CircuitState {
    if (this.#state === 'open' && this.#now() >= this.#retryAt) this.#enter('half-open');
    return this.#state;
  }

  /**
   * Calls `fn` if the circuit lets it through, records its outcome, and returns its result or
   * rethrows its error unchanged.
   *
   * @throws CircuitOpenError (as a rejection), without calling `fn`, while the circuit is open
   *   or all probe slots are taken; TypeError (as a rejection, not counted) when `fn` is not a
   *   function.
   * @example
   * const summary = await breaker.call(() => summarise(document));
   */
  async call<T>(fn: () => T | Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError(`Expected \`fn\` to be a function, got ${String(fn)} (${typeof fn})`);
    const state = this.state;
    if (state === 'open') throw new CircuitOpenError(this.#retryAt, this.#retryAt - this.#now());
    if (state === 'half-open') {
      if (this.#probes >= this.#maxProbes) throw new CircuitOpenError(this.#now(), 0);
      this.#probes++;
    }
    const generation = this.#generation;
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      if (generation === this.#generation) this.#record(state, this.#isFailure(error) ? 'failure' : 'ignored');
      throw error;
    }
    if (generation === this.#generation) this.#record(state, 'success');
    return result;
  }

  #record(admittedIn: CircuitState, outcome: 'success' | 'failure' | 'ignored'): void {
    if (admittedIn === 'half-open') {
      this.#probes--;
      if (outcome === 'success') this.#enter('closed');
      else if (outcome === 'failure') this.#enter('open');
      return;
    }
    if (outcome === 'ignored') return;
    const failed = outcome === 'failure';
    // Slot #next is empty until the window is full, then holds the oldest outcome, which leaves
    // the window as this one enters it.
    if (this.#outcomes[this.#next]) this.#failures--;
    this.#outcomes[this.#next] = failed;
    this.#next = (this.#next + 1) % this.#windowSize;
    if (failed) this.#failures++;
    const calls = this.#outcomes.length;
    if (calls >= this.#minimumCalls && this.#failures / calls >= this.#threshold) this.#enter('open');
  }

  #enter(state: CircuitState): void {
    this.#state = state;
    this.#generation++;
    this.#probes = 0;
    this.#outcomes = [];
    this.#next = 0;
    this.#failures = 0;
    if (state === 'open') this.#retryAt = this.#now() + this.#openDurationMs;
  }
}

function integerFrom(value: number, min: number, name: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`Expected \`${name}\` to be an integer >= ${min}, got ${String(value)} (${typeof value})`);
  }
}
