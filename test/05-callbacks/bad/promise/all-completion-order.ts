/**
 * Bug: `MyPromise.all` pushes each result as it arrives, so results come in completion order
 * instead of input order.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['        const at = index++;', '        index++;'],
    ['          results[at] = result;', '          results.push(result);'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
