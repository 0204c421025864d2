/**
 * Bug: keys are never dropped, so memory grows with every key ever seen: a scan from a million
 * IP addresses leaves a million entries behind.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['    while (this.#oldest && idle(this.#oldest.state)) this.delete(this.#oldest.key);\n', ''],
]);
