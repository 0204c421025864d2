/**
 * Bug: the token bucket refills from a setInterval timer instead of the clock: the refill drifts with
 * timer delays, costs a timer per limiter, and under an injected clock nothing ever comes back.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  readonly #buckets = new RecentKeys<{ tokens: number; at: number }>();', '  readonly #buckets = new RecentKeys<{ tokens: number; at: number }>();\n  readonly #all = new Set<{ tokens: number; at: number }>();'],
  ["    this.#rate = positive(options.refillPerSecond, 'refillPerSecond');", "    this.#rate = positive(options.refillPerSecond, 'refillPerSecond');\n    setInterval(() => {\n      for (const bucket of this.#all) bucket.tokens = Math.min(this.#capacity, bucket.tokens + 1);\n    }, 1000 / this.#rate).unref();"],
  ['        this.#buckets.set(key, bucket, node);', '        this.#all.add(bucket);\n        this.#buckets.set(key, bucket, node);'],
  ['    return Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);', '    return bucket.tokens;'],
]);
