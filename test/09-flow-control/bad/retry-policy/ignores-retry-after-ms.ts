/**
 * Bug: retry-after-ms is ignored; only the coarser Retry-After is read.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['  if (ms !== undefined && DECIMAL.test(ms)) return Number(ms);\n', ''],
]);
