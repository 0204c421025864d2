// stub-hash: c6fb4519896dd114
// Exercise 09-flow-control/circuit-breaker: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 09-flow-control/circuit-breaker

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
  /**
   * @throws RangeError for an out-of-range option.
   * @example
   * new CircuitBreaker({ windowSize: 10, failureRateThreshold: 0.5, minimumCalls: 5, openDurationMs: 10_000, halfOpenProbes: 2 });
   */
  constructor(options: CircuitBreakerOptions) {
    // TODO: implement CircuitBreaker.constructor.
    throw new Error('TODO: implement CircuitBreaker.constructor');
  }

  /**
   * The state now: an open circuit whose open duration has passed reads as `'half-open'`.
   *
   * @example
   * metrics.gauge('model_api_circuit', breaker.state);
   */
  get state(): CircuitState {
    // TODO: implement CircuitBreaker.state.
    throw new Error('TODO: implement CircuitBreaker.state');
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
    // TODO: implement CircuitBreaker.call.
    throw new Error('TODO: implement CircuitBreaker.call');
  }
}
