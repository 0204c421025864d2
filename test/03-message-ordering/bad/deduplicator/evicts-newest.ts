/**
 * Bug: when full, it forgets the most recently seen id instead of the oldest, so the ids most
 * likely to be redelivered soon are the ones it loses.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['this.#remove(this.#oldest!);', 'this.#remove(this.#newest!);'],
]);
