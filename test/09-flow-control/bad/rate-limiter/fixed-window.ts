/**
 * Bug: the token bucket is replaced by a fixed-window counter (capacity per window of
 * capacity / refillPerSecond seconds): a full burst just before a window ends and another just after
 * it let twice the capacity through within milliseconds.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['    return Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);', '    const windowMs = (this.#capacity / this.#rate) * 1000;\n    return Math.floor(now / windowMs) === Math.floor(bucket.at / windowMs) ? bucket.tokens : this.#capacity;'],
]);
