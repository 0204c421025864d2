/**
 * Bug: no duplicate check before storing an early message. A second copy overwrites the first,
 * is reported as buffered rather than as a duplicate, and is counted twice in `size`.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["      if (this.#present[slot]) return { kind: 'duplicate' };\n", ''],
]);
