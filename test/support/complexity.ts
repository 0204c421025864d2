/**
 * Complexity checks by growth ratio, not wall-clock limits: the same operation is timed at a
 * small and a large size, and only the ratio of the per-operation costs is asserted. Each side
 * keeps the fastest of several rounds, which filters out GC pauses and a busy neighbour core.
 */
export interface GrowthOptions<S> {
  /** Builds a fresh state holding `n` items (not timed). */
  setup: (n: number) => S;
  /** One operation; called `ops` times per round and timed. Must leave the size unchanged on average. */
  operation: (state: S, i: number) => void;
  small: number;
  large: number;
  /** Operations per round. */
  ops?: number;
  rounds?: number;
  /**
   * Build the state once per size and reuse it across rounds (the operation must keep the size
   * steady). Use it when building a large state is itself slow for a naive implementation.
   */
  reuseState?: boolean;
  /**
   * The limit the ratio will be held to (as in {@link expectGrowth}). With it, the large size stops
   * being measured once three rounds have shown that even the fastest is over eight times the
   * limit, and each of those rounds stops as soon as its time alone shows it: on a naive
   * implementation a round may take seconds, and a correct one is never that slow three times
   * running, however busy the machine.
   */
  limit?: number;
}

export interface Growth {
  smallNsPerOp: number;
  largeNsPerOp: number;
  /** largeNsPerOp / smallNsPerOp. About 1 for O(1); about large/small for O(n). */
  ratio: number;
}

export function measureGrowth<S>(options: GrowthOptions<S>): Growth {
  const { ops = 2_000, rounds = 7, reuseState = false } = options;
  const time = (n: number, hopeless = Number.POSITIVE_INFINITY): number => {
    let best = Number.POSITIVE_INFINITY;
    let shared: S | undefined;
    for (let round = 0; round < rounds; round++) {
      const state = reuseState ? (shared ??= options.setup(n)) : options.setup(n);
      const start = process.hrtime.bigint();
      // A round whose time so far already exceeds a whole round at the hopeless rate is over the
      // limit whatever its remaining operations cost: it stops there, and its operations so far
      // give its rate. The clock is read every 64 operations, at both sizes alike.
      const budget = hopeless * ops;
      let done = 0;
      let elapsed = 0;
      while (done < ops) {
        options.operation(state, done++);
        if ((done & 63) === 0 || done === ops) {
          elapsed = Number(process.hrtime.bigint() - start);
          if (elapsed > budget) break;
        }
      }
      best = Math.min(best, elapsed / done);
      if (round >= 2 && best > hopeless) break;
    }
    return Math.max(best, 1);
  };
  time(options.small); // warm-up, so the JIT has compiled the operation before it is measured
  const smallNsPerOp = time(options.small);
  const largeNsPerOp = time(options.large, options.limit === undefined ? undefined : 8 * options.limit * smallNsPerOp);
  return { smallNsPerOp, largeNsPerOp, ratio: largeNsPerOp / smallNsPerOp };
}

export interface GrowthExpectation {
  small: number;
  large: number;
  /** The largest ratio a correct solution may show (set well above its ratio on a busy machine). */
  limit: number;
  /** The complexity the contract states. Default `constant`. */
  expected?: 'constant' | 'logarithmic';
  /** What one timed operation is, for the message: `one enqueue + dequeue`. Default `one operation`. */
  operation?: string;
  /** What the size counts: `messages queued`, `senders waiting`, `bytes buffered` (default `items queued`). */
  what?: string;
  /** The likely cause, where the exercise knows it: `Array#shift moves every remaining message`. */
  cause?: string;
}

/**
 * Asserts that a measured growth is within the limit, and otherwise fails with a message in the
 * learner's terms (see {@link describeGrowth}) instead of "expected 1348.65 to be less than 15".
 *
 * @example
 * expectGrowth(growth, { small: 1_000, large: 200_000, limit: 15, operation: 'one enqueue + dequeue', cause: 'Array#shift moves every remaining message' });
 */
export function expectGrowth(growth: Growth, expectation: GrowthExpectation): void {
  if (growth.ratio < expectation.limit) return;
  throw new Error(describeGrowth(growth, expectation.small, expectation.large, expectation));
}

/**
 * A failed growth check in the learner's terms: how the time of one operation grew with the
 * size, what that growth means, what the contract asks for, and the likely cause when known.
 *
 * @example
 * describeGrowth({ smallNsPerOp: 52, largeNsPerOp: 70_130, ratio: 1348.7 }, 1_000, 200_000, { what: 'messages queued' });
 * // 'One operation took 52 ns with 1,000 messages queued and 70,130 ns with 200,000: 1,349 times as
 * //  long, for 200 times as many. That is linear growth (O(n) per operation): each operation does work
 * //  in proportion to the number of messages queued. A constant-time operation costs about the same at
 * //  both sizes.'
 */
export function describeGrowth(growth: Growth, small: number, large: number, options: Omit<GrowthExpectation, 'small' | 'large' | 'limit'> = {}): string {
  const what = options.what ?? 'items queued';
  const operation = options.operation ?? 'one operation';
  const sizeRatio = large / small;
  const exponent = Math.log(Math.max(growth.ratio, 1)) / Math.log(sizeRatio);
  const meaning =
    exponent >= 1.5
      ? `That is more than linear growth: the cost of each operation grows faster than the number of ${what}`
      : exponent >= 0.7
        ? `That is linear growth (O(n) per operation): each operation does work in proportion to the number of ${what}`
        : `The cost grows with the number of ${what}, more than the contract allows`;
  const wanted =
    options.expected === 'logarithmic'
      ? `An O(log n) operation takes only about ${Math.max(2, Math.round(Math.log2(large) / Math.log2(small)))} times as long between these sizes.`
      : 'A constant-time operation costs about the same at both sizes.';
  const first = operation.charAt(0).toUpperCase() + operation.slice(1);
  return (
    `${first} took ${count(growth.smallNsPerOp)} ns with ${count(small)} ${what} and ${count(growth.largeNsPerOp)} ns with ${count(large)}: ` +
    `${count(growth.ratio)} times as long, for ${count(sizeRatio)} times as many. ${meaning}. ${wanted}` +
    (options.cause ? ` Likely cause: ${options.cause}.` : '')
  );
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
