/**
 * Bug: an HTTP-date is measured against Date.now() instead of the injected now(), so the wait
 * depends on when the code runs.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['  const time = now();\n', '  const time = Date.now();\n'],
]);
