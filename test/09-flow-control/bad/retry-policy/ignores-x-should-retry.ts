/**
 * Bug: the server's x-should-retry verdict is ignored; only the status decides.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ["const retryable = verdict === 'true' ? true : verdict === 'false' ? false : isRetryableStatus(status);", 'const retryable = isRetryableStatus(status);'],
]);
