/**
 * Bug: every key shares one bucket, so one noisy tenant exhausts the limit for all of them.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['    this.#evictIdle(now);\n    const tokens = ', "    this.#evictIdle(now);\n    key = 'global';\n    const tokens = "],
  ['    this.#evictIdle(now);\n    const tat = ', "    this.#evictIdle(now);\n    key = 'global';\n    const tat = "],
]);
