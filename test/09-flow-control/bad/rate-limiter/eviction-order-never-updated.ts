/**
 * Bug: a key's place in the eviction order is fixed when it is first stored and never moves when
 * it is spent again, so a key in constant use sits at the front forever and every idle key behind
 * it stays in memory.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (node === this.#newest) return;', 'return;'],
]);
