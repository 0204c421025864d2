/**
 * Bug: an outcome leaving the rolling window does not take its failure with it, so old failures
 * add up and the circuit opens on a healthy service.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#outcomes[this.#next]) this.#failures--;\n', ''],
]);
