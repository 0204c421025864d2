/**
 * Bug: the token bucket refills without a ceiling, so an hour of idling banks an hour of tokens
 * and lets a giant burst through.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['return Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);', 'return bucket.tokens + ((now - bucket.at) * this.#rate) / 1000;'],
]);
