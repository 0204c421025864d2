/**
 * Bug: GCRA moves the TAT on refused requests too, so a client that keeps retrying pushes its
 * own next slot further away and never gets in.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/rate-limiter.ts');

export const { TokenBucketLimiter, GcraLimiter, RequestTokenLimiter, CostExceedsCapacityError } = await mutant<Module>('09-flow-control/rate-limiter', [
  ['    const until = allowed ? newTat : tat;', '    const until = spend ? newTat : allowed ? newTat : tat;'],
  ['    if (allowed && spend) {\n      if (until > now) this.#tats.set(key, until);', '    if (spend) {\n      if (until > now) this.#tats.set(key, until);'],
]);
