/** Bug: nothing is forgotten to make room: `capacity` is ignored and the memory only grows. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#entries.size === this.#capacity) this.#remove(this.#oldest!);\n', ''],
]);
