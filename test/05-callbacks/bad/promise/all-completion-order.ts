/**
 * Bug: `MyPromise.all` pushes each result as it arrives, so results come in completion order
 * instead of input order.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/promise.ts');

export const { MyPromise } = await mutant<Module>(
  '05-callbacks/promise',
  [
    ['        const at = index++;', '        index++;'],
    ['          results[at] = result;', '          results.push(result);'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
