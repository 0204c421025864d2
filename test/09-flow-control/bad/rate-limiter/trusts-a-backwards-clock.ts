/**
 * Bug: a clock reading earlier than the last one is used as is: the token bucket refills a negative
 * amount and GCRA tells a waiting client to wait the extra time.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['this.#latest = Math.max(this.#latest, this.read());', 'this.#latest = this.read();'],
]);
