/**
 * Bug: the backoff ceiling is baseDelayMs × 2^attempt, twice too long from the first retry on.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['baseDelayMs * 2 ** (attempt - 1)', 'baseDelayMs * 2 ** attempt'],
]);
