/**
 * Bug: header names are compared as written, so `Retry-After` and `X-Should-Retry` from a real
 * response are never found.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/retry-policy.ts');

export const { decideRetry } = await mutant<Module>('09-flow-control/retry-policy', [
  ['const key = name.toLowerCase();', 'const key = name;'],
]);
