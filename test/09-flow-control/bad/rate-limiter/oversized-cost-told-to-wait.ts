/**
 * Bug: a cost above the capacity is refused with a retryAfterMs, as if waiting could ever let it
 * through; the client retries forever.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['  if (cost > capacity) throw new CostExceedsCapacityError(cost, capacity);\n', ''],
]);
