/**
 * Bug: maxPending is ignored: every load joins a batch at once, so a burst grows memory without
 * bound instead of making callers wait.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (this.#pending < this.#maxPending && this.#waitingHead === this.#waiting.length) {', 'if (true) {'],
]);
