/**
 * Bug: every task starts as soon as it is submitted. Fast and fully parallel, but two turns of
 * the same conversation can run at once and finish in either order.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    [
      'const previous = this.#tails.get(key) ?? Promise.resolve();',
      'const previous = Promise.resolve();',
    ],
  ],
  { base: 'test/03-message-ordering/bad/compact-keyed-executor.ts' },
);
