/**
 * Bug: Retry-After is read with parseInt: an HTTP-date gives NaN and "1.5" gives 1 s.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['  if (DECIMAL.test(value)) return Number(value) * 1000;\n', '  return parseInt(value, 10) * 1000;\n'],
]);
