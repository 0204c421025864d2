/**
 * Bug: every key shares one bucket, so one noisy tenant exhausts the limit for all of them.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['    const tokens = this.#tokensAt(this.#buckets.get(key), now);', "    key = 'global';\n    const tokens = this.#tokensAt(this.#buckets.get(key), now);"],
  ['    const tat = Math.max(this.#tats.get(key) ?? now, now);', "    key = 'global';\n    const tat = Math.max(this.#tats.get(key) ?? now, now);"],
]);
