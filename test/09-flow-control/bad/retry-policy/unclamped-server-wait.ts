/**
 * Bug: the server's wait is not capped at maxDelayMs: `Retry-After: 3600` parks the call for an hour.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['Math.floor(Math.min(maxDelayMs, Math.max(0, asked)))', 'Math.floor(Math.max(0, asked))'],
]);
