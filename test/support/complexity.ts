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
}

export interface Growth {
  smallNsPerOp: number;
  largeNsPerOp: number;
  /** largeNsPerOp / smallNsPerOp. About 1 for O(1); about large/small for O(n). */
  ratio: number;
}

export function measureGrowth<S>(options: GrowthOptions<S>): Growth {
  const { ops = 2_000, rounds = 7, reuseState = false } = options;
  const time = (n: number): number => {
    let best = Number.POSITIVE_INFINITY;
    let shared: S | undefined;
    for (let round = 0; round < rounds; round++) {
      const state = reuseState ? (shared ??= options.setup(n)) : options.setup(n);
      const start = process.hrtime.bigint();
      for (let i = 0; i < ops; i++) options.operation(state, i);
      const elapsed = Number(process.hrtime.bigint() - start);
      best = Math.min(best, elapsed / ops);
    }
    return Math.max(best, 1);
  };
  time(options.small); // warm-up, so the JIT has compiled the operation before it is measured
  const smallNsPerOp = time(options.small);
  const largeNsPerOp = time(options.large);
  return { smallNsPerOp, largeNsPerOp, ratio: largeNsPerOp / smallNsPerOp };
}

/** A message for a failed growth check, in the learner's terms. */
export function describeGrowth(growth: Growth, small: number, large: number): string {
  return (
    `one operation took ${growth.smallNsPerOp.toFixed(0)} ns with ${small} items queued and ` +
    `${growth.largeNsPerOp.toFixed(0)} ns with ${large} (${growth.ratio.toFixed(1)}x slower); ` +
    'a constant-time operation should cost about the same at both sizes'
  );
}
