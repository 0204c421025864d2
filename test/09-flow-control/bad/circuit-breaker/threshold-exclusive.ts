/**
 * Bug: opens only when the failure rate is above the threshold, not when it reaches it.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['this.#failures / calls >= this.#threshold', 'this.#failures / calls > this.#threshold'],
]);
