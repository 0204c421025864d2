/**
 * Bug: gives up only when attempt > maxAttempts, so a call makes maxAttempts + 1 attempts.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['if (attempt >= maxAttempts) return', 'if (attempt > maxAttempts) return'],
]);
