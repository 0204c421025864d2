/**
 * Bug: the token bucket refills from a setInterval timer instead of the clock: the refill drifts with
 * timer delays, costs a timer per limiter, and under an injected clock nothing ever comes back.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ["    this.#rate = positive(options.refillPerSecond, 'refillPerSecond');", "    this.#rate = positive(options.refillPerSecond, 'refillPerSecond');\n    setInterval(() => {\n      for (const bucket of this.#buckets.values()) bucket.tokens = Math.min(this.#capacity, bucket.tokens + 1);\n    }, 1000 / this.#rate).unref();"],
  ['    return Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);', '    return bucket.tokens;'],
]);
