/**
 * Bug: plain exponential backoff without jitter: every client that failed at the same moment
 * comes back at the same moment, and the retry storm repeats at each step.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['return { retry: true, delayMs: Math.floor(random() * ceiling) };', 'return { retry: true, delayMs: Math.floor(ceiling) };'],
]);
